/* Why a call failed, in plain C++; the Zend layer turns it into the matching exception class. */
#ifndef RUNCLOUD_FAILURE_H
#define RUNCLOUD_FAILURE_H

#include <string>

#include "json.h"

namespace runcloud {

struct Failure {
    enum class Kind {
        Api,         // a non-2xx HTTP status: the class follows the status
        Transport,   // libcurl could not complete the exchange: code is the CURLcode
        Unexpected,  // a redirect, a body that is not JSON, JSON of the wrong shape
        Aborted,     // PHP code (the logger) threw or bailed out: its exception or bailout is pending
        Busy,        // a call re-entered a client or session that is running one
    };
    Kind kind = Kind::Api;
    long code = 0;          // HTTP status or CURLcode
    std::string message;    // complete, already free of credentials
    FieldErrors errors;     // RunCloud's `errors`
    long retry_after = -1;  // seconds, from Retry-After; -1 when absent
};

}  // namespace runcloud

#endif
