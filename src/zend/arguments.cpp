/* Checks of arguments and options, and the request bodies built from them. Every refusal is PHP's own
 * ValueError or TypeError naming the argument (and the option). */
#include "client.h"

extern "C" {
#include "ext/json/php_json.h"
#include "zend_exceptions.h"
#include "zend_smart_str.h"
}

#ifdef _WIN32
#include <io.h>
#define access _access
#define R_OK 4
#else
#include <unistd.h>
#endif

#include <cctype>
#include <cstring>
#include <unordered_set>

#include "../engine/names.h"

namespace runcloud_php {

bool check_id(zend_long id, uint32_t arg) {
    if (id > 0) return true;
    zend_argument_value_error(arg, "must be greater than 0");
    return false;
}

/* string (a name, normalized), int (a RunCloud id) or a RunCloud\Domain (its id, and its name for the
 * fallback when the id is gone). False once it has thrown. */
bool read_domain(zval *v, uint32_t arg, runcloud::DomainRef &out) {
    ZVAL_DEREF(v);
    switch (Z_TYPE_P(v)) {
        case IS_STRING:
            return normalize_name(Z_STRVAL_P(v), Z_STRLEN_P(v), out.name, arg);
        case IS_LONG:
            if (!check_id(Z_LVAL_P(v), arg)) return false;
            out.id = Z_LVAL_P(v);
            return true;
        case IS_OBJECT:
            if (instanceof_function(Z_OBJCE_P(v), php_runcloud_domain_ce)) {
                zval *id = OBJ_PROP_NUM(Z_OBJ_P(v), 0), *name = OBJ_PROP_NUM(Z_OBJ_P(v), 1);
                if (Z_TYPE_P(id) != IS_LONG || Z_LVAL_P(id) <= 0) {
                    zend_argument_value_error(arg, "must be a RunCloud\\Domain returned by the client (it has no id)");
                    return false;
                }
                out.id = Z_LVAL_P(id);
                // The name only serves the fallback; one the client would refuse is simply not used.
                if (Z_TYPE_P(name) == IS_STRING) {
                    std::string n;
                    bool ok = normalize_name(Z_STRVAL_P(name), Z_STRLEN_P(name), n, arg);
                    if (!ok && EG(exception)) zend_clear_exception();
                    if (ok) out.name = std::move(n);
                }
                return true;
            }
            break;
        default:
            break;
    }
    zend_argument_type_error(arg, "must be of type RunCloud\\Domain|string|int, %s given", zend_zval_type_name(v));
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

bool OptionReader::positive(zval *v, double &out, double max) {
    if (Z_TYPE_P(v) == IS_LONG) out = static_cast<double>(Z_LVAL_P(v));
    else if (Z_TYPE_P(v) == IS_DOUBLE) out = Z_DVAL_P(v);
    else return type_error(v, "int|float");
    if (!(out > 0 && out <= max)) {  // NaN fails too
        zend_argument_value_error(arg, "option \"%s\" must be greater than 0 and at most %g", key, max);
        return false;
    }
    return true;
}

bool OptionReader::integer(zval *v, zend_long &out, zend_long min, zend_long max) {
    if (Z_TYPE_P(v) != IS_LONG) return type_error(v, "int");
    out = Z_LVAL_P(v);
    if (out < min || out > max) {
        zend_argument_value_error(arg, "option \"%s\" must be between " ZEND_LONG_FMT " and " ZEND_LONG_FMT, key, min, max);
        return false;
    }
    return true;
}

bool OptionReader::boolean(zval *v, bool &out) {
    if (Z_TYPE_P(v) != IS_TRUE && Z_TYPE_P(v) != IS_FALSE) return type_error(v, "bool");
    out = Z_TYPE_P(v) == IS_TRUE;
    return true;
}

bool OptionReader::string(zval *v, zend_string *&out) {
    if (Z_TYPE_P(v) != IS_STRING) return type_error(v, "string");
    out = Z_STR_P(v);
    return true;
}

bool OptionReader::type_error(zval *v, const char *expected) {
    zend_argument_type_error(arg, "option \"%s\" must be of type %s, %s given", key, expected, zend_zval_type_name(v));
    return false;
}

bool OptionReader::value_error(const char *must) {
    zend_argument_value_error(arg, "option \"%s\" %s", key, must);
    return false;
}

bool OptionReader::unknown(const char *noun) {
    zend_argument_value_error(arg, "contains an unknown %s \"%s\"", noun, key);
    return false;
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
    if (!scheme) return r.value_error(R"(must start with "https://" or "http://")");
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
        zend_argument_value_error(arg, R"(must give "externalApi" (a DNS API key id) with "authorizationMethod" "dns-01")");
        return false;
    }
    body = "{\"provider\":" + runcloud::json_quote(provider) + ",\"enableHttp\":" + (http ? "true" : "false") +
           ",\"enableHsts\":" + (hsts ? "true" : "false") + ",\"authorizationMethod\":" + runcloud::json_quote(auth) +
           ",\"environment\":" + runcloud::json_quote(environment) +
           (external_api ? ",\"externalApi\":" + std::to_string(external_api) : std::string()) + extra + "}";
    return true;
}

/* ---- request() and listAll() ---- */

bool read_method(zend_string *method, uint32_t arg, const char *&out) {
    static const char *const methods[] = {"GET", "POST", "PUT", "PATCH", "DELETE"};
    for (const char *m : methods) {
        if (zend_string_equals_cstr(method, m, std::strlen(m)) ||
            (ZSTR_LEN(method) == std::strlen(m) && zend_binary_strcasecmp(ZSTR_VAL(method), ZSTR_LEN(method), m, std::strlen(m)) == 0)) {
            out = m;
            return true;
        }
    }
    zend_argument_value_error(arg, R"(must be one of "GET", "POST", "PUT", "PATCH" or "DELETE")");
    return false;
}

bool no_body_for(const char *method, uint32_t arg) {
    if (std::strcmp(method, "GET") != 0 && std::strcmp(method, "DELETE") != 0) return true;
    zend_argument_value_error(arg, "must be null for %s, which carries no body (pass parameters as $query)", method);
    return false;
}

/* A path under the base URL: it can never name another host, climb out of the base path, carry
 * credentials, a query (that is $query) or a fragment, or smuggle a header. */
bool check_path(zend_string *path, uint32_t arg, std::string &out) {
    std::string s(ZSTR_VAL(path), ZSTR_LEN(path));
    auto refuse = [&](const char *why) {
        zend_argument_value_error(arg, "must be a path under the base URL, but it %s", why);
        return false;
    };
    if (s.empty() || s[0] != '/') return refuse("does not start with \"/\"");
    if (s.size() > 2048) return refuse("is longer than 2048 bytes");
    if (s.compare(0, 2, "//") == 0 || s.find("://") != std::string::npos) return refuse("names a scheme or a host");
    for (size_t i = 0; i < s.size(); i++) {
        unsigned char ch = s[i];
        if (ch <= 0x20 || ch == 0x7f || ch >= 0x80) return refuse("contains a space, a control character or a non-ASCII byte");
        if (ch == '?' || ch == '#') return refuse("has a query or a fragment (pass the query as $query)");
        if (ch == '@') return refuse("contains \"@\" (credentials)");
        if (ch == '\\') return refuse("contains a backslash");
        if (ch == '%' && (i + 2 >= s.size() || !isxdigit(static_cast<unsigned char>(s[i + 1])) || !isxdigit(static_cast<unsigned char>(s[i + 2])))) {
            return refuse("has a \"%\" that is not a percent-encoded byte");
        }
    }
    // "." and ".." segments, percent-encoded or not.
    size_t start = 1;
    while (start <= s.size()) {
        size_t end = s.find('/', start);
        std::string segment = s.substr(start, end == std::string::npos ? std::string::npos : end - start);
        for (size_t at; (at = segment.find("%2e")) != std::string::npos || (at = segment.find("%2E")) != std::string::npos;) segment.replace(at, 3, ".");
        if (segment == "." || segment == "..") return refuse(R"(has a "." or ".." segment)");
        if (end == std::string::npos) break;
        start = end + 1;
    }
    while (s.size() > 1 && s.back() == '/') s.pop_back();
    out = std::move(s);
    return true;
}

/* Past this, servers and proxies refuse the request line (nginx's default buffers hold 8 KB with the path
 * and headers): an argument error here, not a transport failure later. */
constexpr size_t kMaxQuery = 6144;

bool read_query(HashTable *query, uint32_t arg, bool listing, std::string &out) {
    bool too_long = false;
    bool ok = each_option(query, arg, "query parameter", [&](std::string_view k, zval *v, OptionReader &r) {
        if (listing && (k == "page" || k == "perPage")) {
            return r.value_error("is set by listAll() itself, which walks every page");
        }
        std::string value;
        switch (Z_TYPE_P(v)) {
            case IS_STRING: value.assign(Z_STRVAL_P(v), Z_STRLEN_P(v)); break;
            case IS_LONG: value = std::to_string(Z_LVAL_P(v)); break;
            case IS_TRUE: value = "1"; break;  // how RunCloud (Laravel) reads booleans in a query
            case IS_FALSE: value = "0"; break;
            default: return r.type_error(v, "string|int|bool");
        }
        if (!out.empty()) out.push_back('&');
        out += runcloud::url_encode(std::string(k)) + "=" + runcloud::url_encode(value);
        too_long = out.size() > kMaxQuery;
        return !too_long;  // no need to encode the rest of a query already too long
    });
    if (too_long) {
        zend_argument_value_error(arg, "must encode to at most %zu bytes (percent-encoded)", kMaxQuery);
        return false;
    }
    return ok;
}

/* ext/json's error state, which json_body saves and puts back. PHP 8.6 keeps the code in `error_details`
 * (with a line and column); before it, in `error_code`. */
#if PHP_VERSION_ID >= 80600
using JsonErrors = php_json_error_details;
static JsonErrors &json_errors() { return JSON_G(error_details); }
static void json_errors_clear() { php_json_error_details_clear(&JSON_G(error_details)); }
static php_json_error_code json_error() { return JSON_G(error_details).code; }
#else
using JsonErrors = php_json_error_code;
static JsonErrors &json_errors() { return JSON_G(error_code); }
static void json_errors_clear() { JSON_G(error_code) = PHP_JSON_ERROR_NONE; }
static php_json_error_code json_error() { return JSON_G(error_code); }
#endif
static bool json_failed() { return json_error() != PHP_JSON_ERROR_NONE; }

AnswerJson decode_answer(const char *json, size_t len, zval *out) {
    // ext/json records its last error where json_last_error() reads it: put back afterwards, so that a
    // call of ours never changes what PHP code sees there.
    JsonErrors before = json_errors();
    json_errors_clear();
    bool ok = php_json_decode_ex(out, json, len, PHP_JSON_OBJECT_AS_ARRAY | PHP_JSON_BIGINT_AS_STRING,
                                 static_cast<zend_long>(runcloud::kMaxJsonDepth) + 1) == SUCCESS;  // PHP counts the innermost values as a level
    bool deep = !ok && json_error() == PHP_JSON_ERROR_DEPTH;
    json_errors() = before;
    return ok ? AnswerJson::Ok : deep ? AnswerJson::TooDeep : AnswerJson::Invalid;
}

bool json_body(HashTable *body, uint32_t arg, std::string &out) {
    if (zend_hash_num_elements(body) == 0) {  // RunCloud's bodies are objects: [] means {}
        out = "{}";
        return true;
    }
    zval v;
    ZVAL_ARR(&v, body);
    smart_str buf = {nullptr, 0};
    // php_json_encode keeps going after NAN or bad UTF-8 and only records the error; json_last_error() is
    // put back afterwards so the caller's view of ext/json is unchanged.
    JsonErrors before = json_errors();
    json_errors_clear();
    zend_result rc = php_json_encode(&buf, &v, PHP_JSON_UNESCAPED_SLASHES | PHP_JSON_UNESCAPED_UNICODE | PHP_JSON_PRESERVE_ZERO_FRACTION);
    bool failed = rc != SUCCESS || json_failed() || !buf.s;
    json_errors() = before;
    if (failed) {
        smart_str_free(&buf);
        zend_argument_value_error(arg, "must be encodable as JSON (no resources, NAN, INF, invalid UTF-8 or recursion)");
        return false;
    }
    out.assign(ZSTR_VAL(buf.s), ZSTR_LEN(buf.s));
    smart_str_free(&buf);
    return true;
}

}  // namespace runcloud_php
