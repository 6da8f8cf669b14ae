/* RunCloud\Client's object handlers: allocation, release, the cycle collector's view and the safe dump. */
#include "client.h"

#include <cstring>

zend_class_entry *php_runcloud_client_ce;

namespace runcloud_php {
namespace {

zend_object_handlers client_handlers;

zend_object *client_create(zend_class_entry *ce) {
    auto *c = static_cast<Client *>(zend_object_alloc(sizeof(Client), ce));
    c->api = nullptr;
    c->bailout = false;
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

}  // namespace

void make_client(zval *return_value, const std::function<void(Client *)> &build) {
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

}  // namespace runcloud_php

void php_runcloud_client_init(zend_class_entry *ce) {
    using namespace runcloud_php;
    ce->create_object = client_create;
    std::memcpy(&client_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
    client_handlers.offset = offsetof(Client, std);
    client_handlers.free_obj = client_free;
    client_handlers.clone_obj = nullptr;
    client_handlers.get_gc = client_gc;
    client_handlers.get_debug_info = client_debug_info;
    client_handlers.compare = zend_objects_not_comparable;
}
