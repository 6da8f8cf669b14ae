/* Module glue: INI, globals, class registration, phpinfo. The engine is in src/. */
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
#include <simdjson.h>

#include "src/php_classes.h"

/* gen_stub.php writes C, which passes a void * where C++ wants the zend_function * it points to. */
static inline zend_attribute *zend_add_parameter_attribute(void *func, uint32_t offset, zend_string *name, uint32_t argc) {
    return zend_add_parameter_attribute(static_cast<zend_function *>(func), offset, name, argc);
}

#include "runcloud_arginfo.h"

ZEND_DECLARE_MODULE_GLOBALS(runcloud)

PHP_INI_BEGIN()
    STD_PHP_INI_ENTRY("runcloud.timeout", "30", PHP_INI_ALL, OnUpdateReal, timeout, zend_runcloud_globals, runcloud_globals)
    STD_PHP_INI_ENTRY("runcloud.connect_timeout", "10", PHP_INI_ALL, OnUpdateReal, connect_timeout, zend_runcloud_globals, runcloud_globals)
    STD_PHP_INI_ENTRY("runcloud.ca_info", "", PHP_INI_ALL, OnUpdateString, ca_info, zend_runcloud_globals, runcloud_globals)
    STD_PHP_INI_BOOLEAN("runcloud.persistent", "1", PHP_INI_ALL, OnUpdateBool, persistent, zend_runcloud_globals, runcloud_globals)
    STD_PHP_INI_ENTRY("runcloud.max_response_size", "4M", PHP_INI_ALL, OnUpdateLong, max_response_size, zend_runcloud_globals, runcloud_globals)
PHP_INI_END()

static PHP_GINIT_FUNCTION(runcloud) {
#if defined(COMPILE_DL_RUNCLOUD) && defined(ZTS)
    ZEND_TSRMLS_CACHE_UPDATE();
#endif
    memset(runcloud_globals, 0, sizeof(*runcloud_globals));
}

/* The connection pool is per thread and holds sockets: it goes with the thread's globals. */
static PHP_GSHUTDOWN_FUNCTION(runcloud) {
    php_runcloud_guard([] { runcloud::pool_clear(); });
}

PHP_MINIT_FUNCTION(runcloud) {
    REGISTER_INI_ENTRIES();
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) return FAILURE;

    php_runcloud_client_ce = register_class_RunCloud_Client();
    php_runcloud_client_init(php_runcloud_client_ce);
    php_runcloud_domain_ce = register_class_RunCloud_Domain();
    php_runcloud_ssl_ce = register_class_RunCloud_Ssl();
    php_runcloud_sync_result_ce = register_class_RunCloud_SyncResult();

    zend_class_entry *marker = php_runcloud_exception_ce = register_class_RunCloud_Exception(zend_ce_throwable);
    zend_class_entry *api = php_runcloud_api_exception_ce = register_class_RunCloud_ApiException(spl_ce_RuntimeException, marker);
    php_runcloud_authentication_exception_ce = register_class_RunCloud_AuthenticationException(api);
    php_runcloud_not_found_exception_ce = register_class_RunCloud_NotFoundException(api);
    php_runcloud_validation_exception_ce = register_class_RunCloud_ValidationException(api);
    php_runcloud_rate_limit_exception_ce = register_class_RunCloud_RateLimitException(api);
    php_runcloud_server_exception_ce = register_class_RunCloud_ServerException(api);
    php_runcloud_transport_exception_ce = register_class_RunCloud_TransportException(spl_ce_RuntimeException, marker);
    php_runcloud_unexpected_response_exception_ce =
        register_class_RunCloud_UnexpectedResponseException(spl_ce_UnexpectedValueException, marker);
    php_runcloud_configuration_exception_ce = register_class_RunCloud_ConfigurationException(spl_ce_LogicException, marker);
    return SUCCESS;
}

PHP_MSHUTDOWN_FUNCTION(runcloud) {
    UNREGISTER_INI_ENTRIES();
    php_runcloud_guard([] { runcloud::pool_clear(); });  /* this thread's, before libcurl goes */
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
