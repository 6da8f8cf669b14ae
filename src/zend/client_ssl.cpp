/* RunCloud\Client's advanced-SSL methods: the web app's mode (sslMode, setSslMode) and one domain's
 * certificate by name, id or RunCloud\Domain (domainSsl, installDomainSsl, redeployDomainSsl, removeDomainSsl). */
#include "client.h"

extern "C" {
#include "zend_exceptions.h"
}

using namespace runcloud_php;

CLIENT_METHOD(sslMode) {
    ZEND_PARSE_PARAMETERS_NONE();
    run_call(ZEND_THIS, [&](Client *c) {
        return returning(c->api->ssl_mode(), [&](const runcloud::SslMode &mode) {
            array_init_size(return_value, 2);
            add_assoc_bool(return_value, "advanced", mode.advanced);
            add_assoc_bool(return_value, "autoSsl", mode.auto_ssl);
        });
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
    run_call(ZEND_THIS, [&](Client *c) {
        runcloud::SslMode mode;
        mode.advanced = advanced;
        mode.auto_ssl = auto_ssl;
        return c->api->set_ssl_mode(mode);
    });
}

CLIENT_METHOD(domainSsl) {
    zval *domain;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_ZVAL(domain)
    ZEND_PARSE_PARAMETERS_END();
    with_domain(ZEND_THIS, domain, [&](Client *c, const runcloud::DomainRef &d) {
        return returning(c->api->domain_ssl(d), [&](const std::optional<runcloud::SslData> &ssl) {
            if (ssl) php_runcloud_ssl(return_value, *ssl);
            else RETVAL_NULL();
        });
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
    with_domain(ZEND_THIS, domain, [&](Client *c, const runcloud::DomainRef &d) {
        return returning(c->api->install_domain_ssl(d, body), [&](const runcloud::SslData &ssl) { php_runcloud_ssl(return_value, ssl); });
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
