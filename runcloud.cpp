/* Module glue: INI, globals, class registration, phpinfo. The Zend layer is in src/zend/, the Zend-free engine in src/engine/. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php_runcloud.h"

extern "C" {
#include "ext/spl/spl_exceptions.h"
#include "ext/standard/info.h"
#include "zend_attributes.h"
#include "zend_exceptions.h"
#include "zend_interfaces.h"
}

#include <curl/curl.h>
#include <idn2.h>
#include <simdjson.h>

#ifdef _WIN32
#include <io.h>
#define access _access
#define R_OK 4
#else
#include <unistd.h>
#endif

#include <cstring>
#include <string>

#include "src/engine/transport/http.h"
#include "src/zend/php_classes.h"

/* gen_stub.php writes C, which passes a void * where C++ wants the zend_function * it points to. */
static inline zend_attribute *zend_add_parameter_attribute(void *func, uint32_t offset, zend_string *name, uint32_t argc) {
    return zend_add_parameter_attribute(static_cast<zend_function *>(func), offset, name, argc);
}

#include "runcloud_arginfo.h"

ZEND_DECLARE_MODULE_GLOBALS(runcloud)

/* INI values are checked like the options: a bad one is refused with a warning and the value in force
 * (the default at start-up) is kept. */
static void refuse_ini(zend_ini_entry *entry, zend_string *value, const char *must) {
    std::string kept = entry->value ? std::string("\"") + ZSTR_VAL(entry->value) + "\"" : std::string("the default");
    php_error_docref(nullptr, E_WARNING, "%s must be %s; \"%s\" refused, keeping %s", ZSTR_VAL(entry->name), must,
                     ZSTR_VAL(value), kept.c_str());
}

static bool ini_seconds(zend_string *value, double max, double &out, bool zero_ok = false) {
    const char *end = nullptr;
    out = zend_strtod(ZSTR_VAL(value), &end);
    return ZSTR_LEN(value) > 0 && end == ZSTR_VAL(value) + ZSTR_LEN(value) && (out > 0 || (zero_ok && out == 0)) &&
           out <= max;
}

static ZEND_INI_MH(OnUpdateRunCloudTimeout) {
    double v;
    if (!ini_seconds(new_value, 86400, v)) { refuse_ini(entry, new_value, "a number of seconds greater than 0 and at most 86400"); return FAILURE; }
    return OnUpdateReal(entry, new_value, mh_arg1, mh_arg2, mh_arg3, stage);
}

static ZEND_INI_MH(OnUpdateRunCloudConnectTimeout) {
    double v;
    if (!ini_seconds(new_value, 3600, v)) { refuse_ini(entry, new_value, "a number of seconds greater than 0 and at most 3600"); return FAILURE; }
    return OnUpdateReal(entry, new_value, mh_arg1, mh_arg2, mh_arg3, stage);
}

static ZEND_INI_MH(OnUpdateRunCloudSslModeTtl) {
    double v;  // 0 is allowed: the mode is then read before every per-domain install
    if (!ini_seconds(new_value, 86400, v, true)) { refuse_ini(entry, new_value, "a number of seconds from 0 to 86400"); return FAILURE; }
    return OnUpdateReal(entry, new_value, mh_arg1, mh_arg2, mh_arg3, stage);
}

static ZEND_INI_MH(OnUpdateRunCloudCaInfo) {
    if (ZSTR_LEN(new_value) > 0 && (std::strlen(ZSTR_VAL(new_value)) != ZSTR_LEN(new_value) || access(ZSTR_VAL(new_value), R_OK) != 0)) {
        { refuse_ini(entry, new_value, "empty or a readable file"); return FAILURE; }
    }
    return OnUpdateString(entry, new_value, mh_arg1, mh_arg2, mh_arg3, stage);
}

static ZEND_INI_MH(OnUpdateRunCloudMaxResponseSize) {
    zend_string *error = nullptr;
    zend_long v = zend_ini_parse_quantity(new_value, &error);
    bool bad = error != nullptr || v <= 0 || v > (zend_long(1) << 30);
    if (error) zend_string_release(error);
    if (bad) { refuse_ini(entry, new_value, "a size greater than 0 and at most 1G (e.g. 4M)"); return FAILURE; }
    return OnUpdateLong(entry, new_value, mh_arg1, mh_arg2, mh_arg3, stage);
}

/* Zend's INI macros store each setting's offset in its globals as a pointer. */
// NOLINTBEGIN(performance-no-int-to-ptr)
PHP_INI_BEGIN()
    STD_PHP_INI_ENTRY("runcloud.timeout", "30", PHP_INI_ALL, OnUpdateRunCloudTimeout, timeout, zend_runcloud_globals, runcloud_globals)
    STD_PHP_INI_ENTRY("runcloud.connect_timeout", "10", PHP_INI_ALL, OnUpdateRunCloudConnectTimeout, connect_timeout, zend_runcloud_globals, runcloud_globals)
    STD_PHP_INI_ENTRY("runcloud.ca_info", "", PHP_INI_ALL, OnUpdateRunCloudCaInfo, ca_info, zend_runcloud_globals, runcloud_globals)
    STD_PHP_INI_BOOLEAN("runcloud.persistent", "1", PHP_INI_ALL, OnUpdateBool, persistent, zend_runcloud_globals, runcloud_globals)
    STD_PHP_INI_ENTRY("runcloud.ssl_mode_ttl", "60", PHP_INI_ALL, OnUpdateRunCloudSslModeTtl, ssl_mode_ttl, zend_runcloud_globals, runcloud_globals)
    STD_PHP_INI_ENTRY("runcloud.max_response_size", "4M", PHP_INI_ALL, OnUpdateRunCloudMaxResponseSize, max_response_size, zend_runcloud_globals, runcloud_globals)
PHP_INI_END()
// NOLINTEND(performance-no-int-to-ptr)

runcloud::Pool *php_runcloud_pool() { return RUNCLOUD_G(pool); }

#if defined(__GLIBC__)
#include <malloc.h>
/* libcurl copies the Authorization header into buffers of its own (the request it sends) and frees them
 * unwiped. With these allocation functions everything libcurl frees is wiped first, so no copy of a
 * credential stays in freed memory. They only take effect when this extension is the first to initialise
 * libcurl in the process (PHP's curl extension, loaded before it, keeps libcurl's defaults). */
static void wiping_free(void *p) {
    if (!p) return;
    volatile unsigned char *b = static_cast<unsigned char *>(p);
    for (size_t i = 0, n = malloc_usable_size(p); i < n; i++) b[i] = 0;
    free(p);
}

static void *wiping_realloc(void *p, size_t n) {
    if (!p) return malloc(n);
    if (n == 0) {
        wiping_free(p);
        return nullptr;
    }
    size_t old = malloc_usable_size(p);
    if (n <= old) return p;  // glibc would shrink in place: keep the block, nothing is left behind
    void *q = malloc(n);
    if (!q) return nullptr;
    std::memcpy(q, p, old);
    wiping_free(p);
    return q;
}

static char *wiping_strdup(const char *s) {
    size_t n = std::strlen(s) + 1;
    char *p = static_cast<char *>(malloc(n));
    if (p) std::memcpy(p, s, n);
    return p;
}

static CURLcode init_libcurl() {
    return curl_global_init_mem(CURL_GLOBAL_DEFAULT, malloc, wiping_free, wiping_realloc, wiping_strdup, calloc);
}
#else
static CURLcode init_libcurl() { return curl_global_init(CURL_GLOBAL_DEFAULT); }
#endif

/* The pool holds sockets and belongs to this thread's globals (the process's, without ZTS). */
static PHP_GINIT_FUNCTION(runcloud) {
#if defined(COMPILE_DL_RUNCLOUD) && defined(ZTS)
    ZEND_TSRMLS_CACHE_UPDATE();
#endif
    memset(runcloud_globals, 0, sizeof(*runcloud_globals));
    php_runcloud_guard([&] { runcloud_globals->pool = new runcloud::Pool(); });
}

static PHP_GSHUTDOWN_FUNCTION(runcloud) {
    php_runcloud_guard([&] { delete runcloud_globals->pool; });
    runcloud_globals->pool = nullptr;
}

PHP_MINIT_FUNCTION(runcloud) {
    REGISTER_INI_ENTRIES();
    if (init_libcurl() != CURLE_OK) return FAILURE;

    php_runcloud_client_ce = register_class_RunCloud_Client();
    php_runcloud_client_init(php_runcloud_client_ce);
    php_runcloud_domain_ce = register_class_RunCloud_Domain();
    php_runcloud_ssl_ce = register_class_RunCloud_Ssl();
    php_runcloud_sync_result_ce = register_class_RunCloud_SyncResult();

    zend_class_entry *marker = php_runcloud_exception_ce = register_class_RunCloud_Exception(zend_ce_throwable);
    zend_class_entry *request = php_runcloud_request_exception_ce = register_class_RunCloud_RequestException(marker);
    zend_class_entry *api = php_runcloud_api_exception_ce = register_class_RunCloud_ApiException(spl_ce_RuntimeException, request);
    php_runcloud_authentication_exception_ce = register_class_RunCloud_AuthenticationException(api);
    php_runcloud_not_found_exception_ce = register_class_RunCloud_NotFoundException(api);
    php_runcloud_validation_exception_ce = register_class_RunCloud_ValidationException(api);
    php_runcloud_rate_limit_exception_ce = register_class_RunCloud_RateLimitException(api);
    php_runcloud_server_exception_ce = register_class_RunCloud_ServerException(api);
    php_runcloud_transport_exception_ce = register_class_RunCloud_TransportException(spl_ce_RuntimeException, request);
    php_runcloud_unexpected_response_exception_ce =
        register_class_RunCloud_UnexpectedResponseException(spl_ce_UnexpectedValueException, request);
    php_runcloud_throttled_exception_ce = register_class_RunCloud_ThrottledException(spl_ce_RuntimeException, request);
    php_runcloud_ssl_mode_exception_ce = register_class_RunCloud_SslModeException(spl_ce_RuntimeException, marker);
    php_runcloud_domain_not_found_exception_ce = register_class_RunCloud_DomainNotFoundException(spl_ce_RuntimeException, marker);
    php_runcloud_busy_exception_ce = register_class_RunCloud_BusyException(spl_ce_LogicException, marker);
    php_runcloud_configuration_exception_ce = register_class_RunCloud_ConfigurationException(spl_ce_LogicException, marker);
    return SUCCESS;
}

PHP_MSHUTDOWN_FUNCTION(runcloud) {
    UNREGISTER_INI_ENTRIES();
#ifndef ZTS
    /* GSHUTDOWN runs after MSHUTDOWN without ZTS: the pool goes now, while libcurl is still there. */
    php_runcloud_guard([] { delete RUNCLOUD_G(pool); });
    RUNCLOUD_G(pool) = nullptr;
#endif
    curl_global_cleanup();
    return SUCCESS;
}

PHP_MINFO_FUNCTION(runcloud) {
    const curl_version_info_data *curl = curl_version_info(CURLVERSION_NOW);
    php_info_print_table_start();
    php_info_print_table_row(2, "RunCloud API client", "enabled");
    php_info_print_table_row(2, "Version", PHP_RUNCLOUD_VERSION);
    php_info_print_table_row(2, "libcurl version", curl->version);
    php_info_print_table_row(2, "libcurl TLS backend", curl->ssl_version ? curl->ssl_version : "none");
    php_info_print_table_row(2, "libcurl HTTP/2", (curl->features & CURL_VERSION_HTTP2) ? "yes" : "no");
    std::string simdjson_version = std::to_string(simdjson::SIMDJSON_VERSION_MAJOR) + "." +
                                   std::to_string(simdjson::SIMDJSON_VERSION_MINOR) + "." +
                                   std::to_string(simdjson::SIMDJSON_VERSION_REVISION);
    php_info_print_table_row(2, "simdjson version", simdjson_version.c_str());
    php_info_print_table_row(2, "simdjson implementation", simdjson::get_active_implementation()->name().c_str());
    php_info_print_table_row(2, "libidn2 version", idn2_check_version(nullptr));
    runcloud::Pool *pool = RUNCLOUD_G(pool);
    std::string sessions = std::to_string(pool ? pool->sessions() : 0);
    std::string idle = std::to_string(pool ? pool->idle_handles() : 0);
    php_info_print_table_row(2, "Pooled sessions", sessions.c_str());
    php_info_print_table_row(2, "Idle transfer handles in the pool", idle.c_str());
    php_info_print_table_end();
    DISPLAY_INI_ENTRIES();
}

zend_module_entry runcloud_module_entry = {
    STANDARD_MODULE_HEADER,
    "runcloud",
    nullptr,
    PHP_MINIT(runcloud),
    PHP_MSHUTDOWN(runcloud),
    nullptr,
    nullptr,
    PHP_MINFO(runcloud),
    PHP_RUNCLOUD_VERSION,
    PHP_MODULE_GLOBALS(runcloud),
    PHP_GINIT(runcloud),
    PHP_GSHUTDOWN(runcloud),
    nullptr,
    STANDARD_MODULE_PROPERTIES_EX,
};

#ifdef COMPILE_DL_RUNCLOUD
#ifdef ZTS
ZEND_TSRMLS_CACHE_DEFINE()
#endif
extern "C" {
ZEND_GET_MODULE(runcloud)
}
#endif
