/* RunCloud\Client: the object, its handlers, argument and option checking, and the methods, each a thin
 * conversion around runcloud::Api. */
#include "php_classes.h"

extern "C" {
#include "ext/standard/base64.h"
#include "zend_exceptions.h"
#include "zend_interfaces.h"
}

#include <unistd.h>

#include <cmath>
#include <cstring>
#include <unordered_set>

#include "names.h"

zend_class_entry *php_runcloud_client_ce;

namespace {

zend_object_handlers client_handlers;

struct Client {
    runcloud::Api *api;
    zval logger;  // a callable, or UNDEF
    zend_object std;
};

Client *client_of(zend_object *obj) {
    return reinterpret_cast<Client *>(reinterpret_cast<char *>(obj) - XtOffsetOf(Client, std));
}

zend_object *client_create(zend_class_entry *ce) {
    auto *c = static_cast<Client *>(zend_object_alloc(sizeof(Client), ce));
    c->api = nullptr;
    ZVAL_UNDEF(&c->logger);
    zend_object_std_init(&c->std, ce);
    object_properties_init(&c->std, ce);
    c->std.handlers = &client_handlers;
    return &c->std;
}

void client_free(zend_object *obj) {
    Client *c = client_of(obj);
    php_runcloud_guard([c] { delete c->api; });
    c->api = nullptr;
    zval_ptr_dtor(&c->logger);
    zend_object_std_dtor(obj);
}

/* The logger may hold the client (a closure over $this): let the cycle collector see it. */
HashTable *client_gc(zend_object *obj, zval **table, int *n) {
    Client *c = client_of(obj);
    *table = Z_ISUNDEF(c->logger) ? nullptr : &c->logger;
    *n = Z_ISUNDEF(c->logger) ? 0 : 1;
    return zend_std_get_properties(obj);
}

/* What var_dump and print_r show: never a credential. */
HashTable *client_debug_info(zend_object *obj, int *is_temp) {
    Client *c = client_of(obj);
    *is_temp = 1;
    HashTable *ht = zend_new_array(6);
    if (!c->api) return ht;
    const runcloud::Settings &s = c->api->settings();
    zval v;
    ZVAL_LONG(&v, c->api->server_id());
    zend_hash_str_update(ht, "serverId", sizeof("serverId") - 1, &v);
    ZVAL_LONG(&v, c->api->webapp_id());
    zend_hash_str_update(ht, "webAppId", sizeof("webAppId") - 1, &v);
    ZVAL_STRINGL(&v, s.base_url.data(), s.base_url.size());
    zend_hash_str_update(ht, "baseUrl", sizeof("baseUrl") - 1, &v);
    bool basic = s.authorization.str().compare(0, 21, "Authorization: Basic ") == 0;
    ZVAL_STRING(&v, basic ? "basic" : "bearer");
    zend_hash_str_update(ht, "auth", sizeof("auth") - 1, &v);
    ZVAL_BOOL(&v, s.persistent);
    zend_hash_str_update(ht, "persistent", sizeof("persistent") - 1, &v);
    return ht;
}

Client *this_client(zval *self) {
    Client *c = client_of(Z_OBJ_P(self));
    if (!c->api) zend_throw_error(nullptr, "RunCloud\\Client has not been constructed");
    return c;
}

/* ---- argument checks: the engine's own ValueError / TypeError, never ours ---- */

bool check_id(zend_long id, uint32_t arg) {
    if (id > 0) return true;
    zend_argument_value_error(arg, "must be greater than 0");
    return false;
}

/* A credential goes into a header: no control characters, no spaces. */
bool check_credential(zend_string *s, uint32_t arg, bool is_key) {
    if (ZSTR_LEN(s) == 0) {
        zend_argument_value_error(arg, "must not be empty");
        return false;
    }
    for (size_t i = 0; i < ZSTR_LEN(s); i++) {
        unsigned char c = ZSTR_VAL(s)[i];
        if (c <= 0x20 || c == 0x7f) {
            zend_argument_value_error(arg, "must not contain spaces or control characters");
            return false;
        }
        if (is_key && c == ':') {
            zend_argument_value_error(arg, "must not contain \":\"");
            return false;
        }
    }
    return true;
}

bool normalize_name(const char *s, size_t len, std::string &out, uint32_t arg) {
    std::string why;
    if (runcloud::normalize_domain(std::string_view(s, len), out, why)) return true;
    zend_argument_value_error(arg, "must be a valid domain name, but it %s", why.c_str());
    return false;
}

bool one_of(zend_string *value, std::initializer_list<const char *> allowed, uint32_t arg, const char *what) {
    for (const char *a : allowed) {
        if (zend_string_equals_cstr(value, a, std::strlen(a))) return true;
    }
    std::string list;
    size_t i = 0;
    for (const char *a : allowed) {
        list += (i == 0 ? "\"" : (i + 1 == allowed.size() ? " or \"" : ", \"")) + std::string(a) + "\"";
        i++;
    }
    if (what) zend_argument_value_error(arg, "option \"%s\" must be %s", what, list.c_str());
    else zend_argument_value_error(arg, "must be %s", list.c_str());
    return false;
}

/* ---- options ---- */

struct OptionReader {
    uint32_t arg;
    const char *key = nullptr;

    bool positive(zval *v, double &out, double max) {
        if (Z_TYPE_P(v) == IS_LONG) out = static_cast<double>(Z_LVAL_P(v));
        else if (Z_TYPE_P(v) == IS_DOUBLE) out = Z_DVAL_P(v);
        else return type_error(v, "int|float");
        if (!(out > 0 && out <= max)) {  // NaN fails too
            zend_argument_value_error(arg, "option \"%s\" must be greater than 0 and at most %g", key, max);
            return false;
        }
        return true;
    }
    bool integer(zval *v, zend_long &out, zend_long min, zend_long max) {
        if (Z_TYPE_P(v) != IS_LONG) return type_error(v, "int");
        out = Z_LVAL_P(v);
        if (out < min || out > max) {
            zend_argument_value_error(arg, "option \"%s\" must be between " ZEND_LONG_FMT " and " ZEND_LONG_FMT, key, min, max);
            return false;
        }
        return true;
    }
    bool boolean(zval *v, bool &out) {
        if (Z_TYPE_P(v) != IS_TRUE && Z_TYPE_P(v) != IS_FALSE) return type_error(v, "bool");
        out = Z_TYPE_P(v) == IS_TRUE;
        return true;
    }
    bool string(zval *v, zend_string *&out) {
        if (Z_TYPE_P(v) != IS_STRING) return type_error(v, "string");
        out = Z_STR_P(v);
        return true;
    }
    bool type_error(zval *v, const char *expected) {
        zend_argument_type_error(arg, "option \"%s\" must be of type %s, %s given", key, expected, zend_zval_type_name(v));
        return false;
    }
    bool value_error(const char *must) {
        zend_argument_value_error(arg, "option \"%s\" %s", key, must);
        return false;
    }
    bool unknown(const char *noun) {
        zend_argument_value_error(arg, "contains an unknown %s \"%s\"", noun, key);
        return false;
    }
};

/* Walks an array of named options (`noun`: "option" or "setting"): `handle(name, value, reader)` checks
 * one and returns false once it has thrown. */
template <class F>
bool each_option(HashTable *options, uint32_t arg, const char *noun, F &&handle) {
    OptionReader r{arg};
    zend_string *key;
    zend_ulong index;
    zval *v;
    ZEND_HASH_FOREACH_KEY_VAL(options, index, key, v) {
        ZVAL_DEREF(v);
        if (!key) {
            zend_argument_value_error(arg, "must have %s names as keys, found the index " ZEND_ULONG_FMT, noun, index);
            return false;
        }
        r.key = ZSTR_VAL(key);
        if (!handle(std::string_view(ZSTR_VAL(key), ZSTR_LEN(key)), v, r)) return false;
    } ZEND_HASH_FOREACH_END();
    return true;
}

bool has_control(zend_string *s) {
    for (size_t i = 0; i < ZSTR_LEN(s); i++) {
        unsigned char c = ZSTR_VAL(s)[i];
        if (c < 0x20 || c == 0x7f) return true;
    }
    return false;
}

/* http(s)://host[:port][/path]: no credentials, query or fragment, nothing a header could be smuggled in. */
bool check_base_url(zend_string *url, OptionReader &r, std::string &out) {
    std::string s(ZSTR_VAL(url), ZSTR_LEN(url));
    size_t scheme = s.compare(0, 8, "https://") == 0 ? 8 : s.compare(0, 7, "http://") == 0 ? 7 : 0;
    if (!scheme) return r.value_error("must start with \"https://\" or \"http://\"");
    if (has_control(url) || s.find(' ') != std::string::npos) return r.value_error("must not contain spaces or control characters");
    if (s.find_first_of("?#") != std::string::npos) return r.value_error("must not have a query or a fragment");
    size_t host_end = s.find('/', scheme);
    std::string authority = s.substr(scheme, host_end == std::string::npos ? std::string::npos : host_end - scheme);
    if (authority.find('@') != std::string::npos) return r.value_error("must not contain credentials");
    if (authority.empty() || authority[0] == ':') return r.value_error("must name a host");
    while (!s.empty() && s.back() == '/') s.pop_back();
    out = std::move(s);
    return true;
}

bool parse_client_options(HashTable *options, uint32_t arg, runcloud::Settings &s, zval *logger) {
    return each_option(options, arg, "option", [&](std::string_view k, zval *v, OptionReader &r) {
        zend_string *str;
        double d;
        zend_long n;
        if (k == "base_url") {
            if (!r.string(v, str) || !check_base_url(str, r, s.base_url)) return false;
        } else if (k == "timeout") {
            if (!r.positive(v, d, 86400)) return false;
            s.timeout_ms = static_cast<long>(d * 1000);
        } else if (k == "connect_timeout") {
            if (!r.positive(v, d, 3600)) return false;
            s.connect_timeout_ms = static_cast<long>(d * 1000);
        } else if (k == "user_agent") {
            if (!r.string(v, str)) return false;
            if (has_control(str) || ZSTR_LEN(str) > 512) return r.value_error("must be at most 512 characters without control characters");
            s.user_agent.assign(ZSTR_VAL(str), ZSTR_LEN(str));
        } else if (k == "ca_info") {
            if (!r.string(v, str)) return false;
            if (ZSTR_LEN(str) == 0 || has_control(str) || access(ZSTR_VAL(str), R_OK) != 0) return r.value_error("must be a readable file");
            s.ca_info.assign(ZSTR_VAL(str), ZSTR_LEN(str));
        } else if (k == "logger") {
            if (Z_TYPE_P(v) == IS_NULL) return true;
            if (!zend_is_callable(v, 0, nullptr)) return r.type_error(v, "callable");
            ZVAL_COPY(logger, v);
        } else if (k == "retries") {
            if (!r.integer(v, n, 0, 10)) return false;
            s.retries = static_cast<int>(n);
        } else if (k == "retry_delay") {
            if (Z_TYPE_P(v) == IS_LONG) d = static_cast<double>(Z_LVAL_P(v));
            else if (Z_TYPE_P(v) == IS_DOUBLE) d = Z_DVAL_P(v);
            else return r.type_error(v, "int|float");
            if (!(d >= 0 && d <= 60)) return r.value_error("must be between 0 and 60");
            s.retry_delay = d;
        } else if (k == "persistent") {
            if (!r.boolean(v, s.persistent)) return false;
        } else if (k == "concurrency") {
            if (!r.integer(v, n, 1, 64)) return false;
            s.concurrency = static_cast<int>(n);
        } else if (k == "http_version") {
            if (!r.string(v, str) || !one_of(str, {"2", "1.1"}, r.arg, r.key)) return false;
            s.http2 = zend_string_equals_literal(str, "2");
        } else {
            return r.unknown("option");
        }
        return true;
    });
}

std::unique_ptr<runcloud::Settings> default_settings(bool v2) {
    auto s = std::make_unique<runcloud::Settings>();
    s->base_url = v2 ? "https://manage.runcloud.io/api/v2" : "https://manage.runcloud.io/api/v3";
    s->timeout_ms = static_cast<long>(RUNCLOUD_G(timeout) * 1000);
    s->connect_timeout_ms = static_cast<long>(RUNCLOUD_G(connect_timeout) * 1000);
    if (RUNCLOUD_G(ca_info) && *RUNCLOUD_G(ca_info)) s->ca_info = RUNCLOUD_G(ca_info);
    s->persistent = RUNCLOUD_G(persistent);
    if (RUNCLOUD_G(max_response_size) > 0) s->max_body = static_cast<size_t>(RUNCLOUD_G(max_response_size));
    s->user_agent = "runcloud-php/" PHP_RUNCLOUD_VERSION " (libcurl/" + std::string(curl_version_info(CURLVERSION_NOW)->version) + ")";
    return s;
}

/* Calls the PHP logger; false when it threw, so the operation stops. */
runcloud::Logger make_logger(Client *c) {
    return [c](const char *level, const std::string &message, const std::vector<runcloud::LogField> &ctx) {
        if (Z_ISUNDEF(c->logger) || EG(exception)) return !EG(exception);
        zval args[3], ret;
        ZVAL_STRING(&args[0], level);
        ZVAL_STRINGL(&args[1], message.data(), message.size());
        array_init_size(&args[2], static_cast<uint32_t>(ctx.size()));
        for (const auto &f : ctx) {
            if (f.is_number) add_assoc_long(&args[2], f.key, f.number);
            else add_assoc_stringl(&args[2], f.key, f.text.data(), f.text.size());
        }
        ZVAL_UNDEF(&ret);
        call_user_function(nullptr, nullptr, &c->logger, &ret, 3, args);
        zval_ptr_dtor(&ret);
        for (auto &a : args) zval_ptr_dtor(&a);
        return !EG(exception);
    };
}

/* Wipes a zend_string that held a credential before it is freed. */
void release_secret(zend_string *s) {
    if (!s) return;
    if (GC_REFCOUNT(s) == 1 && !ZSTR_IS_INTERNED(s)) ZEND_SECURE_ZERO(ZSTR_VAL(s), ZSTR_LEN(s));
    zend_string_release(s);
}

/* Builds the engine for a new client; false with an exception thrown when the options are bad. */
bool construct(Client *c, zend_string *token, zend_string *key, zend_string *secret, zend_long server, zend_long webapp,
               HashTable *options, uint32_t options_arg, const char *base_url_override) {
    bool v2 = key != nullptr;
    auto settings = default_settings(v2);
    if (base_url_override) settings->base_url = base_url_override;
    zval logger;
    ZVAL_UNDEF(&logger);
    if (options && !parse_client_options(options, options_arg, *settings, &logger)) {
        zval_ptr_dtor(&logger);
        return false;
    }
    std::string b64;
    if (v2) {
        std::string pair = std::string(ZSTR_VAL(key), ZSTR_LEN(key)) + ":" + std::string(ZSTR_VAL(secret), ZSTR_LEN(secret));
        zend_string *enc = php_base64_encode(reinterpret_cast<const unsigned char *>(pair.data()), pair.size());
        ZEND_SECURE_ZERO(&pair[0], pair.size());
        b64.assign(ZSTR_VAL(enc), ZSTR_LEN(enc));
        release_secret(enc);
        settings->authorization = "Authorization: Basic " + b64;
    } else {
        settings->authorization = "Authorization: Bearer " + std::string(ZSTR_VAL(token), ZSTR_LEN(token));
    }
    if (!settings->prepare()) throw std::bad_alloc();
    delete c->api;
    c->api = new runcloud::Api(std::move(settings), server, webapp);
    if (v2) {
        c->api->add_secret(std::string(ZSTR_VAL(key), ZSTR_LEN(key)));
        c->api->add_secret(std::string(ZSTR_VAL(secret), ZSTR_LEN(secret)));
        c->api->add_secret(b64);
        ZEND_SECURE_ZERO(&b64[0], b64.size());
    } else {
        c->api->add_secret(std::string(ZSTR_VAL(token), ZSTR_LEN(token)));
    }
    zval_ptr_dtor(&c->logger);
    ZVAL_COPY_VALUE(&c->logger, &logger);
    c->api->set_logger(make_logger(c));
    return true;
}

/* Runs an engine call; on failure throws the matching exception and returns false. */
template <class F>
bool engine(F &&f) {
    runcloud::Failure failure;
    if (f(failure)) return true;
    php_runcloud_throw(failure);
    return false;
}

/* ---- bulk arguments ---- */

bool read_names(HashTable *names, uint32_t arg, std::vector<std::string> &out) {
    zval *v;
    std::unordered_set<std::string> seen;
    uint32_t position = 0;
    ZEND_HASH_FOREACH_VAL(names, v) {
        ZVAL_DEREF(v);
        if (Z_TYPE_P(v) != IS_STRING) {
            zend_argument_type_error(arg, "must contain only strings, %s given", zend_zval_type_name(v));
            return false;
        }
        std::string name, why;
        if (!runcloud::normalize_domain(std::string_view(Z_STRVAL_P(v), Z_STRLEN_P(v)), name, why)) {
            zend_argument_value_error(arg, "must contain only valid domain names, but the one at position %u %s", position, why.c_str());
            return false;
        }
        if (seen.insert(name).second) out.push_back(std::move(name));
        position++;
    } ZEND_HASH_FOREACH_END();
    return true;
}

/* Options of addDomains / syncDomains; `sync` allows the sync-only ones. */
bool read_bulk_options(HashTable *options, uint32_t arg, bool sync, runcloud::SyncSpec &spec) {
    if (!options) return true;
    return each_option(options, arg, "option", [&](std::string_view k, zval *v, OptionReader &r) {
        zend_string *str;
        if (k == "www") {
            if (!r.boolean(v, spec.add.www)) return false;
        } else if (k == "redirection") {
            if (!r.string(v, str) || !one_of(str, {"none", "www", "non-www"}, arg, r.key)) return false;
            spec.add.redirection.assign(ZSTR_VAL(str), ZSTR_LEN(str));
        } else if (sync && k == "dry_run") {
            if (!r.boolean(v, spec.dry_run)) return false;
        } else if (sync && k == "prune") {
            if (!r.boolean(v, spec.prune)) return false;
        } else if (sync && k == "scope") {
            if (Z_TYPE_P(v) == IS_NULL) { spec.has_scope = false; return true; }
            if (Z_TYPE_P(v) != IS_ARRAY) return r.type_error(v, "?array");
            spec.has_scope = true;
            zval *p;
            ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(v), p) {
                ZVAL_DEREF(p);
                std::string name, why;
                if (Z_TYPE_P(p) != IS_STRING) return r.value_error("must list domain names or \"*.suffix\" patterns");
                if (!runcloud::normalize_domain(std::string_view(Z_STRVAL_P(p), Z_STRLEN_P(p)), name, why)) {
                    return r.value_error("must list domain names or \"*.suffix\" patterns");
                }
                spec.scope.push_back(std::move(name));
            } ZEND_HASH_FOREACH_END();
        } else {
            return r.unknown("option");
        }
        return true;
    });
}

/* ---- installSsl settings to the JSON body, with RunCloud's defaults ---- */

bool ssl_body(HashTable *settings, uint32_t arg, std::string &body) {
    std::string provider = "letsencrypt", auth = "http-01", environment = "live";
    bool http = false, hsts = false;
    zend_long external_api = 0;
    std::string extra;
    bool ok = !settings || each_option(settings, arg, "setting", [&](std::string_view k, zval *v, OptionReader &r) {
        zend_string *str;
        if (k == "provider") {
            if (!r.string(v, str) || !one_of(str, {"letsencrypt", "custom", "csr"}, arg, r.key)) return false;
            provider.assign(ZSTR_VAL(str), ZSTR_LEN(str));
        } else if (k == "authorizationMethod") {
            if (!r.string(v, str) || !one_of(str, {"http-01", "dns-01"}, arg, r.key)) return false;
            auth.assign(ZSTR_VAL(str), ZSTR_LEN(str));
        } else if (k == "environment") {
            if (!r.string(v, str) || !one_of(str, {"live", "staging"}, arg, r.key)) return false;
            environment.assign(ZSTR_VAL(str), ZSTR_LEN(str));
        } else if (k == "enableHttp") {
            if (!r.boolean(v, http)) return false;
        } else if (k == "enableHsts") {
            if (!r.boolean(v, hsts)) return false;
        } else if (k == "externalApi") {
            if (!r.integer(v, external_api, 1, ZEND_LONG_MAX)) return false;
        } else if (k == "privateKey" || k == "certificate") {
            if (!r.string(v, str)) return false;
            extra += ",\"" + std::string(k) + "\":" + runcloud::json_quote(std::string(ZSTR_VAL(str), ZSTR_LEN(str)));
        } else {
            return r.unknown("setting");
        }
        return true;
    });
    if (!ok) return false;
    if (auth == "dns-01" && external_api == 0) {
        zend_argument_value_error(arg, "must give \"externalApi\" (a DNS API key id) with \"authorizationMethod\" \"dns-01\"");
        return false;
    }
    body = "{\"provider\":" + runcloud::json_quote(provider) + ",\"enableHttp\":" + (http ? "true" : "false") +
           ",\"enableHsts\":" + (hsts ? "true" : "false") + ",\"authorizationMethod\":" + runcloud::json_quote(auth) +
           ",\"environment\":" + runcloud::json_quote(environment) +
           (external_api ? ",\"externalApi\":" + std::to_string(external_api) : std::string()) + extra + "}";
    return true;
}

/* ---- fromConstants ---- */

zval *constant(const char *name) { return zend_get_constant_str(name, std::strlen(name)); }

bool constant_id(const char *name, zend_long &out, std::string &problems) {
    zval *v = constant(name);
    if (!v) return false;
    zend_long n = 0;
    if (Z_TYPE_P(v) == IS_LONG) n = Z_LVAL_P(v);
    else if (Z_TYPE_P(v) == IS_STRING && is_numeric_string(Z_STRVAL_P(v), Z_STRLEN_P(v), &n, nullptr, false) != IS_LONG) n = 0;
    if (n <= 0) problems += std::string(problems.empty() ? "" : "; ") + name + " must be a positive integer";
    out = n;
    return true;
}

zend_string *constant_string(const char *name) {
    zval *v = constant(name);
    return v && Z_TYPE_P(v) == IS_STRING && Z_STRLEN_P(v) > 0 ? Z_STR_P(v) : nullptr;
}

void configuration_error(const std::string &message) {
    zend_throw_exception(php_runcloud_configuration_exception_ce, message.c_str(), 0);
}

bool valid_constant_credential(zend_string *s, bool is_key) {
    for (size_t i = 0; i < ZSTR_LEN(s); i++) {
        unsigned char c = ZSTR_VAL(s)[i];
        if (c <= 0x20 || c == 0x7f || (is_key && c == ':')) return false;
    }
    return true;
}

/* A new client for the static constructors: returned only once fully built, released if building threw. */
template <class F>
void make_client(zval *return_value, F &&build) {
    zval obj;
    object_init_ex(&obj, php_runcloud_client_ce);
    Client *c = client_of(Z_OBJ(obj));
    php_runcloud_guard([&] { build(c); });
    if (EG(exception)) {
        zval_ptr_dtor(&obj);
        return;
    }
    RETURN_COPY_VALUE(&obj);
}

}  // namespace

void php_runcloud_client_init(zend_class_entry *ce) {
    ce->create_object = client_create;
    std::memcpy(&client_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
    client_handlers.offset = XtOffsetOf(Client, std);
    client_handlers.free_obj = client_free;
    client_handlers.clone_obj = nullptr;
    client_handlers.get_gc = client_gc;
    client_handlers.get_debug_info = client_debug_info;
    client_handlers.compare = zend_objects_not_comparable;
}

ZEND_METHOD(RunCloud_Client, __construct) {
    zend_string *token;
    zend_long server, webapp;
    HashTable *options = nullptr;
    ZEND_PARSE_PARAMETERS_START(3, 4)
        Z_PARAM_STR(token)
        Z_PARAM_LONG(server)
        Z_PARAM_LONG(webapp)
        Z_PARAM_OPTIONAL
        Z_PARAM_ARRAY_HT(options)
    ZEND_PARSE_PARAMETERS_END();
    if (!check_credential(token, 1, false) || !check_id(server, 2) || !check_id(webapp, 3)) RETURN_THROWS();
    Client *c = client_of(Z_OBJ_P(ZEND_THIS));
    php_runcloud_guard([&] { construct(c, token, nullptr, nullptr, server, webapp, options, 4, nullptr); });
}

ZEND_METHOD(RunCloud_Client, withApiKey) {
    zend_string *key, *secret;
    zend_long server, webapp;
    HashTable *options = nullptr;
    ZEND_PARSE_PARAMETERS_START(4, 5)
        Z_PARAM_STR(key)
        Z_PARAM_STR(secret)
        Z_PARAM_LONG(server)
        Z_PARAM_LONG(webapp)
        Z_PARAM_OPTIONAL
        Z_PARAM_ARRAY_HT(options)
    ZEND_PARSE_PARAMETERS_END();
    if (!check_credential(key, 1, true) || !check_credential(secret, 2, false) || !check_id(server, 3) || !check_id(webapp, 4)) {
        RETURN_THROWS();
    }
    make_client(return_value, [&](Client *c) { construct(c, nullptr, key, secret, server, webapp, options, 5, nullptr); });
}

ZEND_METHOD(RunCloud_Client, fromConstants) {
    HashTable *options = nullptr;
    ZEND_PARSE_PARAMETERS_START(0, 1)
        Z_PARAM_OPTIONAL
        Z_PARAM_ARRAY_HT(options)
    ZEND_PARSE_PARAMETERS_END();
    std::string missing, problems;
    zend_string *token = constant_string("WU_RUNCLOUD_API_TOKEN");
    zend_string *key = token ? nullptr : constant_string("WU_RUNCLOUD_API_KEY");
    zend_string *secret = token ? nullptr : constant_string("WU_RUNCLOUD_API_SECRET");
    if (!token && !(key && secret)) {
        missing = !key && !secret ? "WU_RUNCLOUD_API_TOKEN (or WU_RUNCLOUD_API_KEY and WU_RUNCLOUD_API_SECRET)"
                  : !key ? "WU_RUNCLOUD_API_KEY" : "WU_RUNCLOUD_API_SECRET";
    }
    zend_long server = 0, webapp = 0;
    if (!constant_id("WU_RUNCLOUD_SERVER_ID", server, problems)) missing += std::string(missing.empty() ? "" : ", ") + "WU_RUNCLOUD_SERVER_ID";
    if (!constant_id("WU_RUNCLOUD_APP_ID", webapp, problems)) missing += std::string(missing.empty() ? "" : ", ") + "WU_RUNCLOUD_APP_ID";
    if (!missing.empty()) {
        configuration_error("RunCloud is not configured: define " + missing + " in wp-config.php");
        RETURN_THROWS();
    }
    if (token && !valid_constant_credential(token, false)) problems += std::string(problems.empty() ? "" : "; ") + "WU_RUNCLOUD_API_TOKEN must not contain spaces or control characters";
    if (key && (!valid_constant_credential(key, true) || !valid_constant_credential(secret, false))) {
        problems += std::string(problems.empty() ? "" : "; ") + "WU_RUNCLOUD_API_KEY and WU_RUNCLOUD_API_SECRET must not contain spaces, control characters or (the key) \":\"";
    }
    std::string base_url;
    zval *url = constant("WU_RUNCLOUD_API_URL");
    if (url) {
        OptionReader r{1, "WU_RUNCLOUD_API_URL"};
        if (Z_TYPE_P(url) != IS_STRING || !check_base_url(Z_STR_P(url), r, base_url)) {
            zend_clear_exception();
            problems += std::string(problems.empty() ? "" : "; ") + "WU_RUNCLOUD_API_URL must be an http(s) URL without credentials, query or fragment";
        }
    }
    if (!problems.empty()) {
        configuration_error("RunCloud is misconfigured: " + problems);
        RETURN_THROWS();
    }
    make_client(return_value, [&](Client *c) {
        construct(c, token, key, secret, server, webapp, options, 1, base_url.empty() ? nullptr : base_url.c_str());
    });
}

ZEND_METHOD(RunCloud_Client, ping) {
    ZEND_PARSE_PARAMETERS_NONE();
    Client *c = this_client(ZEND_THIS);
    if (!c->api) RETURN_THROWS();
    php_runcloud_guard([&] {
        bool pong = false;
        if (engine([&](runcloud::Failure &f) { return c->api->ping(pong, f); })) RETVAL_BOOL(pong);
    });
}

ZEND_METHOD(RunCloud_Client, listDomains) {
    ZEND_PARSE_PARAMETERS_NONE();
    Client *c = this_client(ZEND_THIS);
    if (!c->api) RETURN_THROWS();
    php_runcloud_guard([&] {
        std::vector<runcloud::DomainData> all;
        if (!engine([&](runcloud::Failure &f) { return c->api->list_domains(all, f); })) return;
        array_init_size(return_value, static_cast<uint32_t>(all.size()));
        for (const auto &d : all) {
            zval obj;
            php_runcloud_domain(&obj, d);
            add_next_index_zval(return_value, &obj);
        }
    });
}

ZEND_METHOD(RunCloud_Client, findDomain) {
    zend_string *name;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_STR(name)
    ZEND_PARSE_PARAMETERS_END();
    Client *c = this_client(ZEND_THIS);
    if (!c->api) RETURN_THROWS();
    php_runcloud_guard([&] {
        std::string n;
        if (!normalize_name(ZSTR_VAL(name), ZSTR_LEN(name), n, 1)) return;
        std::optional<runcloud::DomainData> found;
        if (!engine([&](runcloud::Failure &f) { return c->api->find_domain(n, found, f); })) return;
        if (found) php_runcloud_domain(return_value, *found);
        else RETVAL_NULL();
    });
}

ZEND_METHOD(RunCloud_Client, addDomain) {
    zend_string *name, *redirection = nullptr, *type = nullptr;
    bool www = false;
    ZEND_PARSE_PARAMETERS_START(1, 4)
        Z_PARAM_STR(name)
        Z_PARAM_OPTIONAL
        Z_PARAM_BOOL(www)
        Z_PARAM_STR(redirection)
        Z_PARAM_STR(type)
    ZEND_PARSE_PARAMETERS_END();
    Client *c = this_client(ZEND_THIS);
    if (!c->api) RETURN_THROWS();
    php_runcloud_guard([&] {
        std::string n;
        if (!normalize_name(ZSTR_VAL(name), ZSTR_LEN(name), n, 1)) return;
        runcloud::AddSpec spec;
        spec.www = www;
        if (redirection) {
            if (!one_of(redirection, {"none", "www", "non-www"}, 3, nullptr)) return;
            spec.redirection.assign(ZSTR_VAL(redirection), ZSTR_LEN(redirection));
        }
        if (type) {
            if (!one_of(type, {"alias", "primary", "redirect"}, 4, nullptr)) return;
            spec.type.assign(ZSTR_VAL(type), ZSTR_LEN(type));
        }
        runcloud::DomainData d;
        if (engine([&](runcloud::Failure &f) { return c->api->add_domain(n, spec, d, f); })) php_runcloud_domain(return_value, d);
    });
}

ZEND_METHOD(RunCloud_Client, removeDomain) {
    zend_string *name;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_STR(name)
    ZEND_PARSE_PARAMETERS_END();
    Client *c = this_client(ZEND_THIS);
    if (!c->api) RETURN_THROWS();
    php_runcloud_guard([&] {
        std::string n;
        if (!normalize_name(ZSTR_VAL(name), ZSTR_LEN(name), n, 1)) return;
        bool removed = false;
        if (engine([&](runcloud::Failure &f) { return c->api->remove_domain(n, removed, f); })) RETVAL_BOOL(removed);
    });
}

ZEND_METHOD(RunCloud_Client, ssl) {
    ZEND_PARSE_PARAMETERS_NONE();
    Client *c = this_client(ZEND_THIS);
    if (!c->api) RETURN_THROWS();
    php_runcloud_guard([&] {
        std::optional<runcloud::SslData> ssl;
        if (!engine([&](runcloud::Failure &f) { return c->api->get_ssl(ssl, f); })) return;
        if (ssl) php_runcloud_ssl(return_value, *ssl);
        else RETVAL_NULL();
    });
}

ZEND_METHOD(RunCloud_Client, installSsl) {
    HashTable *settings = nullptr;
    ZEND_PARSE_PARAMETERS_START(0, 1)
        Z_PARAM_OPTIONAL
        Z_PARAM_ARRAY_HT(settings)
    ZEND_PARSE_PARAMETERS_END();
    Client *c = this_client(ZEND_THIS);
    if (!c->api) RETURN_THROWS();
    php_runcloud_guard([&] {
        std::string body;
        if (!ssl_body(settings, 1, body)) return;
        runcloud::SslData ssl;
        if (engine([&](runcloud::Failure &f) { return c->api->install_ssl(body, ssl, f); })) php_runcloud_ssl(return_value, ssl);
    });
}

ZEND_METHOD(RunCloud_Client, redeploySsl) {
    ZEND_PARSE_PARAMETERS_NONE();
    Client *c = this_client(ZEND_THIS);
    if (!c->api) RETURN_THROWS();
    php_runcloud_guard([&] {
        bool done = false;
        if (engine([&](runcloud::Failure &f) { return c->api->redeploy_ssl(done, f); })) RETVAL_BOOL(done);
    });
}

namespace {

enum class Bulk { Add, Remove, Sync };

void bulk(INTERNAL_FUNCTION_PARAMETERS, Bulk kind) {
    HashTable *names, *options = nullptr;
    ZEND_PARSE_PARAMETERS_START(1, 2)
        Z_PARAM_ARRAY_HT(names)
        Z_PARAM_OPTIONAL
        Z_PARAM_ARRAY_HT(options)
    ZEND_PARSE_PARAMETERS_END();
    Client *c = this_client(ZEND_THIS);
    if (!c->api) RETURN_THROWS();
    php_runcloud_guard([&] {
        std::vector<std::string> list;
        if (!read_names(names, 1, list)) return;
        runcloud::SyncSpec spec;
        if (kind == Bulk::Remove) {
            // It takes none yet; the parameter keeps the three bulk calls alike.
            if (options && !each_option(options, 2, "option", [](std::string_view, zval *, OptionReader &r) { return r.unknown("option"); })) {
                return;
            }
        } else if (!read_bulk_options(options, 2, kind == Bulk::Sync, spec)) {
            return;
        }
        runcloud::BulkResult result;
        bool ok = engine([&](runcloud::Failure &f) {
            switch (kind) {
                case Bulk::Add: return c->api->add_domains(list, spec.add, result, f);
                case Bulk::Remove: return c->api->remove_domains(list, result, f);
                default: return c->api->sync_domains(list, spec, result, f);
            }
        });
        if (ok) php_runcloud_sync_result(return_value, result, spec.dry_run);
    });
}

}  // namespace

ZEND_METHOD(RunCloud_Client, addDomains) { bulk(INTERNAL_FUNCTION_PARAM_PASSTHRU, Bulk::Add); }
ZEND_METHOD(RunCloud_Client, removeDomains) { bulk(INTERNAL_FUNCTION_PARAM_PASSTHRU, Bulk::Remove); }
ZEND_METHOD(RunCloud_Client, syncDomains) { bulk(INTERNAL_FUNCTION_PARAM_PASSTHRU, Bulk::Sync); }

ZEND_METHOD(RunCloud_Client, rateLimit) {
    ZEND_PARSE_PARAMETERS_NONE();
    Client *c = this_client(ZEND_THIS);
    if (!c->api) RETURN_THROWS();
    auto rate = c->api->rate();
    if (!rate) RETURN_NULL();
    array_init_size(return_value, 2);
    add_assoc_long(return_value, "limit", rate->limit);
    add_assoc_long(return_value, "remaining", rate->remaining < 0 ? 0 : rate->remaining);
}
