/* RunCloud\Client on the Zend side: the object, and the helpers its methods share. The files:
 * client_object.cpp (handlers), arguments.cpp (argument and option checks, request bodies),
 * credentials.cpp (building the engine with its credential and logger), constants.cpp (fromConstants),
 * client.cpp (the methods), client_ssl.cpp (the advanced-SSL methods). */
#ifndef RUNCLOUD_CLIENT_H
#define RUNCLOUD_CLIENT_H

#include "php_classes.h"

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace runcloud_php {

struct Client {
    runcloud::Api *api;
    zval logger;    // a callable, or UNDEF
    bool bailout;   // PHP code of the running call bailed out (fatal error, time limit): re-raised at the end
    zend_object std;
};

inline Client *client_of(zend_object *obj) {
    return reinterpret_cast<Client *>(reinterpret_cast<char *>(obj) - offsetof(Client, std));
}

/* ---- arguments.cpp: the engine's own ValueError / TypeError, never ours ---- */

bool check_id(zend_long id, uint32_t arg);
bool check_credential(zend_string *s, uint32_t arg, bool is_key);
bool normalize_name(const char *s, size_t len, std::string &out, uint32_t arg);
/* A domain by name (normalized), RunCloud id or RunCloud\Domain; false once it has thrown. */
bool read_domain(zval *v, uint32_t arg, runcloud::DomainRef &out);
bool one_of(zend_string *value, std::initializer_list<const char *> allowed, uint32_t arg, const char *what);
bool has_control(zend_string *s);

struct OptionReader {
    uint32_t arg;
    const char *key = nullptr;

    bool positive(zval *v, double &out, double max);
    bool integer(zval *v, zend_long &out, zend_long min, zend_long max);
    bool boolean(zval *v, bool &out);
    bool string(zval *v, zend_string *&out);
    bool type_error(zval *v, const char *expected);
    bool value_error(const char *must);
    bool unknown(const char *noun);
};

/* Walks an array of named options (`noun`: "option" or "setting"): `handle(name, value, reader)` checks
 * one and returns false once it has thrown. */
template <class F>
bool each_option(HashTable *options, uint32_t arg, const char *noun, F &&handle) {
    OptionReader r{arg};
    zend_string *key;
    zend_ulong index;
    zval *v;
    ZEND_HASH_FOREACH_KEY_VAL(options, index, key, v) {
        ZVAL_DEREF(v);
        if (!key) {
            zend_argument_value_error(arg, "must have %s names as keys, found the index " ZEND_ULONG_FMT, noun, index);
            return false;
        }
        r.key = ZSTR_VAL(key);
        if (!handle(std::string_view(ZSTR_VAL(key), ZSTR_LEN(key)), v, r)) return false;
    } ZEND_HASH_FOREACH_END();
    return true;
}

bool check_base_url(zend_string *url, OptionReader &r, std::string &out);
bool parse_client_options(HashTable *options, uint32_t arg, runcloud::Settings &s, zval *logger);
bool read_names(HashTable *names, uint32_t arg, std::vector<std::string> &out);
bool read_bulk_options(HashTable *options, uint32_t arg, bool sync, runcloud::SyncSpec &spec);
bool ssl_body(HashTable *settings, uint32_t arg, std::string &body);
/* request(): the method upper-cased, the path checked, the query encoded, the body as JSON. */
bool read_method(zend_string *method, uint32_t arg, const char *&out);
bool check_path(zend_string *path, uint32_t arg, std::string &out);
/* A body given for `method`: refused (ValueError) for GET and DELETE, which carry none. */
bool no_body_for(const char *method, uint32_t arg);
bool read_query(HashTable *query, uint32_t arg, bool listing, std::string &out);
bool json_body(HashTable *body, uint32_t arg, std::string &out);
/* An answer decoded into PHP arrays and scalars (integers past PHP's range as strings, so that no id loses
 * digits), at most runcloud::kMaxJsonDepth levels deep; json_last_error() is left as it was. */
enum class AnswerJson { Ok, Invalid, TooDeep };
AnswerJson decode_answer(const char *json, size_t len, zval *out);

/* ---- credentials.cpp ---- */

/* Builds the engine for a new client; false with an exception thrown when the options are bad. */
bool construct(Client *c, zend_string *token, zend_string *key, zend_string *secret, zend_long server, zend_long webapp,
               HashTable *options, uint32_t options_arg, const char *base_url_override);

/* ---- client_object.cpp ---- */

/* A new client for the static constructors: returned only once fully built, released if building threw. */
void make_client(zval *return_value, const std::function<void(Client *)> &build);

/* ---- the preamble of every method that talks to RunCloud (client.cpp, client_ssl.cpp) ---- */

/* The client, or null with an Error thrown when __construct never ran. */
inline Client *constructed(zval *self) {
    Client *c = client_of(Z_OBJ_P(self));
    if (!c->api) zend_throw_error(nullptr, "RunCloud\\Client has not been constructed");
    return c->api ? c : nullptr;
}

/* The preamble of every method that talks to RunCloud. `body(c)` returns the engine's runcloud::Outcome: a
 * failure is thrown. A bailout caught during the call is left pending for CLIENT_METHOD to re-raise. */
/* Runs `step(arg)` inside zend_try; true when PHP bailed out of it. Its frame holds no C++ object, so the
 * longjmp neither skips a destructor there nor clobbers a local that lives across the setjmp. */
bool bailed_out(void (*step)(void *), void *arg);

template <class F>
void run_call(zval *self, F &&body) {
    Client *c = constructed(self);
    if (!c) return;
    bool bailout = false;
    {
        if (runcloud::Outcome begun = c->api->begin(); !begun) {
            php_runcloud_throw(begun.failure());
            return;
        }
        c->bailout = false;
        // Bailouts of PHP code the call runs are caught where it runs (the logger, JSON decoding); this one
        // catches the rest (memory exhausted while the result is built), so the client is never left busy.
        auto step = [&] {
            php_runcloud_guard([&] {
                runcloud::Outcome done = body(c);
                if (!done && !c->bailout) php_runcloud_throw(done.failure());
            });
        };
        if (bailed_out([](void *s) { (*static_cast<decltype(step) *>(s))(); }, &step)) c->bailout = true;
        c->api->end();
        bailout = c->bailout;
        c->bailout = false;
    }
    if (bailout) RUNCLOUD_G(bailout) = true;
}

/* Checks the argument (throwing when it is bad), then runs `body` with the domain as the engine takes it. */
template <class F>
void with_domain(zval *self, zval *arg, F &&body) {
    runcloud::DomainRef d;
    bool ok = false;
    if (!constructed(self)) return;
    php_runcloud_guard([&] { ok = read_domain(arg, 1, d); });
    if (!ok) return;
    run_call(self, [&](Client *c) { return body(c, d); });
}

/* The methods that take a domain and answer a bool from one engine call. */
using DomainYesNo = runcloud::Result<bool> (runcloud::Api::*)(const runcloud::DomainRef &);
inline void yes_no_call(zval *self, zval *arg, zval *return_value, DomainYesNo op) {
    with_domain(self, arg, [&](Client *c, const runcloud::DomainRef &d) -> runcloud::Outcome {
        runcloud::Result<bool> yes = ((*c->api).*op)(d);
        if (!yes) return yes.take_failure();
        RETVAL_BOOL(*yes);
        return runcloud::Done{};
    });
}

/* Converts an engine result into the method's return value with `convert(value)`, or passes its failure on. */
template <class T, class F>
runcloud::Outcome returning(runcloud::Result<T> result, F &&convert) {
    if (!result) return result.take_failure();
    convert(*result);
    return runcloud::Done{};
}

}  // namespace runcloud_php

/* A method whose body may catch a bailout (a fatal error in PHP code it called): the body runs in its own
 * function, so every C++ object of it is gone when the bailout is re-raised here. */
#define CLIENT_METHOD(name)                                                 \
    static void client_##name(INTERNAL_FUNCTION_PARAMETERS);                \
    ZEND_METHOD(RunCloud_Client, name) {                                    \
        RUNCLOUD_G(bailout) = false;                                        \
        client_##name(INTERNAL_FUNCTION_PARAM_PASSTHRU);                    \
        if (RUNCLOUD_G(bailout)) {                                          \
            RUNCLOUD_G(bailout) = false;                                    \
            zend_bailout();                                                 \
        }                                                                   \
    }                                                                       \
    static void client_##name(INTERNAL_FUNCTION_PARAMETERS)

#endif
