#include "http.h"

#ifdef _WIN32
#include <process.h>
#include <string.h>
#define strncasecmp _strnicmp
#define getpid _getpid
#else
#include <pthread.h>
#include <strings.h>
#include <unistd.h>
#endif

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <cstdio>
#include <thread>

#include "../json.h"

namespace runcloud {
namespace {

constexpr long kMaxIdleConnections = 16;  // per session: bounds sockets held between requests
constexpr size_t kMaxPooledSessions = 8;  // per process: distinct endpoints and credentials kept

/* `name` is a literal, so its length is known without a strlen per header and name. */
template <size_t N>
bool header_is(const char *line, size_t len, const char (&name)[N], const char *&value, size_t &vlen) {
    constexpr size_t n = N - 1;
    if (len <= n || line[n] != ':' || strncasecmp(line, name, n) != 0) return false;
    value = line + n + 1;
    vlen = len - n - 1;
    while (vlen && (*value == ' ' || *value == '\t')) { value++; vlen--; }
    while (vlen && (value[vlen - 1] == '\r' || value[vlen - 1] == '\n' || value[vlen - 1] == ' ')) vlen--;
    return true;
}

constexpr long kMaxRetryAfter = 86400;  // a day: longer than any call's deadline, and no overflow downstream

}  // namespace

long parse_header_long(const char *v, size_t n) {
    long long out = 0;
    if (n == 0 || n > 12) return -1;
    for (size_t i = 0; i < n; i++) {
        if (v[i] < '0' || v[i] > '9') return -1;
        out = out * 10 + (v[i] - '0');
    }
    return out > 0x7fffffffLL ? 0x7fffffffL : static_cast<long>(out);
}

long parse_retry_after(const char *v, size_t n) {
    long secs = parse_header_long(v, n);
    if (secs >= 0) return std::min(secs, kMaxRetryAfter);
    if (n == 0 || n > 64) return -1;
    std::string date(v, n);
    time_t when = curl_getdate(date.c_str(), nullptr);
    if (when < 0) return -1;
    time_t now = time(nullptr);
    if (when <= now) return 0;
    return when - now > kMaxRetryAfter ? kMaxRetryAfter : static_cast<long>(when - now);
}

namespace {

size_t on_header(char *buf, size_t size, size_t nmemb, void *userdata) noexcept {
    auto *ex = static_cast<Exchange *>(userdata);
    size_t len = size * nmemb;
    if (len >= 5 && std::memcmp(buf, "HTTP/", 5) == 0) {  // a new header block (after 1xx): start over
        ex->content_type.clear();
        ex->location.clear();
        ex->rate_limit = ex->rate_remaining = ex->retry_after = -1;
        return len;
    }
    const char *v;
    size_t vl;
    try {
        // Only the first 512 bytes of a value are kept: a server cannot grow memory through one header.
        if (header_is(buf, len, "content-type", v, vl)) ex->content_type.assign(v, std::min<size_t>(vl, 512));
        else if (header_is(buf, len, "location", v, vl)) ex->location.assign(v, std::min<size_t>(vl, 512));
        else if (header_is(buf, len, "x-ratelimit-limit", v, vl)) ex->rate_limit = parse_header_long(v, vl);
        else if (header_is(buf, len, "x-ratelimit-remaining", v, vl)) ex->rate_remaining = parse_header_long(v, vl);
        else if (header_is(buf, len, "retry-after", v, vl)) ex->retry_after = parse_retry_after(v, vl);
    } catch (...) {
        return 0;  // out of memory: libcurl ends the transfer with an error
    }
    return len;
}

/* Keeps simdjson's padding free after the bytes, and refuses bodies over the cap instead of buffering them. */
size_t on_body(char *buf, size_t size, size_t nmemb, void *userdata) noexcept {
    auto *ex = static_cast<Exchange *>(userdata);
    size_t len = size * nmemb;
    size_t held = ex->held ? *ex->held : ex->response.size();
    if (held + len > ex->max_body) {  // the call's budget, shared by every answer it holds
        ex->too_large = true;
        return 0;  // aborts the transfer with CURLE_WRITE_ERROR
    }
    try {
        size_t need = ex->response.size() + len + json_padding();
        if (ex->response.capacity() < need) ex->response.reserve(std::max(need, std::min(ex->response.capacity() * 2, ex->max_body + json_padding())));
        ex->response.append(buf, len);
    } catch (...) {
        return 0;
    }
    if (ex->held) *ex->held += len;
    return len;
}

/* Called before each send of the request. A second send of one attempt is libcurl retrying on a new
 * connection because a reused one died before the first answer byte: the request may have reached the
 * server, so it is refused here and the client's own retry rules decide. */
#if LIBCURL_VERSION_NUM >= 0x075000
int on_prereq(void *userdata, char *, char *, int, int) noexcept {
    auto *ex = static_cast<Exchange *>(userdata);
    if (++ex->sends > 1) {
        ex->lost = true;
        return CURL_PREREQFUNC_ABORT;
    }
    return CURL_PREREQFUNC_OK;
}
#endif

pid_t cached_pid = 0;

void forked() { cached_pid = getpid(); }

}  // namespace

/* getpid() on every call showed up in profiles: the pid is kept, and refreshed in a forked child. */
pid_t current_pid() {
#ifdef _WIN32
    return getpid();  // no fork there
#else
    static const bool registered = [] {
        cached_pid = getpid();
        return pthread_atfork(nullptr, nullptr, forked) == 0;
    }();
    return registered ? cached_pid : getpid();
#endif
}

/* The lists hold "Authorization: Bearer <token>": wiped before libcurl frees them. */
static void free_wiped(curl_slist *list) {
    for (curl_slist *l = list; l; l = l->next) {
        if (l->data) {
            volatile char *p = l->data;
            for (size_t i = 0; p[i]; i++) p[i] = 0;
        }
    }
    curl_slist_free_all(list);
}

namespace {
std::atomic<uint64_t> settings_serial{0};  // atomic: ZTS builds make settings in several threads
}

Settings::Settings() : serial(++settings_serial) {}

Settings::~Settings() {
    free_wiped(headers_plain_);
    free_wiped(headers_json_);
}

bool Settings::prepare() {
    for (int with_body = 0; with_body < 2; with_body++) {
        curl_slist *list = nullptr;
        const char *lines[] = {"Accept: application/json", with_body ? "Content-Type: application/json" : nullptr,
                               "Expect:", authorization.str().empty() ? nullptr : authorization.str().c_str()};
        for (const char *line : lines) {
            if (!line) continue;
            curl_slist *next = curl_slist_append(list, line);
            if (!next) { free_wiped(list); return false; }
            list = next;
        }
        (with_body ? headers_json_ : headers_plain_) = list;
    }
    return true;
}

void Exchange::reset_answer() {
    result = CURLE_OK;
    status = 0;
    response.clear();
    content_type.clear();
    location.clear();
    rate_limit = rate_remaining = retry_after = -1;
    too_large = false;
    lost = false;
    unsent = Unsent::No;
    hold = 0;
    sent = false;
    sends = 0;
    error[0] = 0;
    seconds = 0;
}

Session::Session() : multi_(curl_multi_init()), share_(curl_share_init()), pid_(current_pid()) {
    learn_ca_default();
    if (multi_) {
        curl_multi_setopt(multi_, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
        curl_multi_setopt(multi_, CURLMOPT_MAXCONNECTS, kMaxIdleConnections);
    }
    // A connection the server closed (idle timeout) reopens with an abbreviated TLS handshake.
    if (share_) {
        curl_share_setopt(share_, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
        curl_share_setopt(share_, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
    }
}

Session::~Session() {
    if (!usable()) return;  // a forked child must not shut down its parent's TLS streams: let them go
    detach_all();
    for (CURL *h : idle_) curl_easy_cleanup(h);
    if (multi_) curl_multi_cleanup(multi_);
    if (share_) curl_share_cleanup(share_);
}

bool Session::usable() const { return multi_ != nullptr && pid_ == current_pid(); }

CURL *Session::take_handle() {
    if (!idle_.empty()) {
        CURL *h = idle_.back();
        idle_.pop_back();
        return h;
    }
    return curl_easy_init();
}

/* An idle handle keeps its connection (in the multi handle's cache), TLS and DNS caches, and no pointer
 * into an exchange or into settings that may go: those options are cleared here. (curl_easy_reset would
 * clear them too, but measurably cost TLS session resumption on the next connection.) */
void Session::give_back(CURL *h) {
    curl_easy_setopt(h, CURLOPT_PRIVATE, nullptr);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, nullptr);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, nullptr);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, nullptr);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, nullptr);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, nullptr);
    curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
#if LIBCURL_VERSION_NUM >= 0x075000
    curl_easy_setopt(h, CURLOPT_PREREQDATA, nullptr);
#endif
    idle_.push_back(h);
}

/* The CA store a client without ca_info gets: libcurl's built-in default, read from a fresh handle
 * (CURLINFO_CAINFO, libcurl 7.84 and later) so that it can be put back after a client that had its own.
 * Before 7.84 a handle that had a CA file of its own is reset instead (see attach()). */
void Session::learn_ca_default() {
#if LIBCURL_VERSION_NUM >= 0x075400
    CURL *probe = curl_easy_init();
    if (!probe) return;
    char *path = nullptr;
    if (curl_easy_getinfo(probe, CURLINFO_CAINFO, &path) == CURLE_OK && path) ca_default_ = path;
    ca_default_known_ = true;
    curl_easy_cleanup(probe);
#endif
}

void Session::detach_all() {
    for (CURL *h : running_) {
        curl_multi_remove_handle(multi_, h);
        give_back(h);
    }
    running_.clear();
}

/* Options that depend on the settings only. Setting them on every start cost about a tenth of a call's
 * instructions (libcurl copies and parses the strings each time), so a handle keeps them until it serves a
 * client whose settings differ: handles are shared by the clients of a session. */
void Session::configure(const Settings &s, CURL *h) {
    auto it = std::find_if(configured_.begin(), configured_.end(), [h](const auto &e) { return e.first == h; });
    if (it == configured_.end()) it = configured_.insert(configured_.end(), {h, 0});
    if (it->second == s.serial) return;
    it->second = 0;  // until every option below is set
    curl_easy_setopt(h, CURLOPT_SHARE, share_);
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
#if LIBCURL_VERSION_NUM >= 0x075500
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
#else
    curl_easy_setopt(h, CURLOPT_PROTOCOLS, static_cast<long>(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!s.ca_info.empty()) {
        curl_easy_setopt(h, CURLOPT_CAINFO, s.ca_info.c_str());
        if (std::find(custom_ca_.begin(), custom_ca_.end(), h) == custom_ca_.end()) custom_ca_.push_back(h);
    } else if (ca_default_known_) {
        // The documented default, never NULL (which would mean "no CA file", not "the default").
        curl_easy_setopt(h, CURLOPT_CAINFO, ca_default_.empty() ? nullptr : ca_default_.c_str());
    }
    curl_easy_setopt(h, CURLOPT_HTTP_VERSION, s.http2 ? CURL_HTTP_VERSION_2TLS : CURL_HTTP_VERSION_1_1);
    curl_easy_setopt(h, CURLOPT_PIPEWAIT, 1L);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(h, CURLOPT_USERAGENT, s.user_agent.c_str());
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, s.connect_timeout_ms);
    curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(s.max_body));
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
#if LIBCURL_VERSION_NUM >= 0x075000
    curl_easy_setopt(h, CURLOPT_PREREQFUNCTION, on_prereq);
#endif
    it->second = s.serial;
}

/* The exchange's own options are set on every start; those of the settings when the handle's differ. */
void Session::attach(const Settings &s, Exchange &ex) {
    ex.attempt++;
    if (!ca_default_known_ && s.ca_info.empty() && !idle_.empty()) {
        auto it = std::find(custom_ca_.begin(), custom_ca_.end(), idle_.back());
        if (it != custom_ca_.end()) {  // libcurl before 7.84: only a reset puts its default CA back
            curl_easy_reset(idle_.back());
            custom_ca_.erase(it);
            for (auto &e : configured_) {
                if (e.first == idle_.back()) e.second = 0;  // the reset cleared its options too
            }
        }
    }
    ex.max_body = s.max_body;
    if (ex.held) *ex.held -= std::min(*ex.held, ex.response.size());  // the last attempt's answer is dropped
    ex.reset_answer();
    CURL *h = take_handle();
    if (!h) {
        ex.result = CURLE_OUT_OF_MEMORY;
        return;
    }
    configure(s, h);
    std::string url = s.base_url + ex.path;
    curl_easy_setopt(h, CURLOPT_URL, url.c_str());
    curl_easy_setopt(h, CURLOPT_PRIVATE, &ex);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, s.headers(ex.with_body));
    // The verb is set on every start, never left to libcurl's guess from the body nor to what the handle's
    // last exchange was: a GET goes out as GET (and never carries a body: request() refuses one), a POST as
    // POST with or without one. POST, PUT and PATCH always carry a body, empty when there is none, so
    // proxies see a Content-Length; a DELETE carries one only when given.
    bool get = std::strcmp(ex.method, "GET") == 0, post = std::strcmp(ex.method, "POST") == 0;
    if (!get && (ex.with_body || std::strcmp(ex.method, "DELETE") != 0)) {
        curl_easy_setopt(h, CURLOPT_POST, 1L);
        curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, static_cast<long>(ex.with_body ? ex.body.size() : 0));
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, ex.with_body ? ex.body.c_str() : "");
    } else {
        curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);  // also clears the body state of the handle's last exchange
    }
    curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, get || post ? nullptr : ex.method);
    long left = std::chrono::duration_cast<std::chrono::milliseconds>(ex.deadline - Clock::now()).count();
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, std::max(left, 1L));
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &ex);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, &ex);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, ex.error);
#if LIBCURL_VERSION_NUM >= 0x075000
    curl_easy_setopt(h, CURLOPT_PREREQDATA, &ex);
#endif
    CURLMcode mc = curl_multi_add_handle(multi_, h);
    if (mc != CURLM_OK) {
        ex.result = CURLE_FAILED_INIT;
        give_back(h);
        return;
    }
    running_.push_back(h);
}

namespace {

void finish_answer(CURL *h, Exchange &ex, CURLcode result) {
    ex.result = ex.too_large ? CURLE_FILESIZE_EXCEEDED : result;
    if (ex.lost) {
        ex.result = CURLE_SEND_ERROR;  // what libcurl met on the reused connection
        ex.maybe_applied = true;
    }
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &ex.status);
    curl_easy_getinfo(h, CURLINFO_TOTAL_TIME, &ex.seconds);
    // Sent once libcurl was about to send it (on_prereq, libcurl 7.80+) or counted request bytes: a failure
    // of DNS, connect or the TLS handshake comes before either.
    long request_bytes = 0;
    curl_easy_getinfo(h, CURLINFO_REQUEST_SIZE, &request_bytes);
    ex.sent = ex.sends > 0 || request_bytes > 0 || ex.status > 0;
    if (ex.response.capacity() < ex.response.size() + json_padding()) ex.response.reserve(ex.response.size() + json_padding());
}

}  // namespace

/* Marks the session busy for the length of a run, whatever way it ends. */
struct BusyMark {
    bool &flag;
    explicit BusyMark(bool &f) : flag(f) { flag = true; }
    ~BusyMark() { flag = false; }
};

void Session::send(const Settings &settings, std::deque<Exchange *> &queue, int parallel,
                   const std::function<void(Exchange &)> &done, const std::function<bool()> &stop) {
    BusyMark mark(busy_);
    try {
        loop(settings, queue, parallel, done, stop);
    } catch (...) {  // out of memory: no transfer may stay attached to exchanges that are going away
        detach_all();
        queue.clear();
        throw;
    }
}

void Session::loop(const Settings &settings, std::deque<Exchange *> &queue, int parallel,
                   const std::function<void(Exchange &)> &done, const std::function<bool()> &stop) {
    // An attempt that cannot start before the call's deadline is answered at once as never sent, instead of
    // a request that would only be refused (a 429's Retry-After) or a wait that ends in a timeout.
    auto never_sent = [&](Exchange &ex, Exchange::Unsent why, Clock::time_point until, Clock::time_point now) {
        ex.attempt++;
        ex.reset_answer();
        ex.unsent = why;
        ex.hold = until > now ? static_cast<long>(std::ceil(std::chrono::duration<double>(until - now).count())) : 0;
        done(ex);
    };
    while (true) {
        if (stop()) {
            detach_all();
            queue.clear();
            return;
        }
        auto now = Clock::now();
        for (auto it = queue.begin(); it != queue.end() && static_cast<int>(running_.size()) < parallel;) {
            Exchange *ex = *it;
            if (std::max(ex->not_before, now) >= ex->deadline) {
                it = queue.erase(it);
                never_sent(*ex, Exchange::Unsent::Deadline, ex->not_before, now);
                if (stop()) break;
                it = queue.begin();
                continue;
            }
            int busy = static_cast<int>(running_.size());
            auto held_until = rate.held_until(busy);
            if (held_until > now && held_until >= ex->deadline) {
                it = queue.erase(it);
                never_sent(*ex, Exchange::Unsent::RetryAfter, held_until, now);
                if (stop()) break;
                it = queue.begin();
                continue;
            }
            if (ex->not_before > now || rate.next_start(busy, now, ex->deadline) > now) { ++it; continue; }
            it = queue.erase(it);
            bool held = rate.pacing(busy);
            if (held && !rate.held) paced++;  // once per stretch of paced starts: logged once
            rate.held = held;
            rate.last_start = now;
            attach(settings, *ex);
            if (ex->result != CURLE_OK) {  // could not even start: report it like any failed attempt
                done(*ex);
                if (stop()) break;
                it = queue.begin();
                continue;
            }
        }
        if (stop()) continue;
        if (running_.empty()) {
            if (queue.empty()) return;
            Clock::time_point earliest = Clock::time_point::max();
            for (Exchange *ex : queue) earliest = std::min(earliest, std::min(std::max(ex->not_before, rate.next_start(0, now, ex->deadline)), ex->deadline));
            // Short sleeps, so that stop() (max_execution_time) is seen in time.
            auto until = std::min(earliest, Clock::now() + std::chrono::milliseconds(200));
            if (until > now) std::this_thread::sleep_until(until);
            continue;
        }
        int still = 0;
        curl_multi_perform(multi_, &still);
        bool finished = false;
        int left = 0;
        while (CURLMsg *msg = curl_multi_info_read(multi_, &left)) {
            if (msg->msg != CURLMSG_DONE) continue;
            CURL *h = msg->easy_handle;
            CURLcode result = msg->data.result;
            Exchange *ex = nullptr;
            curl_easy_getinfo(h, CURLINFO_PRIVATE, reinterpret_cast<char **>(&ex));
            finish_answer(h, *ex, result);
            long opened = 0;
            if (curl_easy_getinfo(h, CURLINFO_NUM_CONNECTS, &opened) == CURLE_OK && opened > 0) connects += static_cast<unsigned long>(opened);
            curl_multi_remove_handle(multi_, h);
            running_.erase(std::find(running_.begin(), running_.end(), h));
            give_back(h);
            finished = true;
            rate.seen(*ex, Clock::now());
            done(*ex);
            if (stop()) break;
        }
        if (finished) continue;
        long wait_ms = -1;
        curl_multi_timeout(multi_, &wait_ms);
        if (wait_ms < 0 || wait_ms > 200) wait_ms = 200;
        if (!queue.empty()) {
            auto until = std::chrono::duration_cast<std::chrono::milliseconds>(queue.front()->not_before - now).count();
            if (until >= 0 && until < wait_ms) wait_ms = until;
        }
        curl_multi_poll(multi_, nullptr, 0, static_cast<int>(wait_ms), nullptr);
    }
}

std::shared_ptr<Session> Pool::get(const std::string &key) {
    for (auto it = entries_.begin(); it != entries_.end(); ++it) {
        if (it->key == key && it->session->usable()) {
            std::rotate(entries_.begin(), it, it + 1);  // most recently used first
            return entries_.front().session;
        }
    }
    auto session = std::make_shared<Session>();
    entries_.insert(entries_.begin(), Entry{key, session});
    // A session still in use by a live client stays alive through its shared_ptr.
    while (entries_.size() > kMaxPooledSessions) entries_.pop_back();
    return session;
}

size_t Pool::sessions() const { return entries_.size(); }

size_t Pool::idle_handles() const {
    size_t n = 0;
    for (const auto &e : entries_) n += e.session->idle_handles();
    return n;
}

}  // namespace runcloud
