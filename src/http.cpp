#include "http.h"

#include <pthread.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <list>
#include <thread>

#include "json.h"

namespace runcloud {
namespace {

constexpr long kMaxIdleConnections = 16;  // per session: bounds sockets held between requests
constexpr size_t kMaxPooledSessions = 8;  // per process: distinct endpoints and credentials kept

bool header_is(const char *line, size_t len, const char *name, const char *&value, size_t &vlen) {
    size_t n = std::strlen(name);
    if (len <= n || line[n] != ':' || strncasecmp(line, name, n) != 0) return false;
    value = line + n + 1;
    vlen = len - n - 1;
    while (vlen && (*value == ' ' || *value == '\t')) { value++; vlen--; }
    while (vlen && (value[vlen - 1] == '\r' || value[vlen - 1] == '\n' || value[vlen - 1] == ' ')) vlen--;
    return true;
}

long parse_long(const char *v, size_t n) {
    long out = 0;
    if (n == 0 || n > 12) return -1;
    for (size_t i = 0; i < n; i++) {
        if (v[i] < '0' || v[i] > '9') return -1;
        out = out * 10 + (v[i] - '0');
    }
    return out;
}

/* Retry-After is either delta-seconds or an HTTP date. */
long parse_retry_after(const char *v, size_t n) {
    long secs = parse_long(v, n);
    if (secs >= 0) return secs;
    std::string date(v, n);
    time_t when = curl_getdate(date.c_str(), nullptr);
    if (when < 0) return -1;
    time_t now = time(nullptr);
    return when > now ? static_cast<long>(when - now) : 0;
}

size_t on_header(char *buf, size_t size, size_t nmemb, void *userdata) {
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
    if (header_is(buf, len, "content-type", v, vl)) ex->content_type.assign(v, vl);
    else if (header_is(buf, len, "location", v, vl)) ex->location.assign(v, vl);
    else if (header_is(buf, len, "x-ratelimit-limit", v, vl)) ex->rate_limit = parse_long(v, vl);
    else if (header_is(buf, len, "x-ratelimit-remaining", v, vl)) ex->rate_remaining = parse_long(v, vl);
    else if (header_is(buf, len, "retry-after", v, vl)) ex->retry_after = parse_retry_after(v, vl);
    return len;
}

/* Keeps simdjson's padding free after the bytes, and refuses bodies over the cap instead of buffering them. */
size_t on_body(char *buf, size_t size, size_t nmemb, void *userdata) {
    auto *ex = static_cast<Exchange *>(userdata);
    size_t len = size * nmemb;
    if (ex->response.size() + len > ex->max_body) {
        ex->too_large = true;
        return 0;  // aborts the transfer with CURLE_WRITE_ERROR
    }
    size_t need = ex->response.size() + len + json_padding();
    if (ex->response.capacity() < need) ex->response.reserve(std::max(need, ex->response.capacity() * 2));
    ex->response.append(buf, len);
    return len;
}

pid_t cached_pid = 0;

void forked() { cached_pid = getpid(); }

}  // namespace

/* getpid() on every call showed up in profiles: the pid is kept, and refreshed in a forked child. */
pid_t current_pid() {
    static const bool registered = [] {
        cached_pid = getpid();
        return pthread_atfork(nullptr, nullptr, forked) == 0;
    }();
    return registered ? cached_pid : getpid();
}

void Secret::wipe() {
    if (!value_.empty()) {
        volatile char *p = &value_[0];
        for (size_t i = 0; i < value_.size(); i++) p[i] = 0;
    }
    value_.clear();
}

Settings::~Settings() {
    curl_slist_free_all(headers_plain_);
    curl_slist_free_all(headers_json_);
}

bool Settings::prepare() {
    for (int with_body = 0; with_body < 2; with_body++) {
        curl_slist *list = nullptr;
        const char *lines[] = {"Accept: application/json", with_body ? "Content-Type: application/json" : nullptr,
                               "Expect:", authorization.str().empty() ? nullptr : authorization.str().c_str()};
        for (const char *line : lines) {
            if (!line) continue;
            curl_slist *next = curl_slist_append(list, line);
            if (!next) { curl_slist_free_all(list); return false; }
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
    error[0] = 0;
    seconds = 0;
}

Session::Session() : multi_(curl_multi_init()), share_(curl_share_init()), pid_(current_pid()) {
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
    for (CURL *h : idle_) curl_easy_cleanup(h);
    if (multi_) curl_multi_cleanup(multi_);
    if (share_) curl_share_cleanup(share_);
}

bool Session::usable() const { return multi_ != nullptr && pid_ == current_pid(); }

int64_t Session::cached_ssl_id(const std::string &app) const {
    for (const auto &entry : ssl_ids) {
        if (entry.first == app) return entry.second;
    }
    return 0;
}

void Session::cache_ssl_id(const std::string &app, int64_t id) {
    for (auto &entry : ssl_ids) {
        if (entry.first == app) { entry.second = id; return; }
    }
    ssl_ids.emplace_back(app, id);
}

CURL *Session::take_handle() {
    if (!idle_.empty()) {
        CURL *h = idle_.back();
        idle_.pop_back();
        return h;
    }
    return curl_easy_init();
}

/* Every option is set on every start: handles are shared by clients whose settings differ. */
void Session::start(const Settings &s, Exchange &ex) {
    ex.reset_answer();
    ex.attempt++;
    ex.max_body = s.max_body;
    CURL *h = take_handle();
    if (!h) {
        ex.result = CURLE_OUT_OF_MEMORY;
        return;
    }
    std::string url = s.base_url + ex.path;
    curl_easy_setopt(h, CURLOPT_URL, url.c_str());
    curl_easy_setopt(h, CURLOPT_PRIVATE, &ex);
    curl_easy_setopt(h, CURLOPT_SHARE, share_);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, s.headers(ex.with_body));
    curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
    if (ex.with_body || std::strcmp(ex.method, "PUT") == 0 || std::strcmp(ex.method, "PATCH") == 0) {
        // PUT and PATCH carry an explicit empty body so proxies see a Content-Length.
        curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, static_cast<long>(ex.with_body ? ex.body.size() : 0));
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, ex.with_body ? ex.body.c_str() : "");
    }
    bool plain = std::strcmp(ex.method, "GET") == 0 || std::strcmp(ex.method, "POST") == 0;
    curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, plain ? nullptr : ex.method);
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(h, CURLOPT_CAINFO, s.ca_info.empty() ? nullptr : s.ca_info.c_str());
    curl_easy_setopt(h, CURLOPT_HTTP_VERSION, s.http2 ? CURL_HTTP_VERSION_2TLS : CURL_HTTP_VERSION_1_1);
    curl_easy_setopt(h, CURLOPT_PIPEWAIT, 1L);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(h, CURLOPT_USERAGENT, s.user_agent.c_str());
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, s.connect_timeout_ms);
    long left = std::chrono::duration_cast<std::chrono::milliseconds>(ex.deadline - Clock::now()).count();
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, std::max(left, 1L));
    curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(s.max_body));
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &ex);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, &ex);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, ex.error);
    CURLMcode mc = curl_multi_add_handle(multi_, h);
    if (mc != CURLM_OK) {
        ex.result = CURLE_FAILED_INIT;
        idle_.push_back(h);
    }
}

namespace {

/* Low on calls left this minute: space the next starts evenly instead of running into 429. */
Clock::duration pacing(const RateState &rate, int running) {
    if (rate.limit <= 0 || rate.remaining < 0) return Clock::duration::zero();
    long reserve = std::max(1L, rate.limit / 20);
    if (rate.remaining - running > reserve) return Clock::duration::zero();
    return std::chrono::microseconds(60'000'000L / rate.limit);
}

void finish_answer(CURL *h, Exchange &ex, CURLcode result) {
    ex.result = ex.too_large ? CURLE_FILESIZE_EXCEEDED : result;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &ex.status);
    curl_easy_getinfo(h, CURLINFO_TOTAL_TIME, &ex.seconds);
    if (ex.response.capacity() < ex.response.size() + json_padding()) ex.response.reserve(ex.response.size() + json_padding());
}

}  // namespace

void Session::run(const Settings &settings, std::deque<Exchange *> &queue, int parallel,
                  const std::function<void(Exchange &)> &done) {
    int running = 0;
    Clock::time_point paced_until{};
    while (true) {
        auto now = Clock::now();
        for (auto it = queue.begin(); it != queue.end() && running < parallel;) {
            Exchange *ex = *it;
            auto pace = pacing(rate, running);
            if (ex->not_before > now || (pace != Clock::duration::zero() && paced_until > now)) { ++it; continue; }
            it = queue.erase(it);
            if (pace != Clock::duration::zero()) {
                paced_until = now + pace;
                paced++;
            }
            start(settings, *ex);
            if (ex->result != CURLE_OK) {  // could not even start: report it like any failed attempt
                done(*ex);
                it = queue.begin();
                continue;
            }
            running++;
        }
        if (running == 0) {
            if (queue.empty()) return;
            Clock::time_point earliest = Clock::time_point::max();
            for (Exchange *ex : queue) earliest = std::min(earliest, std::max(ex->not_before, paced_until));
            if (earliest > now) std::this_thread::sleep_until(earliest);
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
            curl_multi_remove_handle(multi_, h);
            idle_.push_back(h);
            running--;
            finished = true;
            if (ex->rate_limit >= 0) rate.limit = ex->rate_limit;
            if (ex->rate_remaining >= 0) rate.remaining = ex->rate_remaining;
            done(*ex);
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

namespace {

struct PoolEntry {
    std::string key;
    std::shared_ptr<Session> session;
};

/* Per thread: ZTS builds give every thread its own pool, like module globals. */
thread_local std::list<PoolEntry> *pool = nullptr;

}  // namespace

std::shared_ptr<Session> pooled_session(const std::string &key) {
    if (!pool) pool = new std::list<PoolEntry>();
    for (auto it = pool->begin(); it != pool->end(); ++it) {
        if (it->key == key && it->session->usable()) {
            pool->splice(pool->begin(), *pool, it);  // most recently used first
            return pool->front().session;
        }
    }
    auto session = std::make_shared<Session>();
    pool->push_front({key, session});
    while (pool->size() > kMaxPooledSessions) pool->pop_back();
    return session;
}

void pool_clear() {
    delete pool;
    pool = nullptr;
}

}  // namespace runcloud
