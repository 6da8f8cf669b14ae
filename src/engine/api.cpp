#include "api.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <unordered_map>
#include <unordered_set>

namespace runcloud {

/* One request of an operation, with what the retry policy needs to know about it. */
struct Api::Op {
    Exchange ex;
    bool retry_unsafe = false;
    bool drop_body = false;   // bulk: keep only the outcome, so thousands of answers do not add up
    bool ok = false;          // set with drop_body
    Failure failure;          // set with drop_body when it failed
};

namespace {

constexpr int kPerPage = 40;       // RunCloud's documented maximum
constexpr int kMaxPages = 5000;    // a server that never ends its list cannot keep us forever
constexpr size_t kExcerpt = 200;   // characters of a non-JSON error body kept in a message
constexpr size_t kMaxMessage = 1000;  // a message longer than this is cut (after redaction)
constexpr size_t kMaxField = 300;     // each field error
constexpr double kMaxBackoff = 86400;

bool is_success(long status) { return status >= 200 && status < 300; }

/* Methods a server may receive twice without harm. */
bool idempotent(const char *method) {
    return std::strcmp(method, "POST") != 0 && std::strcmp(method, "PATCH") != 0;
}

/* Cuts `s` to `max` bytes without splitting a UTF-8 sequence. */
void cut(std::string &s, size_t max) {
    if (s.size() <= max) return;
    size_t n = max;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xc0) == 0x80) n--;
    s.resize(n);
    s += "...";
}
bool is_redirect(long status) { return status >= 300 && status < 400; }

/* Failures where the request never reached the server: safe to retry for any method. */
bool before_sending(CURLcode c) {
    return c == CURLE_COULDNT_RESOLVE_HOST || c == CURLE_COULDNT_CONNECT || c == CURLE_COULDNT_RESOLVE_PROXY;
}

/* Failures no retry can mend. */
bool permanent(CURLcode c) {
    switch (c) {
        case CURLE_PEER_FAILED_VERIFICATION: case CURLE_SSL_CACERT_BADFILE: case CURLE_SSL_CERTPROBLEM:
        case CURLE_UNSUPPORTED_PROTOCOL: case CURLE_URL_MALFORMAT: case CURLE_FILESIZE_EXCEEDED:
        case CURLE_OUT_OF_MEMORY: case CURLE_FAILED_INIT: case CURLE_ABORTED_BY_CALLBACK:
            return true;
        default:
            return false;
    }
}

/* Tags and runs of white space out: what a person would read in an HTML error page. */
std::string excerpt(const std::string &body) {
    std::string out;
    bool in_tag = false, space = false;
    for (char c : body) {
        if (c == '<') { in_tag = true; continue; }
        if (c == '>') { in_tag = false; space = true; continue; }
        if (in_tag) continue;
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t') { space = true; continue; }
        if (static_cast<unsigned char>(c) < 0x20) continue;
        if (space && !out.empty()) out.push_back(' ');
        space = false;
        out.push_back(c);
    }
    cut(out, kExcerpt);
    return out;
}

/* scheme://host[:port] of a URL, without user info or path: enough to say where a redirect pointed. */
std::string origin(const std::string &url) {
    size_t scheme = url.find("://");
    if (scheme == std::string::npos) return "a relative location";
    size_t start = scheme + 3;
    size_t end = url.find_first_of("/?#", start);
    std::string host = url.substr(start, end == std::string::npos ? std::string::npos : end - start);
    size_t at = host.rfind('@');
    if (at != std::string::npos) host = host.substr(at + 1);
    return url.substr(0, start) + host;
}

std::string lower(std::string s) {
    for (char &c : s) if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

/* How RunCloud's name compares to ours: case and one trailing dot do not count. */
std::string comparable(const std::string &name) {
    std::string s = lower(name);
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
}

/* The path as the exceptions report it: without the query, which may carry a searched name. */
std::string path_only(const std::string &path) { return path.substr(0, path.find('?')); }

RequestRef request_ref(const Exchange &ex, bool sent) { return RequestRef{ex.method, path_only(ex.path), sent}; }

Body body_of(const Exchange &ex) { return Body{ex.response.data(), ex.response.size(), ex.response.capacity()}; }

bool in_scope(const std::string &name, const std::vector<std::string> &scope) {
    for (const auto &pattern : scope) {
        if (pattern.size() > 2 && pattern[0] == '*' && pattern[1] == '.') {
            std::string suffix = pattern.substr(1);  // ".example.com"
            if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) return true;
        } else if (name == pattern) {
            return true;
        }
    }
    return false;
}

std::string describe_curl(const Exchange &ex) {
    std::string text = curl_easy_strerror(ex.result);
    if (ex.error[0] && std::strcmp(ex.error, text.c_str()) != 0) text += std::string(" (") + ex.error + ")";
    return text;
}

}  // namespace

Api::Api(std::unique_ptr<Settings> settings, int64_t server_id, int64_t webapp_id)
    : settings_(std::move(settings)), server_id_(server_id), webapp_id_(webapp_id),
      app_("/servers/" + std::to_string(server_id) + "/webapps/" + std::to_string(webapp_id)) {
    rng_ = static_cast<uint64_t>(Clock::now().time_since_epoch().count()) ^ (static_cast<uint64_t>(current_pid()) << 32) ^ 0x9e3779b97f4a7c15ULL;
    pool_key_ = settings_->base_url + "|" + std::to_string(std::hash<std::string>{}(settings_->authorization.str()));
}

Api::~Api() = default;

Outcome Api::begin() {
    if (busy_) return failure(Failure::Kind::Busy, 0, "RunCloud\\Client is busy: one of its calls is running (PHP code called back into it)");
    busy_ = true;
    call_ = Call{};
    call_.deadline = Clock::now() + std::chrono::milliseconds(settings_->timeout_ms);
    return Done{};
}

Session &Api::session() {
    if (!session_ || !session_->usable()) {  // none yet, or forked: the parent's sockets are not ours
        // One pool entry per process, endpoint and credential: a forked child never finds its parent's.
        session_ = settings_->persistent && pool_ ? pool_->get(std::to_string(current_pid()) + "|" + pool_key_)
                                                  : std::make_shared<Session>();
    }
    return *session_;
}

void Api::release(Exchange &ex) {
    call_.held -= std::min(call_.held, ex.response.size());
    std::string().swap(ex.response);
}

bool Api::stopped() {
    if (!call_.aborted && interrupted_ && interrupted_()) {
        call_.aborted = call_.interrupted = true;
        // Copied now, while the batch's exchanges exist: pointing is all the common path pays for.
        if (call_.current) call_.stopped = request_ref(*call_.current, true);
    }
    return call_.aborted;
}

Failure Api::stop_failure() const {
    if (call_.refused) {
        return failure(Failure::Kind::Busy, 0, "RunCloud\\Client refused the call: another client on the same connections "
                       "is in the middle of one (PHP code called back into it)");
    }
    if (call_.interrupted) {
        Failure f = failure(Failure::Kind::Transport, CURLE_ABORTED_BY_CALLBACK, "RunCloud API call stopped: PHP's time limit was reached");
        f.request = call_.stopped;  // the transfer was detached wherever it was: it may have reached the server
        return f;
    }
    Failure f;
    f.kind = Failure::Kind::Aborted;
    return f;
}

Failure Api::failure(Failure::Kind kind, long code, std::string message, FieldErrors errors, long retry_after) const {
    Failure f;
    f.kind = kind;
    f.code = code;
    redact(message);
    cut(message, kMaxMessage);
    f.message = std::move(message);
    for (auto &field : errors) {
        redact(field.first);
        for (auto &m : field.second) { redact(m); cut(m, kMaxField); }
    }
    f.errors = std::move(errors);
    f.retry_after = retry_after;
    return f;
}

Failure Api::unexpected(const Exchange &ex, const std::string &why) const {
    Failure f = failure(Failure::Kind::Unexpected, ex.status, std::string("RunCloud API ") + ex.method + " " + ex.path + " answered " + why);
    f.request = request_ref(ex, true);
    return f;
}

std::optional<RateState> Api::rate() const {
    if (!session_ || session_->rate.limit < 0) return std::nullopt;
    return session_->rate;
}

std::string Api::app_path(const std::string &rest) const { return app_ + rest; }

Exchange Api::exchange(const char *method, std::string path, std::string body) const {
    Exchange ex;
    ex.method = method;
    ex.held = const_cast<size_t *>(&call_.held);
    ex.path = std::move(path);
    ex.with_body = !body.empty();
    ex.body = std::move(body);
    return ex;
}

double Api::jitter() {
    rng_ ^= rng_ << 13;
    rng_ ^= rng_ >> 7;
    rng_ ^= rng_ << 17;
    return 0.5 + 0.5 * static_cast<double>(rng_ % 1000000) / 1000000.0;
}

bool Api::log(const char *level, const Exchange &ex, const std::string &message, long retry_in_ms) {
    if (!logging()) return !call_.aborted;
    std::vector<LogField> ctx;
    ctx.reserve(7);  // every field below: one allocation instead of one per growth
    ctx.push_back({"method", ex.method});
    ctx.push_back({"path", ex.path});
    ctx.push_back({"status", "", ex.status, true});
    ctx.push_back({"attempt", "", ex.attempt, true});
    ctx.push_back({"duration_ms", "", static_cast<long>(std::lround(ex.seconds * 1000)), true});
    if (ex.result != CURLE_OK) ctx.push_back({"curl_code", "", static_cast<long>(ex.result), true});
    if (retry_in_ms >= 0) ctx.push_back({"retry_in_ms", "", retry_in_ms, true});
    std::string text = message;
    redact(text);
    cut(text, kMaxMessage);
    for (auto &field : ctx) redact(field.text);
    if (!logger_(level, text, ctx)) call_.aborted = true;
    return !call_.aborted;
}

Failure Api::failure_of(const Exchange &ex) const {
    Failure f = failure_text(ex);
    f.request = request_ref(ex, true);
    if (f.kind == Failure::Kind::Transport) f.request.sent = ex.sent || ex.maybe_applied;
    if (f.kind == Failure::Kind::Throttled) f.request.sent = ex.maybe_applied;  // an earlier attempt may have reached it
    return f;
}

Failure Api::failure_text(const Exchange &ex) const {
    std::string what = std::string("RunCloud API ") + ex.method + " " + ex.path;
    if (ex.result == CURLE_FILESIZE_EXCEEDED || ex.too_large) {
        return failure(Failure::Kind::Unexpected, ex.status, what + ": the answer is larger than the " +
                       std::to_string(settings_->max_body) + "-byte cap");
    }
    if (ex.result != CURLE_OK) {
        std::string why = ex.lost ? "the connection closed before the answer; the request may have reached the server"
                                  : describe_curl(ex);
        return failure(Failure::Kind::Transport, ex.result, what + " failed: " + why);
    }
    if (ex.unsent == Exchange::Unsent::RetryAfter) {
        return failure(Failure::Kind::Throttled, 0, what + " not sent: RunCloud's rate limit holds this client's requests for " +
                       std::to_string(ex.hold) + " s more (Retry-After of an earlier answer), past the call's timeout",
                       {}, ex.hold);
    }
    if (ex.unsent == Exchange::Unsent::Deadline) {
        return failure(Failure::Kind::Throttled, 0, what + " not sent: the call's timeout was reached before this request could start",
                       {}, ex.hold);
    }
    if (is_redirect(ex.status)) {
        return failure(Failure::Kind::Unexpected, ex.status, what + " answered HTTP " + std::to_string(ex.status) + " redirecting to " +
                       (ex.location.empty() ? std::string("nowhere") : origin(ex.location)) + "; redirects are never followed");
    }
    ErrorBody eb;
    std::string detail;
    std::string api_message;
    if (decode_error(body_of(ex), eb)) {
        detail = api_message = eb.message;
        for (const auto &field : eb.errors) {
            if (!field.second.empty()) { detail += (detail.empty() ? "" : " ") + std::string("(") + field.first + ": " + field.second.front() + ")"; break; }
        }
    } else {
        std::string body = ex.response;
        redact(body);  // before the tags go and before it is cut: a credential is never half kept
        detail = excerpt(body);
    }
    if (detail.empty()) detail = "(empty answer)";
    redact(detail);
    Failure f = failure(Failure::Kind::Api, ex.status, what + " failed with HTTP " + std::to_string(ex.status) + ": " + detail,
                        std::move(eb.errors), ex.retry_after);
    redact(api_message);
    cut(api_message, kMaxMessage);
    f.api_message = std::move(api_message);
    return f;
}

bool Api::send_batch(const std::vector<Op *> &ops, int parallel) {
    // What an interruption stops: this batch's first request, then the one last finished. The exchanges
    // are the caller's again once the batch returns, so the pointer goes with it.
    call_.current = ops.empty() ? nullptr : &ops.front()->ex;
    struct Forget {
        const Exchange *&current;
        ~Forget() { current = nullptr; }
    } forget{call_.current};
    if (stopped() || call_.refused) return false;
    Session &s = session();
    if (s.busy()) {  // PHP code (the logger) of a call on this session called another client of it
        call_.refused = true;
        return false;
    }
    if (!s.usable()) {
        for (Op *op : ops) op->ex.result = CURLE_FAILED_INIT;
        return true;
    }
    std::deque<Exchange *> queue;
    for (Op *op : ops) {
        op->ex.deadline = call_.deadline;
        op->ex.attempt = 0;
        op->ex.held = &call_.held;
        op->ex.owner = op;
        queue.push_back(&op->ex);
    }
    unsigned long paced = s.paced;
    auto finished = [&](Op *op) {
        if (!op->drop_body) return;
        Exchange &ex = op->ex;
        op->ok = ex.result == CURLE_OK && is_success(ex.status);
        if (!op->ok) op->failure = failure_of(ex);
        release(ex);
    };
    s.send(*settings_, queue, parallel, [&](Exchange &ex) {
        Op *op = static_cast<Op *>(ex.owner);
        call_.current = &ex;
        if (s.paced != paced) {
            paced = s.paced;
            log("info", ex, "slowing down: " + std::to_string(s.rate.remaining) + " of " + std::to_string(s.rate.limit) +
                            " calls left this minute");
        }
        bool ok = ex.result == CURLE_OK && (is_success(ex.status) || (ex.status >= 300 && ex.status < 500 && ex.status != 429));
        if (ok || call_.aborted) {
            if (ex.result == CURLE_OK && is_success(ex.status) && logging()) {
                log("debug", ex, std::string(ex.method) + " " + ex.path + " -> " + std::to_string(ex.status));
            }
            finished(op);
            return;
        }
        bool safe = idempotent(ex.method) || op->retry_unsafe;
        bool retryable = ex.result != CURLE_OK
            ? !permanent(ex.result) && (before_sending(ex.result) || safe)
            : ex.status == 429 || (ex.status >= 500 && safe);
        if (ex.result == CURLE_OPERATION_TIMEDOUT && Clock::now() >= ex.deadline) retryable = false;
        double backoff = std::min(settings_->retry_delay * std::pow(2.0, ex.attempt - 1) * jitter(), kMaxBackoff);
        if (ex.status == 429 && ex.retry_after >= 0) backoff = std::max(backoff, static_cast<double>(std::min<long>(ex.retry_after, 86400)));
        auto delay = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(backoff));
        // A 429 was neither counted nor acted on: it is retried as long as the call's time allows (pacing.cpp).
        bool more = ex.attempt <= settings_->retries || (ex.status == 429 && settings_->retries > 0);
        if (retryable && more && Clock::now() + delay < ex.deadline) {
            long ms = static_cast<long>(std::lround(backoff * 1000));
            std::string what = ex.lost ? "connection closed before the answer" : ex.result != CURLE_OK ? describe_curl(ex) : "HTTP " + std::to_string(ex.status);
            // Anything but "never sent" or 429 may have been acted on: a later 404/422 is then read that way.
            if (!(ex.result != CURLE_OK && before_sending(ex.result)) && ex.status != 429) ex.maybe_applied = true;
            log("warning", ex, std::string(ex.method) + " " + ex.path + " -> " + what + "; retrying in " + std::to_string(ms) + " ms", ms);
            ex.not_before = Clock::now() + delay;
            if (!call_.aborted) { queue.push_back(&ex); return; }
        }
        finished(op);
    }, [this] { return stopped(); });
    return !call_.aborted;
}

Outcome Api::send(Exchange &ex, bool retry_unsafe, long quiet) {
    Op op;
    op.ex = std::move(ex);
    op.retry_unsafe = retry_unsafe;
    bool completed = send_batch({&op}, 1);
    ex = std::move(op.ex);
    ex.held = &call_.held;
    if (!completed) return stop_failure();
    if (ex.result == CURLE_OK && is_success(ex.status)) return Done{};
    Failure f = failure_of(ex);
    if (!f.is_status(quiet)) log("error", ex, f.message);
    if (call_.aborted) return stop_failure();
    return f;
}

Result<Exchange> Api::send(const char *method, const std::string &path, const std::string &query, const std::string *body) {
    Exchange ex = exchange(method, query.empty() ? path : path + "?" + query, body ? *body : std::string());
    ex.with_body = body != nullptr;
    Outcome sent = send(ex);
    if (!sent) return sent.take_failure();
    return ex;
}

/* Page 1 first, for the page count; then the other pages, `concurrency` at a time, each batch handed to
 * `sink` once it is complete (no transfer running: the sink may run PHP code) and dropped. */
Outcome Api::list_all(const std::string &path, const std::string &query, const PageSink &sink) {
    auto page_path = [&](int64_t page) {
        return path + "?page=" + std::to_string(page) + "&perPage=" + std::to_string(kPerPage) + (query.empty() ? "" : "&" + query);
    };
    // One page to the sink: Bad is the page's failure, else what the sink said.
    auto read = [&](Exchange &ex, PageMeta &meta) -> Result<PageStep> {
        std::string why;
        PageStep step = sink(ex, meta, why);
        if (step == PageStep::Bad) return call_.aborted ? stop_failure() : unexpected(ex, why);
        release(ex);
        return step;
    };
    Exchange first = exchange("GET", page_path(1));
    if (Outcome sent = send(first); !sent) return sent;
    PageMeta meta;
    Result<PageStep> step = read(first, meta);
    if (!step || *step == PageStep::Stop) return step ? Outcome(Done{}) : step.take_failure();
    if (meta.total_pages > kMaxPages) {
        Failure f = failure(Failure::Kind::Unexpected, first.status, "RunCloud API GET " + first.path + " announces " +
                            std::to_string(meta.total_pages) + " pages; the client reads at most " + std::to_string(kMaxPages));
        f.request = request_ref(first, true);
        return f;
    }
    if (meta.total_pages > 1) {
        int batch = std::max(1, settings_->concurrency);
        for (int64_t from = 2; from <= meta.total_pages; from += batch) {
            int64_t to = std::min<int64_t>(meta.total_pages, from + batch - 1);
            std::vector<Op> ops(static_cast<size_t>(to - from + 1));
            std::vector<Op *> refs;
            for (int64_t p = from; p <= to; p++) {
                ops[p - from].ex = exchange("GET", page_path(p));
                refs.push_back(&ops[p - from]);
            }
            if (!send_batch(refs, batch)) return stop_failure();
            for (auto &op : ops) {  // a batch with a failed page fails, whatever the pages before it say
                Exchange &ex = op.ex;
                if (ex.result != CURLE_OK || !is_success(ex.status)) {
                    Failure f = failure_of(ex);
                    log("error", ex, f.message);
                    return call_.aborted ? stop_failure() : f;
                }
            }
            for (auto &op : ops) {
                PageMeta m;
                Result<PageStep> next = read(op.ex, m);
                if (!next) return next.take_failure();
                if (*next == PageStep::Stop) return Done{};
            }
        }
        return Done{};
    }
    if (meta.total_pages == 0 && meta.count >= static_cast<size_t>(kPerPage)) {
        // No pagination block to count pages by: walk on until a short page.
        for (int64_t page = 2;; page++) {
            if (page > kMaxPages) {
                Failure f = failure(Failure::Kind::Unexpected, 0, "RunCloud API GET " + path + " is a listing of more than " +
                                    std::to_string(kMaxPages) + " pages; the client reads at most that many");
                f.request = RequestRef{"GET", path, true};
                return f;
            }
            Exchange ex = exchange("GET", page_path(page));
            if (Outcome sent = send(ex); !sent) return sent;
            PageMeta m;
            Result<PageStep> next = read(ex, m);
            if (!next) return next.take_failure();
            if (*next == PageStep::Stop || m.count < static_cast<size_t>(kPerPage)) return Done{};
        }
    }
    return Done{};
}

Result<bool> Api::ping() {
    Exchange ex = exchange("GET", "/ping");
    if (Outcome sent = send(ex); !sent) return sent.take_failure();
    std::string message, why;
    return decode_message(body_of(ex), message, why) && message == "pong";
}

/* A page that brings only ids seen already means the listing repeats itself: the walk ends there. */
Outcome Api::each_domain(const std::string &query, const std::function<bool(DomainData &&)> &each) {
    std::unordered_set<int64_t> seen;
    return list_all(app_path("/domains"), query, [&](const Exchange &ex, PageMeta &meta, std::string &why) {
        bool stop = false, fresh = false;
        bool ok = decode_page(body_of(ex), [&](DomainData &&d) {
            if (stop || !seen.insert(d.id).second) return;
            fresh = true;
            if (!each(std::move(d))) stop = true;
        }, meta, why);
        if (!ok) return PageStep::Bad;
        return stop || (meta.count > 0 && !fresh) ? PageStep::Stop : PageStep::More;
    });
}

Result<std::vector<DomainData>> Api::list_domains() {
    std::vector<DomainData> out;
    Outcome listed = each_domain("", [&](DomainData &&d) { out.push_back(std::move(d)); return true; });
    if (!listed) return listed.take_failure();
    return out;
}

/* `search` cuts the walk to the matching names when RunCloud honours it; when it does not, the same walk
 * covers every page. Either way only an exact match counts. */
Result<std::optional<DomainData>> Api::find_domain(const std::string &name) {
    std::optional<DomainData> out;
    Outcome listed = each_domain("search=" + url_encode(name), [&](DomainData &&d) {
        if (comparable(d.name) != name) return true;
        out = std::move(d);
        return false;
    });
    if (!listed) return listed.take_failure();
    return out;
}

Result<DomainData> Api::add_domain(const std::string &name, const AddSpec &spec) {
    Exchange ex = exchange("POST", app_path("/domains"), add_body(name, spec));
    // Adding is safe to retry: a name that landed comes back as 422 and is then read back below.
    Outcome sent = send(ex, true, 422);
    if (sent) {
        DomainData out;
        std::string why;
        if (decode_domain(body_of(ex), out, why)) return out;
        Result<std::optional<DomainData>> found = find_domain(name);
        if (!found) return found.take_failure();
        if (*found) return std::move(**found);
        return unexpected(ex, why);
    }
    if (!sent.failure().is_status(422)) return sent.take_failure();
    Result<std::optional<DomainData>> found = find_domain(name);
    if (!found) return found.take_failure();
    if (!*found) {  // a real validation error: now it is one
        log("error", ex, sent.failure().message);
        return sent.take_failure();
    }
    return std::move(**found);
}

Result<bool> Api::remove_domain(const std::string &name) {
    Result<std::optional<DomainData>> found = find_domain(name);
    if (!found) return found.take_failure();
    if (!*found) return false;
    Exchange ex = exchange("DELETE", app_path("/domains/" + std::to_string((*found)->id)));
    Outcome sent = send(ex, false, 404);
    if (sent) return true;
    if (sent.failure().is_status(404)) return ex.maybe_applied;  // a retried delete that finds it gone: an earlier attempt landed
    return sent.take_failure();
}

Result<std::optional<SslData>> Api::get_ssl() {
    Exchange ex = exchange("GET", app_path("/ssl"));
    Outcome sent = send(ex, false, 404);
    if (!sent) {
        if (sent.failure().is_status(404)) return std::optional<SslData>();  // no certificate: normal
        return sent.take_failure();
    }
    SslData ssl;
    std::string why;
    if (!decode_ssl(body_of(ex), ssl, why)) return unexpected(ex, why);
    if (ssl.id <= 0) return std::optional<SslData>();
    ssl_memory().cache_ssl_id(app_, ssl.id);
    return std::optional<SslData>(std::move(ssl));
}

Result<SslData> Api::install_ssl(const std::string &body) {
    Exchange ex = exchange("POST", app_path("/ssl"), body);
    if (Outcome sent = send(ex); !sent) return sent.take_failure();
    SslData out;
    std::string why;
    if (!decode_ssl(body_of(ex), out, why)) return unexpected(ex, why);
    if (out.id > 0) {
        ssl_memory().cache_ssl_id(app_, out.id);
        return out;
    }
    // RunCloud may answer {}: read the certificate back.
    Result<std::optional<SslData>> now = get_ssl();
    if (!now) return now.take_failure();
    if (!*now) return unexpected(ex, "that it accepted the certificate, but GET /ssl shows none");
    return std::move(**now);
}

/* GET ssl + PUT ssl/{id}; the id is remembered per session, so later redeploys are a single PUT. */
Result<bool> Api::redeploy_ssl() {
    for (int round = 0; round < 2; round++) {
        int64_t id = ssl_memory().cached_ssl_id(app_);
        if (id <= 0) {
            Result<std::optional<SslData>> ssl = get_ssl();
            if (!ssl) return ssl.take_failure();
            if (!*ssl) return false;
            id = (*ssl)->id;
        }
        Exchange ex = exchange("PUT", app_path("/ssl/" + std::to_string(id)));
        Outcome sent = send(ex, false, 404);
        if (sent) return true;
        if (!sent.failure().is_status(404)) return sent.take_failure();
        ssl_memory().cache_ssl_id(app_, 0);  // the remembered certificate is gone: look again
        if (round == 1) {
            log("error", ex, sent.failure().message);
            return sent.take_failure();
        }
    }
    return false;
}

std::string Api::add_body(const std::string &name, const AddSpec &spec) {
    return "{\"name\":" + json_quote(name) + ",\"www\":" + (spec.www ? "true" : "false") +
           ",\"redirection\":" + json_quote(spec.redirection) + ",\"type\":" + json_quote(spec.type) + "}";
}

/* Runs the adds and deletes of a bulk call side by side, at most `concurrency` at once, adding to `out`. An
 * add that answers 422 because the name is there already (a concurrent add, or a retry whose first attempt
 * landed) counts as unchanged; a delete that finds the domain gone counts as unchanged too. */
Result<BulkResult> Api::add_and_remove(const std::vector<std::string> &adds, const std::vector<std::pair<std::string, int64_t>> &removes,
                                       const AddSpec &spec, BulkResult out) {
    std::vector<Op> ops(adds.size() + removes.size());
    std::vector<Op *> refs;
    for (size_t i = 0; i < adds.size(); i++) {
        ops[i].ex = exchange("POST", app_path("/domains"), add_body(adds[i], spec));
        ops[i].retry_unsafe = true;
    }
    for (size_t i = 0; i < removes.size(); i++) {
        ops[adds.size() + i].ex = exchange("DELETE", app_path("/domains/" + std::to_string(removes[i].second)));
    }
    for (auto &op : ops) {
        op.drop_body = true;
        refs.push_back(&op);
    }
    if (!send_batch(refs, settings_->concurrency)) return stop_failure();

    std::vector<std::pair<std::string, Failure>> taken;  // 422 on add: there already, or invalid?
    std::vector<const Exchange *> taken_by;
    for (size_t i = 0; i < ops.size(); i++) {
        Op &op = ops[i];
        const Exchange &ex = op.ex;
        bool is_add = i < adds.size();
        const std::string &name = is_add ? adds[i] : removes[i - adds.size()].first;
        if (op.ok) {
            (is_add ? out.added : out.removed).push_back(name);
            continue;
        }
        Failure &failure = op.failure;
        if (failure.is_status(is_add ? 422 : 404)) {
            if (is_add) {
                taken.emplace_back(name, std::move(failure));
                taken_by.push_back(&ex);
                continue;
            }
            (ex.maybe_applied ? out.removed : out.unchanged).push_back(name);
            continue;
        }
        log("error", ex, failure.message);
        out.failed.emplace_back(name, std::move(failure));
    }
    if (taken.empty()) return out;
    std::vector<std::string> names;
    names.reserve(taken.size());
    for (const auto &t : taken) names.push_back(t.first);
    Result<std::unordered_map<std::string, int64_t>> present = ids_of(names);
    if (!present) return present.take_failure();
    for (size_t i = 0; i < taken.size(); i++) {
        if (present->count(taken[i].first)) {
            // There: ours when an earlier attempt of this add may have landed, else someone else's.
            (taken_by[i]->maybe_applied ? out.added : out.unchanged).push_back(taken[i].first);
        } else {
            log("error", *taken_by[i], taken[i].second.message);
            out.failed.push_back(std::move(taken[i]));
        }
    }
    return out;
}

/* The ids of those of `names` the web app has: a search each when they are few, one full listing otherwise. */
Result<std::unordered_map<std::string, int64_t>> Api::ids_of(const std::vector<std::string> &names) {
    std::unordered_map<std::string, int64_t> ids;
    if (names.size() <= 3) {
        for (const auto &name : names) {
            Result<std::optional<DomainData>> found = find_domain(name);
            if (!found) return found.take_failure();
            if (*found) ids.emplace(name, (*found)->id);
        }
        return ids;
    }
    Result<std::vector<DomainData>> all = list_domains();
    if (!all) return all.take_failure();
    std::unordered_set<std::string> wanted(names.begin(), names.end());
    for (const auto &d : *all) {
        std::string name = comparable(d.name);
        if (wanted.count(name)) ids.emplace(std::move(name), d.id);
    }
    return ids;
}

Result<BulkResult> Api::add_domains(const std::vector<std::string> &names, const AddSpec &spec) {
    return add_and_remove(names, {}, spec);
}

Result<BulkResult> Api::remove_domains(const std::vector<std::string> &names) {
    Result<std::unordered_map<std::string, int64_t>> ids = ids_of(names);
    if (!ids) return ids.take_failure();
    BulkResult out;
    std::vector<std::pair<std::string, int64_t>> removes;
    for (const auto &name : names) {
        auto it = ids->find(name);
        if (it != ids->end()) removes.emplace_back(name, it->second);
        else out.unchanged.push_back(name);
    }
    return add_and_remove({}, removes, AddSpec{}, std::move(out));
}

Result<BulkResult> Api::sync_domains(const std::vector<std::string> &names, const SyncSpec &spec) {
    Result<std::vector<DomainData>> all = list_domains();
    if (!all) return all.take_failure();
    std::unordered_set<std::string> wanted(names.begin(), names.end());
    std::unordered_set<std::string> have;
    std::vector<std::pair<std::string, int64_t>> removes;
    for (const auto &d : *all) {
        std::string name = comparable(d.name);
        have.insert(name);
        if (wanted.count(name) || !spec.prune || d.type == "primary" || d.wildcard || name.rfind("*.", 0) == 0) continue;
        if (spec.has_scope && !in_scope(name, spec.scope)) continue;
        removes.emplace_back(name, d.id);
    }
    BulkResult out;
    std::vector<std::string> adds;
    for (const auto &name : names) {
        if (have.count(name)) out.unchanged.push_back(name);
        else adds.push_back(name);
    }
    if (spec.dry_run) {
        out.added = adds;
        for (auto &r : removes) out.removed.push_back(r.first);
        return out;
    }
    return add_and_remove(adds, removes, spec.add, std::move(out));
}

}  // namespace runcloud
