/* Domain, Ssl and SyncResult: final classes with readonly properties, filled straight into their slots
 * in declaration order (runcloud.stub.php). */
#include "php_classes.h"

zend_class_entry *php_runcloud_domain_ce, *php_runcloud_ssl_ce, *php_runcloud_sync_result_ce;

namespace {

void set_string(zend_object *obj, int slot, const std::string &s) {
    ZVAL_STRINGL(OBJ_PROP_NUM(obj, slot), s.data(), s.size());
}

void set_opt_string(zend_object *obj, int slot, const std::optional<std::string> &s) {
    if (s) set_string(obj, slot, *s);
    else ZVAL_NULL(OBJ_PROP_NUM(obj, slot));
}

void set_names(zend_object *obj, int slot, const std::vector<std::string> &names) {
    zval *arr = OBJ_PROP_NUM(obj, slot);
    array_init_size(arr, static_cast<uint32_t>(names.size()));
    for (const auto &n : names) add_next_index_stringl(arr, n.data(), n.size());
}

}  // namespace

void php_runcloud_domain(zval *out, const runcloud::DomainData &d) {
    object_init_ex(out, php_runcloud_domain_ce);
    zend_object *o = Z_OBJ_P(out);
    ZVAL_LONG(OBJ_PROP_NUM(o, 0), d.id);
    set_string(o, 1, d.name);
    set_string(o, 2, d.type);
    ZVAL_BOOL(OBJ_PROP_NUM(o, 3), d.www);
    set_string(o, 4, d.redirection);
    ZVAL_BOOL(OBJ_PROP_NUM(o, 5), d.wildcard);
    set_opt_string(o, 6, d.dns_integration);
    set_opt_string(o, 7, d.status);
    set_opt_string(o, 8, d.created_at);
}

void php_runcloud_ssl(zval *out, const runcloud::SslData &s) {
    object_init_ex(out, php_runcloud_ssl_ce);
    zend_object *o = Z_OBJ_P(out);
    ZVAL_LONG(OBJ_PROP_NUM(o, 0), s.id);
    set_opt_string(o, 1, s.method);
    ZVAL_BOOL(OBJ_PROP_NUM(o, 2), s.enable_http);
    ZVAL_BOOL(OBJ_PROP_NUM(o, 3), s.enable_hsts);
    set_opt_string(o, 4, s.authorization_method);
    ZVAL_BOOL(OBJ_PROP_NUM(o, 5), s.staging);
    set_opt_string(o, 6, s.valid_until);
    set_opt_string(o, 7, s.renewal_date);
    set_opt_string(o, 8, s.created_at);
}

void php_runcloud_sync_result(zval *out, const runcloud::BulkResult &r, bool dry_run) {
    object_init_ex(out, php_runcloud_sync_result_ce);
    zend_object *o = Z_OBJ_P(out);
    set_names(o, 0, r.added);
    set_names(o, 1, r.removed);
    set_names(o, 2, r.unchanged);
    zval *failed = OBJ_PROP_NUM(o, 3);
    array_init_size(failed, static_cast<uint32_t>(r.failed.size()));
    for (const auto &f : r.failed) {
        zval ex;
        ZVAL_OBJ(&ex, php_runcloud_exception_object(f.second));
        zend_symtable_str_update(Z_ARRVAL_P(failed), f.first.data(), f.first.size(), &ex);
    }
    ZVAL_BOOL(OBJ_PROP_NUM(o, 4), dry_run);
}

/* Value objects come only from the client. */
ZEND_METHOD(RunCloud_Domain, __construct) { ZEND_PARSE_PARAMETERS_NONE(); (void) return_value; }
ZEND_METHOD(RunCloud_Ssl, __construct) { ZEND_PARSE_PARAMETERS_NONE(); (void) return_value; }
ZEND_METHOD(RunCloud_SyncResult, __construct) { ZEND_PARSE_PARAMETERS_NONE(); (void) return_value; }
