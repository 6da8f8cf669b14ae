/* The transport: libcurl exchanges driven through one multi handle per session, so single calls and
 * bulk calls share connections (HTTP/1.1 keep-alive or HTTP/2 multiplexing), DNS and TLS sessions.
 * Sessions can outlive the PHP request in a per-process pool. No Zend here. */
#ifndef RUNCLOUD_HTTP_H
#define RUNCLOUD_HTTP_H

#include <curl/curl.h>
#include <sys/types.h>
#ifdef _WIN32
typedef int pid_t;  // MSVC has none; the pool key only needs an integer per process
#endif

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "../redact.h"

namespace runcloud {

using Clock = std::chrono::steady_clock;

/* How a client reaches RunCloud; fixed at construction. */
struct Settings {
    std::string base_url;          // scheme://host[:port]/path, no trailing slash
    Secret authorization;          // the whole "Authorization: ..." header line
    std::string user_agent;
    std::string ca_info;           // empty: the system's CA store
    long timeout_ms = 30000;       // a whole call, retries included
    long connect_timeout_ms = 10000;
    size_t max_body = 4u << 20;    // answers above this are refused, not buffered
    int retries = 2;
    double retry_delay = 0.5;      // seconds; doubles each retry, with jitter
    bool persistent = true;
    int concurrency = 8;
    bool http2 = true;             // offered through ALPN; false keeps to HTTP/1.1 (for proxies that break HTTP/2)
    long ssl_mode_ttl_ms = 60000;  // how long a web app's SSL mode, once read, is trusted (0: read it each time)

    /* Tells settings apart for the handles configured with them (Session::attach): a new object has a new
     * serial, even at the address of one that is gone. */
    const uint64_t serial;

    Settings();
    Settings(const Settings &) = delete;
    ~Settings();
    /* Builds the header lists once; call after `authorization` is set. */
    bool prepare();
    curl_slist *headers(bool with_body) const { return with_body ? headers_json_ : headers_plain_; }
private:
    curl_slist *headers_plain_ = nullptr, *headers_json_ = nullptr;
};

/* One HTTP request and, once done, its answer. */
struct Exchange {
    const char *method = "GET";
    std::string path;              // after the base URL, starting with '/', query included
    std::string body;              // JSON; sent when `with_body`
    bool with_body = false;
    Clock::time_point not_before{};  // retries wait until then
    Clock::time_point deadline{};    // the whole call's
    int attempt = 0;
    size_t *held = nullptr;        // the call's bytes of answers held so far, shared by its exchanges
    void *owner = nullptr;         // the caller's record of this exchange (api.cpp's Op): no lookup table per call

    // The answer of the last attempt.
    CURLcode result = CURLE_OK;
    long status = 0;
    std::string response;          // with simdjson's padding reserved after it
    std::string content_type, location;
    long rate_limit = -1, rate_remaining = -1, retry_after = -1;
    bool too_large = false;
    bool lost = false;             // the connection died before the answer: the request may have reached the server
    /* Why an attempt was never started: the deadline came first (its wait for a retry, a free slot or
     * pacing), or a 429's Retry-After holds the session past it. `hold` is then the seconds, rounded up,
     * until it could have gone (0 when the deadline simply passed). */
    enum class Unsent { No, Deadline, RetryAfter };
    Unsent unsent = Unsent::No;
    long hold = 0;
    bool sent = false;             // some of this attempt's request may have gone out (false: DNS, connect, TLS failed)
    bool maybe_applied = false;    // some attempt was lost after sending: the server may have acted on it
    int sends = 0;                 // times libcurl was about to send this attempt's request
    size_t max_body = 0;           // set when started: the call's budget
    char error[CURL_ERROR_SIZE] = {0};
    double seconds = 0;

    void reset_answer();
};

struct RateState {
    long limit = -1, remaining = -1;
    long said_remaining = -1;        // X-RateLimit-Remaining of the last answer (-1: none, unreadable, above the limit)

    /* Pacing from the figures RunCloud reports (pacing.cpp): several processes may share the budget. */
    double consumers = 1;            // calls counted per answer of ours: 1 alone, about N with N busy processes
    Clock::time_point last_start{};  // this session's last start
    Clock::time_point reset_at{};    // when a 429's Retry-After said the budget comes back
    Clock::time_point last_seen{};   // the last answer with figures
    Clock::time_point rise_from{};   // the answer before `remaining` last went up: the new window began after it
    Clock::time_point distrust_until{};  // the figures contradicted themselves: no estimate from them until then
    bool held = false;               // the last start was paced
    /* Takes in the figures of a finished exchange. */
    void seen(const Exchange &ex, Clock::time_point now);
    /* Whether starts are being spaced out now, and the earliest the next may start. Pacing is an estimate:
     * a start it would hold until `deadline` or later may go now (only a 429's Retry-After holds past it). */
    bool pacing(int running) const;
    Clock::time_point next_start(int running, Clock::time_point now, Clock::time_point deadline = Clock::time_point::max()) const;
    /* When a 429's Retry-After lets this session start again (a past time when nothing holds it). */
    Clock::time_point held_until(int running) const;
};

/* Whatever the layer above a session keeps with it: it lives as long as the session's connections, so the
 * clients that share a session (one endpoint, one credential, one process) share it too. */
struct SessionMemory {
    virtual ~SessionMemory() = default;
};

/* Connections to one endpoint with one credential. */
class Session {
public:
    Session();
    ~Session();
    Session(const Session &) = delete;
    Session &operator=(const Session &) = delete;

    bool usable() const;           // false in a forked child: the sockets are its parent's
    bool busy() const { return busy_; }  // a call is running on it (PHP code may try to re-enter)
    size_t idle_handles() const { return idle_.size(); }
    RateState rate;
    unsigned long paced = 0;       // times starts began to be held back to stay under the rate limit
    /* What the layer above remembers along with these connections (the transport never looks inside). */
    std::unique_ptr<SessionMemory> memory;

    /* Runs queued exchanges, at most `parallel` at once, calling `done` as each finishes; `done` may queue
     * more (a retry, a next step). Returns when nothing is queued or running, or as soon as `stop` says so:
     * then every running transfer is detached and nothing queued starts. No transfer is attached when it
     * returns. A queued exchange that cannot start before its deadline finishes as timed out. */
    void send(const Settings &settings, std::deque<Exchange *> &queue, int parallel,
              const std::function<void(Exchange &)> &done, const std::function<bool()> &stop);

private:
    /* send()'s loop: starts what may start, waits for the network, hands each finished exchange to `done`. */
    void loop(const Settings &settings, std::deque<Exchange *> &queue, int parallel,
              const std::function<void(Exchange &)> &done, const std::function<bool()> &stop);
    CURL *take_handle();
    void give_back(CURL *h);
    /* The options of a handle that depend only on the settings, set again only when they change. */
    void configure(const Settings &settings, CURL *h);
    void learn_ca_default();
    /* Puts one attempt of `ex` on a handle and into the multi handle (its result set when it cannot). */
    void attach(const Settings &settings, Exchange &ex);
    void detach_all();
    CURLM *multi_;
    CURLSH *share_;                // TLS sessions and DNS answers, for every connection of the session
    std::vector<CURL *> idle_;
    std::vector<CURL *> running_;
    std::vector<CURL *> custom_ca_;  // handles that had a client's own CA file
    std::vector<std::pair<CURL *, uint64_t>> configured_;  // each handle and the serial of its settings (0: none)
    std::string ca_default_;       // libcurl's built-in CA file ("" when it has none)
    bool ca_default_known_ = false;
    pid_t pid_;
    bool busy_ = false;
public:
    unsigned long connects = 0;    // connections opened, for phpinfo
};

/* This process's id, without a system call each time. */
pid_t current_pid();

/* The sessions that outlive a request: one pool per process, per thread under ZTS, owned by the module
 * globals (created in GINIT, destroyed in GSHUTDOWN). */
class Pool {
public:
    std::shared_ptr<Session> get(const std::string &key);
    size_t sessions() const;
    size_t idle_handles() const;
private:
    struct Entry {
        std::string key;
        std::shared_ptr<Session> session;
    };
    std::vector<Entry> entries_;  // most recently used first
};

/* The wall clock's Retry-After: delta-seconds or an HTTP date, clamped to a day; -1 when unreadable. */
long parse_retry_after(const char *v, size_t n);
/* A header value of digits only, at most 12 of them; -1 otherwise. */
long parse_header_long(const char *v, size_t n);

}  // namespace runcloud

#endif
