/* RunCloud\Client::fromConstants(): the WU_RUNCLOUD_* constants of wp-config.php, each problem named. */
#include "client.h"

extern "C" {
#include "zend_exceptions.h"
}

#include <cstring>

namespace runcloud_php {
namespace {

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


}  // namespace
}  // namespace runcloud_php

using namespace runcloud_php;

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
