/* The PHP classes of the extension and the helpers that build their objects. Zend-side only. */
#ifndef RUNCLOUD_PHP_CLASSES_H
#define RUNCLOUD_PHP_CLASSES_H

#include "php_runcloud.h"

#include <new>
#include <optional>

#include "../engine/api.h"

extern zend_class_entry *php_runcloud_client_ce, *php_runcloud_domain_ce, *php_runcloud_ssl_ce,
    *php_runcloud_sync_result_ce, *php_runcloud_exception_ce, *php_runcloud_api_exception_ce,
    *php_runcloud_authentication_exception_ce, *php_runcloud_not_found_exception_ce,
    *php_runcloud_validation_exception_ce, *php_runcloud_rate_limit_exception_ce,
    *php_runcloud_server_exception_ce, *php_runcloud_transport_exception_ce,
    *php_runcloud_unexpected_response_exception_ce, *php_runcloud_configuration_exception_ce,
    *php_runcloud_busy_exception_ce, *php_runcloud_request_exception_ce, *php_runcloud_throttled_exception_ce,
    *php_runcloud_ssl_mode_exception_ce, *php_runcloud_domain_not_found_exception_ce;

/* runcloud.cpp: this process's (this thread's, under ZTS) pool of sessions */
runcloud::Pool *php_runcloud_pool();

/* errors.cpp */
zend_object *php_runcloud_exception_object(const runcloud::Failure &failure);
void php_runcloud_throw(const runcloud::Failure &failure);

/* objects.cpp */
void php_runcloud_domain(zval *out, const runcloud::DomainData &d);
void php_runcloud_ssl(zval *out, const runcloud::SslData &s);
void php_runcloud_sync_result(zval *out, const runcloud::BulkResult &r, bool dry_run);

/* client.cpp: handlers for RunCloud\Client, set once the class is registered */
void php_runcloud_client_init(zend_class_entry *ce);

/* Runs `body` so that no C++ exception ever reaches the engine. */
template <class F>
void php_runcloud_guard(F &&body) noexcept {
    try {
        body();
    } catch (const std::bad_alloc &) {
        zend_throw_error(nullptr, "RunCloud: out of memory");
    } catch (...) {
        zend_throw_error(nullptr, "RunCloud: internal error");
    }
}

#endif
