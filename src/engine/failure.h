/* Why a call failed, in plain C++; the Zend layer turns it into the matching exception class. */
#ifndef RUNCLOUD_FAILURE_H
#define RUNCLOUD_FAILURE_H

#include <string>
#include <utility>
#include <variant>

#include "json.h"

namespace runcloud {

/* The HTTP request a failure is about (RunCloud\RequestException): the one that failed when a call made
 * several. */
struct RequestRef {
    std::string method;  // "GET", "POST", ...
    std::string path;    // under the base URL, without the query: ids only, never a credential
    bool sent = false;   // false: nothing of it reached the server, so sending it again cannot apply it twice
};

struct Failure {
    /* Only Api answers carry an HTTP status: every outcome the client decided itself has a kind of its own. */
    enum class Kind {
        Api,             // RunCloud answered a non-2xx status: the class follows the status
        Transport,       // libcurl could not complete the exchange: code is the CURLcode
        Unexpected,      // a redirect, a body that is not JSON, JSON of the wrong shape
        Throttled,       // never sent: pacing or a remembered Retry-After would hold it past the call's deadline
        SslMode,         // a per-domain certificate call refused: the web app is in basic SSL mode
        DomainNotFound,  // the name is not among the web app's domains (`domain`)
        Aborted,         // PHP code (the logger) threw or bailed out: its exception or bailout is pending
        Busy,            // a call re-entered a client or session that is running one
    };
    Kind kind = Kind::Api;
    long code = 0;            // HTTP status (Api), CURLcode (Transport), 0 otherwise
    std::string message;      // complete, for people, already free of credentials
    std::string api_message;  // RunCloud's own `message` (Api), free of credentials; "" when none
    FieldErrors errors;       // RunCloud's `errors`
    long retry_after = -1;    // seconds: Retry-After (Api 429, -1 when absent), or the wait (Throttled)
    RequestRef request;       // Api, Transport, Unexpected, Throttled
    std::string domain;       // DomainNotFound: the normalised name

    bool is_status(long status) const { return kind == Kind::Api && code == status; }
};

/* What an operation returns: its value or why it failed, never both. C++ exceptions never carry failures
 * (they would have to cross Zend and libcurl frames); each Result is made once and not reused. */
template <class T>
class Result {
public:
    // Implicit on purpose: an operation returns its value or a Failure as they are. By reference, so
    // `return value;` moves it once, straight into place.
    Result(T &&value) : v_(std::in_place_index<0>, std::move(value)) {}
    Result(const T &value) : v_(std::in_place_index<0>, value) {}
    Result(Failure &&failure) : v_(std::in_place_index<1>, std::move(failure)) {}
    Result(const Failure &failure) : v_(std::in_place_index<1>, failure) {}
    bool ok() const { return v_.index() == 0; }
    explicit operator bool() const { return ok(); }
    T &operator*() { return std::get<0>(v_); }
    T *operator->() { return &std::get<0>(v_); }
    const Failure &failure() const { return std::get<1>(v_); }
    Failure take_failure() { return std::move(std::get<1>(v_)); }

private:
    std::variant<T, Failure> v_;
};

/* The value of an operation that has none: it succeeded. */
struct Done {};
using Outcome = Result<Done>;

}  // namespace runcloud

#endif
