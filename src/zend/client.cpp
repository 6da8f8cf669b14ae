/* RunCloud\Client's methods: each checks its arguments, runs one engine call through `run_call` (the one
 * preamble: constructed, not busy, one deadline, bailouts re-raised after the C++ frames are gone) and
 * converts the result. */
#include "client.h"

extern "C" {
#include "ext/json/php_json.h"
#include "zend_exceptions.h"
}

#include <cstdio>
#include <string>
#include <unordered_set>

#include "../engine/names.h"

using namespace runcloud_php;

bool runcloud_php::bailed_out(void (*step)(void *), void *arg) {
    volatile bool bailed = false;
    zend_try {
        step(arg);
    } zend_catch {
        bailed = true;
    } zend_end_try();
    return bailed;
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
    Client *c = client_of(Z_OBJ_P(ZEND_THIS));
    if (c->api) {  // a second call would pull the engine from under a running call, or swap credentials
        zend_throw_error(nullptr, "RunCloud\\Client is already constructed");
        RETURN_THROWS();
    }
    if (!check_credential(token, 1, false) || !check_id(server, 2) || !check_id(webapp, 3)) RETURN_THROWS();
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

ZEND_METHOD(RunCloud_Client, normalizeDomain) {
    zend_string *name;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_STR(name)
    ZEND_PARSE_PARAMETERS_END();
    php_runcloud_guard([&] {
        std::string n;
        if (normalize_name(ZSTR_VAL(name), ZSTR_LEN(name), n, 1)) RETVAL_STRINGL(n.data(), n.size());
    });
}

CLIENT_METHOD(ping) {
    ZEND_PARSE_PARAMETERS_NONE();
    run_call(ZEND_THIS, [&](Client *c) { return returning(c->api->ping(), [&](bool pong) { RETVAL_BOOL(pong); }); });
}

CLIENT_METHOD(listDomains) {
    ZEND_PARSE_PARAMETERS_NONE();
    run_call(ZEND_THIS, [&](Client *c) {
        return returning(c->api->list_domains(), [&](const std::vector<runcloud::DomainData> &all) {
            array_init_size(return_value, static_cast<uint32_t>(all.size()));
            for (const auto &d : all) {
                zval obj;
                php_runcloud_domain(&obj, d);
                add_next_index_zval(return_value, &obj);
            }
        });
    });
}

CLIENT_METHOD(findDomain) {
    zend_string *name;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_STR(name)
    ZEND_PARSE_PARAMETERS_END();
    std::string n;
    if (!constructed(ZEND_THIS) || !normalize_name(ZSTR_VAL(name), ZSTR_LEN(name), n, 1)) RETURN_THROWS();
    run_call(ZEND_THIS, [&](Client *c) {
        return returning(c->api->find_domain(n), [&](const std::optional<runcloud::DomainData> &found) {
            if (found) php_runcloud_domain(return_value, *found);
            else RETVAL_NULL();
        });
    });
}

CLIENT_METHOD(addDomain) {
    zend_string *name, *redirection = nullptr, *type = nullptr;
    bool www = false;
    ZEND_PARSE_PARAMETERS_START(1, 4)
        Z_PARAM_STR(name)
        Z_PARAM_OPTIONAL
        Z_PARAM_BOOL(www)
        Z_PARAM_STR(redirection)
        Z_PARAM_STR(type)
    ZEND_PARSE_PARAMETERS_END();
    std::string n;
    runcloud::AddSpec spec;
    spec.www = www;
    if (!constructed(ZEND_THIS) || !normalize_name(ZSTR_VAL(name), ZSTR_LEN(name), n, 1)) RETURN_THROWS();
    if (redirection) {
        if (!one_of(redirection, {"none", "www", "non-www"}, 3, nullptr)) RETURN_THROWS();
        spec.redirection.assign(ZSTR_VAL(redirection), ZSTR_LEN(redirection));
    }
    if (type) {
        if (!one_of(type, {"alias", "primary", "redirect"}, 4, nullptr)) RETURN_THROWS();
        spec.type.assign(ZSTR_VAL(type), ZSTR_LEN(type));
    }
    run_call(ZEND_THIS, [&](Client *c) {
        return returning(c->api->add_domain(n, spec), [&](const runcloud::DomainData &d) { php_runcloud_domain(return_value, d); });
    });
}

CLIENT_METHOD(removeDomain) {
    zval *domain;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_ZVAL(domain)
    ZEND_PARSE_PARAMETERS_END();
    yes_no_call(ZEND_THIS, domain, return_value, &runcloud::Api::remove_domain_ref);
}

CLIENT_METHOD(ssl) {
    ZEND_PARSE_PARAMETERS_NONE();
    run_call(ZEND_THIS, [&](Client *c) {
        return returning(c->api->get_ssl(), [&](const std::optional<runcloud::SslData> &ssl) {
            if (ssl) php_runcloud_ssl(return_value, *ssl);
            else RETVAL_NULL();
        });
    });
}

CLIENT_METHOD(installSsl) {
    HashTable *settings = nullptr;
    ZEND_PARSE_PARAMETERS_START(0, 1)
        Z_PARAM_OPTIONAL
        Z_PARAM_ARRAY_HT(settings)
    ZEND_PARSE_PARAMETERS_END();
    std::string body;
    if (!constructed(ZEND_THIS) || !ssl_body(settings, 1, body)) RETURN_THROWS();
    run_call(ZEND_THIS, [&](Client *c) {
        return returning(c->api->install_ssl(body), [&](const runcloud::SslData &ssl) { php_runcloud_ssl(return_value, ssl); });
    });
}

CLIENT_METHOD(redeploySsl) {
    ZEND_PARSE_PARAMETERS_NONE();
    run_call(ZEND_THIS, [&](Client *c) { return returning(c->api->redeploy_ssl(), [&](bool done) { RETVAL_BOOL(done); }); });
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
    if (!constructed(ZEND_THIS)) RETURN_THROWS();
    std::vector<std::string> list;
    runcloud::SyncSpec spec;
    bool ok = false;
    php_runcloud_guard([&] {
        if (!read_names(names, 1, list)) return;
        if (kind == Bulk::Remove) {
            // It takes none yet; the parameter keeps the three bulk calls alike.
            if (options && !each_option(options, 2, "option", [](std::string_view, zval *, OptionReader &r) { return r.unknown("option"); })) {
                return;
            }
        } else if (!read_bulk_options(options, 2, kind == Bulk::Sync, spec)) {
            return;
        }
        ok = true;
    });
    if (!ok) RETURN_THROWS();
    run_call(ZEND_THIS, [&](Client *c) {
        runcloud::Result<runcloud::BulkResult> result = kind == Bulk::Add      ? c->api->add_domains(list, spec.add)
                                                      : kind == Bulk::Remove ? c->api->remove_domains(list)
                                                                             : c->api->sync_domains(list, spec);
        return returning(std::move(result), [&](const runcloud::BulkResult &r) { php_runcloud_sync_result(return_value, r, spec.dry_run); });
    });
}

/* Decodes a JSON answer into PHP arrays and scalars ({} and an empty body are []). Runs when no transfer
 * is attached; a bailout (memory exhaustion) is caught and re-raised by run_call. False with `why` set
 * ("... answered WHY") when the body is not JSON or nests too deep. */
/* The decoding itself, in a frame of its own that holds no C++ object across the setjmp. */
AnswerJson decode_caught(Client *c, const char *json, size_t len, zval *out) {
    volatile AnswerJson result = AnswerJson::Invalid;
    zend_try {
        result = decode_answer(json, len, out);
    } zend_catch {
        c->bailout = true;
    } zend_end_try();
    return result;
}

bool decode_php(Client *c, const std::string &json, zval *out, std::string &why) {
    ZVAL_UNDEF(out);
    if (json.find_first_not_of(" \t\r\n") == std::string::npos) {
        array_init(out);
        return true;
    }
    AnswerJson result = decode_caught(c, json.data(), json.size(), out);
    if (result == AnswerJson::Ok) return true;
    zval_ptr_dtor(out);
    ZVAL_UNDEF(out);
    why = result == AnswerJson::TooDeep ? "JSON nested deeper than " + std::to_string(runcloud::kMaxJsonDepth) + " levels"
                                        : "a body that is not JSON";
    return false;
}

/* What tells a listed item apart from the others: its "id" when that is an integer, a float or a string
 * (an integer and its canonical decimal string are one id; every other string, a big integer's digits
 * included, is compared byte for byte). False for an item without such an id (none, null, a boolean, an
 * array, or an item that is not an array): it cannot be compared, so it is kept wherever it comes. */
bool item_key(zval *item, std::string &key) {
    if (Z_TYPE_P(item) != IS_ARRAY) return false;
    zval *id = zend_hash_str_find(Z_ARRVAL_P(item), "id", 2);
    if (!id) return false;
    ZVAL_DEREF(id);
    switch (Z_TYPE_P(id)) {
        case IS_LONG:
            key = "i" + std::to_string(Z_LVAL_P(id));
            return true;
        case IS_DOUBLE: {
            char buf[40];
            std::snprintf(buf, sizeof buf, "d%.17g", Z_DVAL_P(id));
            key = buf;
            return true;
        }
        case IS_STRING: {
            zend_long n = 0;
            if (is_numeric_string(Z_STRVAL_P(id), Z_STRLEN_P(id), &n, nullptr, false) == IS_LONG) {
                std::string canonical = std::to_string(n);
                if (canonical.size() == Z_STRLEN_P(id) && canonical.compare(0, canonical.size(), Z_STRVAL_P(id), Z_STRLEN_P(id)) == 0) {
                    key = "i" + canonical;
                    return true;
                }
            }
            key.assign("s").append(Z_STRVAL_P(id), Z_STRLEN_P(id));
            return true;
        }
        default:
            return false;
    }
}

/* Every page of a listing into `return_value`: the items of each page's "data", each id once. A page that
 * brings nothing new (only ids seen already) ends the walk: the listing repeats itself. */
runcloud::Outcome list_all(Client *c, const std::string &path, const std::string &query, zval *return_value) {
    array_init(return_value);
    std::unordered_set<std::string> seen;
    std::string key;
    return c->api->list_all(path, query, [&](const runcloud::Exchange &ex, runcloud::PageMeta &meta, std::string &why) {
        runcloud::Body body{ex.response.data(), ex.response.size(), ex.response.capacity()};
        if (!runcloud::decode_page_meta(body, meta, why)) return runcloud::PageStep::Bad;
        zval page;
        if (!decode_php(c, ex.response, &page, why)) return runcloud::PageStep::Bad;
        zval *data = Z_TYPE(page) == IS_ARRAY ? zend_hash_str_find(Z_ARRVAL(page), "data", 4) : nullptr;
        bool fresh = false;
        if (data && Z_TYPE_P(data) == IS_ARRAY) {
            zval *item;
            ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(data), item) {
                if (item_key(item, key) && !seen.insert(key).second) continue;  // a listing that shifted or repeats
                fresh = true;
                Z_TRY_ADDREF_P(item);
                add_next_index_zval(return_value, item);
            } ZEND_HASH_FOREACH_END();
        }
        zval_ptr_dtor(&page);
        return meta.count > 0 && !fresh ? runcloud::PageStep::Stop : runcloud::PageStep::More;
    });
}

}  // namespace

CLIENT_METHOD(addDomains) { bulk(INTERNAL_FUNCTION_PARAM_PASSTHRU, Bulk::Add); }
CLIENT_METHOD(removeDomains) { bulk(INTERNAL_FUNCTION_PARAM_PASSTHRU, Bulk::Remove); }
CLIENT_METHOD(syncDomains) { bulk(INTERNAL_FUNCTION_PARAM_PASSTHRU, Bulk::Sync); }

CLIENT_METHOD(listServers) {
    ZEND_PARSE_PARAMETERS_NONE();
    run_call(ZEND_THIS, [&](Client *c) { return list_all(c, "/servers", "", return_value); });
}

CLIENT_METHOD(listWebApps) {
    zend_long server = 0;
    bool server_null = true;
    ZEND_PARSE_PARAMETERS_START(0, 1)
        Z_PARAM_OPTIONAL
        Z_PARAM_LONG_OR_NULL(server, server_null)
    ZEND_PARSE_PARAMETERS_END();
    if (!server_null && !check_id(server, 1)) RETURN_THROWS();
    run_call(ZEND_THIS, [&](Client *c) {
        int64_t id = server_null ? c->api->server_id() : server;
        return list_all(c, "/servers/" + std::to_string(id) + "/webapps", "", return_value);
    });
}

CLIENT_METHOD(request) {
    zend_string *method, *path;
    HashTable *body = nullptr, *query = nullptr;
    ZEND_PARSE_PARAMETERS_START(2, 4)
        Z_PARAM_STR(method)
        Z_PARAM_STR(path)
        Z_PARAM_OPTIONAL
        Z_PARAM_ARRAY_HT_OR_NULL(body)
        Z_PARAM_ARRAY_HT(query)
    ZEND_PARSE_PARAMETERS_END();
    const char *verb = nullptr;
    std::string p, q, json;
    bool ok = false;
    if (!constructed(ZEND_THIS)) RETURN_THROWS();
    php_runcloud_guard([&] {
        ok = read_method(method, 1, verb) && check_path(path, 2, p) && (!body || no_body_for(verb, 3)) &&
             (!body || json_body(body, 3, json)) && (!query || read_query(query, 4, false, q));
    });
    if (!ok) RETURN_THROWS();
    run_call(ZEND_THIS, [&](Client *c) -> runcloud::Outcome {
        runcloud::Result<runcloud::Exchange> ex = c->api->send(verb, p, q, body ? &json : nullptr);
        if (!ex) return ex.take_failure();
        zval decoded;
        std::string why;
        if (!decode_php(c, ex->response, &decoded, why)) return c->api->unexpected(*ex, why);  // not thrown after a bailout
        RETVAL_COPY_VALUE(&decoded);
        return runcloud::Done{};
    });
}

CLIENT_METHOD(listAll) {
    zend_string *path;
    HashTable *query = nullptr;
    ZEND_PARSE_PARAMETERS_START(1, 2)
        Z_PARAM_STR(path)
        Z_PARAM_OPTIONAL
        Z_PARAM_ARRAY_HT(query)
    ZEND_PARSE_PARAMETERS_END();
    std::string p, q;
    bool ok = false;
    if (!constructed(ZEND_THIS)) RETURN_THROWS();
    php_runcloud_guard([&] { ok = check_path(path, 1, p) && (!query || read_query(query, 2, true, q)); });
    if (!ok) RETURN_THROWS();
    run_call(ZEND_THIS, [&](Client *c) { return list_all(c, p, q, return_value); });
}

ZEND_METHOD(RunCloud_Client, rateLimit) {
    ZEND_PARSE_PARAMETERS_NONE();
    Client *c = constructed(ZEND_THIS);
    if (!c) RETURN_THROWS();
    auto rate = c->api->rate();
    if (!rate) RETURN_NULL();
    array_init_size(return_value, 2);
    add_assoc_long(return_value, "limit", rate->limit);
    // What the last answer said: null when it had no X-RateLimit-Remaining, or one that could not be read
    // (not digits, or above the limit).
    if (rate->said_remaining < 0) add_assoc_null(return_value, "remaining");
    else add_assoc_long(return_value, "remaining", rate->said_remaining);
}
