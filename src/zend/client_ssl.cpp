/* RunCloud\Client's methods that take a domain by name, id or RunCloud\Domain: the advanced-SSL ones
 * (sslMode, setSslMode, domainSsl, installDomainSsl, redeployDomainSsl, removeDomainSsl) and removeDomain. */
#include "client.h"

extern "C" {
#include "zend_exceptions.h"
}

using namespace runcloud_php;

namespace {

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

/* Checks the argument (throwing when it is bad), then runs `body` with the domain as the engine takes it. */
template <class F>
void with_domain(zval *self, zval *arg, F &&body) {
    runcloud::DomainRef d;
    bool ok = false;
    if (!constructed(self)) return;
    php_runcloud_guard([&] { ok = read_domain(arg, 1, d); });
    if (!ok) return;
    run_call(self, [&](Client *c, runcloud::Failure &f) { return body(c, d, f); });
}

/* The methods that take a domain and answer a bool from one engine call. */
using DomainYesNo = bool (runcloud::Api::*)(const runcloud::DomainRef &, bool &, runcloud::Failure &);
void yes_no_call(zval *self, zval *arg, zval *return_value, DomainYesNo op) {
    with_domain(self, arg, [&](Client *c, const runcloud::DomainRef &d, runcloud::Failure &f) {
        bool yes = false;
        if (!((*c->api).*op)(d, yes, f)) return false;
        RETVAL_BOOL(yes);
        return true;
    });
}

}  // namespace


CLIENT_METHOD(sslMode) {
    ZEND_PARSE_PARAMETERS_NONE();
    run_call(ZEND_THIS, [&](Client *c, runcloud::Failure &f) {
        runcloud::SslMode mode;
        if (!c->api->ssl_mode(mode, f)) return false;
        array_init_size(return_value, 2);
        add_assoc_bool(return_value, "advanced", mode.advanced);
        add_assoc_bool(return_value, "autoSsl", mode.auto_ssl);
        return true;
    });
}

CLIENT_METHOD(setSslMode) {
    bool advanced, auto_ssl = false;
    ZEND_PARSE_PARAMETERS_START(1, 2)
        Z_PARAM_BOOL(advanced)
        Z_PARAM_OPTIONAL
        Z_PARAM_BOOL(auto_ssl)
    ZEND_PARSE_PARAMETERS_END();
    if (!constructed(ZEND_THIS)) RETURN_THROWS();
    if (!advanced && auto_ssl) {
        zend_argument_value_error(2, "must be false when $advanced is false (AutoSSL exists only in advanced SSL)");
        RETURN_THROWS();
    }
    run_call(ZEND_THIS, [&](Client *c, runcloud::Failure &f) {
        runcloud::SslMode mode;
        mode.advanced = advanced;
        mode.auto_ssl = auto_ssl;
        return c->api->set_ssl_mode(mode, f);
    });
}

CLIENT_METHOD(domainSsl) {
    zval *domain;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_ZVAL(domain)
    ZEND_PARSE_PARAMETERS_END();
    with_domain(ZEND_THIS, domain, [&](Client *c, const runcloud::DomainRef &d, runcloud::Failure &f) {
        std::optional<runcloud::SslData> ssl;
        if (!c->api->domain_ssl(d, ssl, f)) return false;
        if (ssl) php_runcloud_ssl(return_value, *ssl);
        else RETVAL_NULL();
        return true;
    });
}

CLIENT_METHOD(installDomainSsl) {
    zval *domain;
    HashTable *settings = nullptr;
    ZEND_PARSE_PARAMETERS_START(1, 2)
        Z_PARAM_ZVAL(domain)
        Z_PARAM_OPTIONAL
        Z_PARAM_ARRAY_HT(settings)
    ZEND_PARSE_PARAMETERS_END();
    std::string body;
    if (!constructed(ZEND_THIS)) RETURN_THROWS();
    bool ok = false;
    php_runcloud_guard([&] { ok = ssl_body(settings, 2, body); });
    if (!ok) RETURN_THROWS();
    with_domain(ZEND_THIS, domain, [&](Client *c, const runcloud::DomainRef &d, runcloud::Failure &f) {
        runcloud::SslData ssl;
        if (!c->api->install_domain_ssl(d, body, ssl, f)) return false;
        php_runcloud_ssl(return_value, ssl);
        return true;
    });
}

CLIENT_METHOD(redeployDomainSsl) {
    zval *domain;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_ZVAL(domain)
    ZEND_PARSE_PARAMETERS_END();
    yes_no_call(ZEND_THIS, domain, return_value, &runcloud::Api::redeploy_domain_ssl);
}

CLIENT_METHOD(removeDomainSsl) {
    zval *domain;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_ZVAL(domain)
    ZEND_PARSE_PARAMETERS_END();
    yes_no_call(ZEND_THIS, domain, return_value, &runcloud::Api::remove_domain_ssl);
}

CLIENT_METHOD(removeDomain) {
    zval *domain;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_ZVAL(domain)
    ZEND_PARSE_PARAMETERS_END();
    yes_no_call(ZEND_THIS, domain, return_value, &runcloud::Api::remove_domain_ref);
}
