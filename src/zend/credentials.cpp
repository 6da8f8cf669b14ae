/* Building the engine of a client: settings from the INI defaults and the options, the credential as an
 * Authorization header (wiped when it goes), the redactor's secrets, and the logger bridge. */
#include "client.h"

extern "C" {
#include "ext/standard/base64.h"
}

namespace runcloud_php {
namespace {

std::unique_ptr<runcloud::Settings> default_settings(bool v2) {
    auto s = std::make_unique<runcloud::Settings>();
    s->base_url = v2 ? "https://manage.runcloud.io/api/v2" : "https://manage.runcloud.io/api/v3";
    s->timeout_ms = static_cast<long>(RUNCLOUD_G(timeout) * 1000);
    s->connect_timeout_ms = static_cast<long>(RUNCLOUD_G(connect_timeout) * 1000);
    if (RUNCLOUD_G(ca_info) && *RUNCLOUD_G(ca_info)) s->ca_info = RUNCLOUD_G(ca_info);
    s->persistent = RUNCLOUD_G(persistent);
    s->ssl_mode_ttl_ms = static_cast<long>(RUNCLOUD_G(ssl_mode_ttl) * 1000);
    if (RUNCLOUD_G(max_response_size) > 0) s->max_body = static_cast<size_t>(RUNCLOUD_G(max_response_size));
    s->user_agent = "runcloud-php/" PHP_RUNCLOUD_VERSION " (libcurl/" + std::string(curl_version_info(CURLVERSION_NOW)->version) + ")";
    return s;
}


/* Calls the PHP logger; false when it threw or bailed out, so the call stops. Everything that may bail out
 * (allocation, the callable itself) runs inside zend_try with no C++ object alive in it: the bailout is
 * caught here, the C++ frames unwind normally (every transfer detached), and the method re-raises it. */
runcloud::Logger make_logger(Client *c) {
    return [c](const char *level, const std::string &message, const std::vector<runcloud::LogField> &ctx) {
        if (Z_ISUNDEF(c->logger) || EG(exception) || c->bailout) return !EG(exception) && !c->bailout;
        zend_execute_data *frame = EG(current_execute_data);
        zval args[3], ret;
        ZVAL_UNDEF(&args[0]);
        ZVAL_UNDEF(&args[1]);
        ZVAL_UNDEF(&args[2]);
        ZVAL_UNDEF(&ret);
        const runcloud::LogField *fields = ctx.data();
        size_t count = ctx.size();
        zend_try {
            ZVAL_STRING(&args[0], level);
            ZVAL_STRINGL(&args[1], message.data(), message.size());
            array_init_size(&args[2], static_cast<uint32_t>(count));
            for (size_t i = 0; i < count; i++) {
                if (fields[i].is_number) add_assoc_long(&args[2], fields[i].key, fields[i].number);
                else add_assoc_stringl(&args[2], fields[i].key, fields[i].text.data(), fields[i].text.size());
            }
            call_user_function(nullptr, nullptr, &c->logger, &ret, 3, args);
            zval_ptr_dtor(&ret);
            for (auto &a : args) zval_ptr_dtor(&a);
        } zend_catch {
            c->bailout = true;  // the request is ending: its memory goes with it
            EG(current_execute_data) = frame;
        } zend_end_try();
        return !EG(exception) && !c->bailout;
    };
}

/* Wipes a zend_string that held a credential before it is freed. */
void release_secret(zend_string *s) {
    if (!s) return;
    if (GC_REFCOUNT(s) == 1 && !ZSTR_IS_INTERNED(s)) ZEND_SECURE_ZERO(ZSTR_VAL(s), ZSTR_LEN(s));
    zend_string_release(s);
}

}  // namespace

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
    // No logger, no bridge: the engine then skips building log records it would only throw away.
    if (!Z_ISUNDEF(c->logger)) c->api->set_logger(make_logger(c));
    c->api->set_pool(php_runcloud_pool());
    c->api->set_interrupt([] { return zend_atomic_bool_load_ex(&EG(timed_out)); });
    return true;
}


}  // namespace runcloud_php
