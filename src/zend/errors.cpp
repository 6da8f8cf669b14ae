/* Failures to exceptions: one function picks the class, one throws. */
#include "php_classes.h"

#include <cstring>

extern "C" {
#include "zend_exceptions.h"
}

zend_class_entry *php_runcloud_exception_ce, *php_runcloud_api_exception_ce, *php_runcloud_authentication_exception_ce,
    *php_runcloud_not_found_exception_ce, *php_runcloud_validation_exception_ce, *php_runcloud_rate_limit_exception_ce,
    *php_runcloud_server_exception_ce, *php_runcloud_transport_exception_ce,
    *php_runcloud_unexpected_response_exception_ce, *php_runcloud_configuration_exception_ce,
    *php_runcloud_busy_exception_ce, *php_runcloud_request_exception_ce, *php_runcloud_throttled_exception_ce,
    *php_runcloud_ssl_mode_exception_ce, *php_runcloud_domain_not_found_exception_ce;

namespace {

zend_class_entry *class_for(const runcloud::Failure &f) {
    using Kind = runcloud::Failure::Kind;
    switch (f.kind) {
        case Kind::Transport: return php_runcloud_transport_exception_ce;
        case Kind::Unexpected: return php_runcloud_unexpected_response_exception_ce;
        case Kind::Busy: return php_runcloud_busy_exception_ce;
        case Kind::Throttled: return php_runcloud_throttled_exception_ce;
        case Kind::SslMode: return php_runcloud_ssl_mode_exception_ce;
        case Kind::DomainNotFound: return php_runcloud_domain_not_found_exception_ce;
        default: break;
    }
    switch (f.code) {
        case 401: case 403: return php_runcloud_authentication_exception_ce;
        case 404: return php_runcloud_not_found_exception_ce;
        case 422: return php_runcloud_validation_exception_ce;
        case 429: return php_runcloud_rate_limit_exception_ce;
        default: return php_runcloud_server_exception_ce;
    }
}

void set_errors(zend_object *ex, const runcloud::FieldErrors &errors) {
    zval arr;
    array_init_size(&arr, static_cast<uint32_t>(errors.size()));
    for (const auto &field : errors) {
        zval list;
        array_init_size(&list, static_cast<uint32_t>(field.second.size()));
        for (const auto &m : field.second) add_next_index_stringl(&list, m.data(), m.size());
        zend_symtable_str_update(Z_ARRVAL(arr), field.first.data(), field.first.size(), &list);
    }
    zend_update_property(php_runcloud_api_exception_ce, ex, "errors", sizeof("errors") - 1, &arr);
    zval_ptr_dtor(&arr);
}

/* The class that declares the request's private properties: ApiException for its subclasses. */
zend_class_entry *request_scope(zend_class_entry *ce) {
    return instanceof_function(ce, php_runcloud_api_exception_ce) ? php_runcloud_api_exception_ce : ce;
}

void set_string(zend_class_entry *scope, zend_object *ex, const char *name, const std::string &value) {
    zend_update_property_stringl(scope, ex, name, std::strlen(name), value.data(), value.size());
}

}  // namespace

zend_object *php_runcloud_exception_object(const runcloud::Failure &f) {
    zval obj;
    zend_class_entry *ce = class_for(f);
    object_init_ex(&obj, ce);
    zend_object *ex = Z_OBJ(obj);
    set_string(zend_ce_exception, ex, "message", f.message);
    zend_update_property_long(zend_ce_exception, ex, "code", sizeof("code") - 1, f.kind == runcloud::Failure::Kind::Api ||
                              f.kind == runcloud::Failure::Kind::Transport || f.kind == runcloud::Failure::Kind::Unexpected ? f.code : 0);
    if (instanceof_function(ce, php_runcloud_request_exception_ce)) {
        zend_class_entry *scope = request_scope(ce);
        set_string(scope, ex, "method", f.request.method);
        set_string(scope, ex, "path", f.request.path);
        zend_update_property_bool(scope, ex, "sent", sizeof("sent") - 1, f.request.sent);
    }
    if (instanceof_function(ce, php_runcloud_api_exception_ce)) {
        set_errors(ex, f.errors);
        set_string(php_runcloud_api_exception_ce, ex, "apiMessage", f.api_message);
    }
    if ((ce == php_runcloud_rate_limit_exception_ce && f.retry_after >= 0) || ce == php_runcloud_throttled_exception_ce) {
        zend_update_property_long(ce, ex, "retryAfter", sizeof("retryAfter") - 1, f.retry_after < 0 ? 0 : f.retry_after);
    }
    if (ce == php_runcloud_domain_not_found_exception_ce) set_string(ce, ex, "domain", f.domain);
    return ex;
}

void php_runcloud_throw(const runcloud::Failure &f) {
    if (f.kind == runcloud::Failure::Kind::Aborted || EG(exception)) return;  // PHP code threw already
    zval ex;
    ZVAL_OBJ(&ex, php_runcloud_exception_object(f));
    zend_throw_exception_object(&ex);
}

static zval *read_prop(zend_class_entry *scope, zval *self, const char *name, size_t len, zval *rv) {
    return zend_read_property(scope, Z_OBJ_P(self), name, len, true, rv);
}

ZEND_METHOD(RunCloud_ApiException, getStatusCode) {
    ZEND_PARSE_PARAMETERS_NONE();
    zval rv;
    zval *code = read_prop(zend_ce_exception, ZEND_THIS, "code", sizeof("code") - 1, &rv);
    RETURN_LONG(Z_TYPE_P(code) == IS_LONG ? Z_LVAL_P(code) : 0);
}

ZEND_METHOD(RunCloud_ApiException, getErrors) {
    ZEND_PARSE_PARAMETERS_NONE();
    zval rv;
    zval *errors = read_prop(php_runcloud_api_exception_ce, ZEND_THIS, "errors", sizeof("errors") - 1, &rv);
    RETURN_COPY_DEREF(errors);
}

ZEND_METHOD(RunCloud_RateLimitException, getRetryAfter) {
    ZEND_PARSE_PARAMETERS_NONE();
    zval rv;
    zval *after = read_prop(php_runcloud_rate_limit_exception_ce, ZEND_THIS, "retryAfter", sizeof("retryAfter") - 1, &rv);
    RETURN_COPY_DEREF(after);
}

ZEND_METHOD(RunCloud_ApiException, getApiMessage) {
    ZEND_PARSE_PARAMETERS_NONE();
    zval rv;
    RETURN_COPY_DEREF(read_prop(php_runcloud_api_exception_ce, ZEND_THIS, "apiMessage", sizeof("apiMessage") - 1, &rv));
}

ZEND_METHOD(RunCloud_ThrottledException, getRetryAfter) {
    ZEND_PARSE_PARAMETERS_NONE();
    zval rv;
    RETURN_COPY_DEREF(read_prop(php_runcloud_throttled_exception_ce, ZEND_THIS, "retryAfter", sizeof("retryAfter") - 1, &rv));
}

ZEND_METHOD(RunCloud_DomainNotFoundException, getDomain) {
    ZEND_PARSE_PARAMETERS_NONE();
    zval rv;
    RETURN_COPY_DEREF(read_prop(php_runcloud_domain_not_found_exception_ce, ZEND_THIS, "domain", sizeof("domain") - 1, &rv));
}

/* RunCloud\RequestException's getters, one set per class that declares the properties. */
#define RUNCLOUD_REQUEST_GETTERS(cls, ce)                                                                   \
    ZEND_METHOD(cls, getMethod) {                                                                           \
        ZEND_PARSE_PARAMETERS_NONE();                                                                       \
        zval rv;                                                                                            \
        RETURN_COPY_DEREF(read_prop(ce, ZEND_THIS, "method", sizeof("method") - 1, &rv));                   \
    }                                                                                                       \
    ZEND_METHOD(cls, getPath) {                                                                             \
        ZEND_PARSE_PARAMETERS_NONE();                                                                       \
        zval rv;                                                                                            \
        RETURN_COPY_DEREF(read_prop(ce, ZEND_THIS, "path", sizeof("path") - 1, &rv));                       \
    }                                                                                                       \
    ZEND_METHOD(cls, wasSent) {                                                                             \
        ZEND_PARSE_PARAMETERS_NONE();                                                                       \
        zval rv;                                                                                            \
        RETURN_COPY_DEREF(read_prop(ce, ZEND_THIS, "sent", sizeof("sent") - 1, &rv));                       \
    }

RUNCLOUD_REQUEST_GETTERS(RunCloud_ApiException, php_runcloud_api_exception_ce)
RUNCLOUD_REQUEST_GETTERS(RunCloud_TransportException, php_runcloud_transport_exception_ce)
RUNCLOUD_REQUEST_GETTERS(RunCloud_UnexpectedResponseException, php_runcloud_unexpected_response_exception_ce)
RUNCLOUD_REQUEST_GETTERS(RunCloud_ThrottledException, php_runcloud_throttled_exception_ce)
