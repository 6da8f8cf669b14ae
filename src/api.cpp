#include "api.h"

#include <unistd.h>

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
};

namespace {

constexpr int kPerPage = 40;       // RunCloud's documented maximum
constexpr int kMaxPages = 5000;    // a server that never ends its list cannot keep us forever
constexpr size_t kExcerpt = 200;   // characters of a non-JSON error body kept in a message

bool is_success(long status) { return status >= 200 && status < 300; }
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
        if (out.size() >= kExcerpt) { out += "..."; break; }
    }
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

std::string url_encode(const std::string &s) {
    static const char hex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~') {
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back('%');
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 15]);
        }
    }
    return out;
}

Api::Api(std::unique_ptr<Settings> settings, int64_t server_id, int64_t webapp_id)
    : settings_(std::move(settings)), server_id_(server_id), webapp_id_(webapp_id) {
    rng_ = static_cast<uint64_t>(Clock::now().time_since_epoch().count()) ^ (static_cast<uint64_t>(current_pid()) << 32) ^ 0x9e3779b97f4a7c15ULL;
    pool_key_ = settings_->base_url + "|" + std::to_string(std::hash<std::string>{}(settings_->authorization.str()));
}

Api::~Api() = default;

void Api::add_secret(const std::string &s) {
    if (!s.empty()) secrets_.push_back(std::make_unique<Secret>(s));
}

void Api::redact(std::string &text) const {
    for (const auto &secret : secrets_) {
        const std::string &s = secret->str();
        static const std::string mark = "[redacted]";
        for (size_t at = text.find(s); at != std::string::npos; at = text.find(s, at + mark.size())) {
            text.replace(at, s.size(), mark);
        }
    }
}

Session &Api::session() {
    if (!session_ || !session_->usable()) {  // none yet, or forked: the parent's sockets are not ours
        // One pool entry per process, endpoint and credential: a forked child never finds its parent's.
        session_ = settings_->persistent ? pooled_session(std::to_string(current_pid()) + "|" + pool_key_) : std::make_shared<Session>();
    }
    return *session_;
}

std::optional<RateState> Api::rate() const {
    if (!session_ || session_->rate.limit < 0) return std::nullopt;
    return session_->rate;
}

std::string Api::app_path(const std::string &rest) const {
    return "/servers/" + std::to_string(server_id_) + "/webapps/" + std::to_string(webapp_id_) + rest;
}

Exchange Api::request(const char *method, std::string path, std::string body) const {
    Exchange ex;
    ex.method = method;
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
    if (!logger_ || aborted_) return !aborted_;
    std::vector<LogField> ctx;
    ctx.push_back({"method", ex.method});
    ctx.push_back({"path", ex.path});
    ctx.push_back({"status", "", ex.status, true});
    ctx.push_back({"attempt", "", ex.attempt, true});
    ctx.push_back({"duration_ms", "", static_cast<long>(std::lround(ex.seconds * 1000)), true});
    if (ex.result != CURLE_OK) ctx.push_back({"curl_code", "", static_cast<long>(ex.result), true});
    if (retry_in_ms >= 0) ctx.push_back({"retry_in_ms", "", retry_in_ms, true});
    std::string text = message;
    redact(text);
    for (auto &field : ctx) redact(field.text);
    if (!logger_(level, text, ctx)) aborted_ = true;
    return !aborted_;
}

Failure Api::failure_of(const Exchange &ex) const {
    Failure f;
    std::string what = std::string("RunCloud API ") + ex.method + " " + ex.path;
    if (ex.result == CURLE_FILESIZE_EXCEEDED || ex.too_large) {
        f.kind = Failure::Kind::Unexpected;
        f.code = ex.status;
        f.message = what + ": the answer is larger than the " + std::to_string(settings_->max_body) + "-byte cap";
    } else if (ex.result != CURLE_OK) {
        f.kind = Failure::Kind::Transport;
        f.code = ex.result;
        f.message = what + " failed: " + describe_curl(ex);
    } else if (is_redirect(ex.status)) {
        f.kind = Failure::Kind::Unexpected;
        f.code = ex.status;
        f.message = what + " answered HTTP " + std::to_string(ex.status) + " redirecting to " +
                    (ex.location.empty() ? std::string("nowhere") : origin(ex.location)) + "; redirects are never followed";
    } else {
        f.kind = Failure::Kind::Api;
        f.code = ex.status;
        f.retry_after = ex.retry_after;
        ErrorBody eb;
        std::string detail;
        if (decode_error(body_of(ex), eb)) {
            detail = eb.message;
            f.errors = std::move(eb.errors);
            for (const auto &field : f.errors) {
                if (!field.second.empty()) { detail += (detail.empty() ? "" : " ") + std::string("(") + field.first + ": " + field.second.front() + ")"; break; }
            }
        } else {
            detail = excerpt(ex.response);
        }
        if (detail.empty()) detail = "(empty answer)";
        f.message = what + " failed with HTTP " + std::to_string(ex.status) + ": " + detail;
    }
    redact(f.message);
    for (auto &field : f.errors) for (auto &m : field.second) redact(m);
    return f;
}

bool Api::run(std::vector<Op *> ops, int parallel) {
    Session &s = session();
    if (!s.usable()) {
        for (Op *op : ops) op->ex.result = CURLE_FAILED_INIT;
        return true;
    }
    std::deque<Exchange *> queue;
    std::unordered_map<Exchange *, Op *> owner;
    auto deadline = Clock::now() + std::chrono::milliseconds(settings_->timeout_ms);
    for (Op *op : ops) {
        op->ex.deadline = deadline;
        op->ex.attempt = 0;
        owner[&op->ex] = op;
        queue.push_back(&op->ex);
    }
    unsigned long paced = s.paced;
    s.run(*settings_, queue, parallel, [&](Exchange &ex) {
        if (s.paced != paced) {
            paced = s.paced;
            log("info", ex, "slowing down: " + std::to_string(s.rate.remaining) + " of " + std::to_string(s.rate.limit) +
                            " calls left this minute");
        }
        Op *op = owner[&ex];
        bool ok = ex.result == CURLE_OK && (is_success(ex.status) || (ex.status >= 300 && ex.status < 500 && ex.status != 429));
        if (ok || aborted_) {
            if (ex.result == CURLE_OK && is_success(ex.status)) {
                log("debug", ex, std::string(ex.method) + " " + ex.path + " -> " + std::to_string(ex.status));
            }
            return;
        }
        bool retryable = ex.result != CURLE_OK
            ? !permanent(ex.result) && (before_sending(ex.result) || op->retry_unsafe ||
                                        std::strcmp(ex.method, "POST") != 0)
            : ex.status == 429 || (ex.status >= 500 && (op->retry_unsafe || std::strcmp(ex.method, "POST") != 0));
        if (ex.result == CURLE_OPERATION_TIMEDOUT && Clock::now() >= ex.deadline) retryable = false;
        double backoff = settings_->retry_delay * std::pow(2.0, ex.attempt - 1) * jitter();
        if (ex.status == 429 && ex.retry_after >= 0) backoff = std::max(backoff, static_cast<double>(ex.retry_after));
        auto delay = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(backoff));
        if (retryable && ex.attempt <= settings_->retries && Clock::now() + delay < ex.deadline) {
            long ms = static_cast<long>(std::lround(backoff * 1000));
            std::string what = ex.result != CURLE_OK ? describe_curl(ex) : "HTTP " + std::to_string(ex.status);
            log("warning", ex, std::string(ex.method) + " " + ex.path + " -> " + what + "; retrying in " + std::to_string(ms) + " ms", ms);
            ex.not_before = Clock::now() + delay;
            if (!aborted_) queue.push_back(&ex);
        }
    });
    if (aborted_) queue.clear();
    return !aborted_;
}

bool Api::call(Exchange &ex, bool retry_unsafe, Failure &f) {
    Op op;
    op.ex = std::move(ex);
    op.retry_unsafe = retry_unsafe;
    bool completed = run({&op}, 1);
    ex = std::move(op.ex);
    if (!completed) { f.kind = Failure::Kind::Aborted; return false; }
    if (ex.result == CURLE_OK && is_success(ex.status)) return true;
    f = failure_of(ex);
    log("error", ex, f.message);
    if (aborted_) f.kind = Failure::Kind::Aborted;
    return false;
}

bool Api::ping(bool &pong, Failure &f) {
    Exchange ex = request("GET", "/ping");
    if (!call(ex, false, f)) return false;
    std::string message, why;
    pong = decode_message(body_of(ex), message, why) && message == "pong";
    return true;
}

/* Walks list pages (`query` added to each) until `each` says stop, holding one page at a time. */
bool Api::walk_pages(const std::string &query, const std::function<bool(DomainData &&)> &each, Failure &f) {
    for (int page = 1; page <= kMaxPages; page++) {
        Exchange ex = request("GET", app_path("/domains?page=" + std::to_string(page) + "&perPage=" + std::to_string(kPerPage) + query));
        if (!call(ex, false, f)) return false;
        PageMeta meta;
        bool stop = false;
        std::string why;
        if (!decode_page(body_of(ex), [&](DomainData &&d) { if (!stop && !each(std::move(d))) stop = true; }, meta, why)) {
            f = Failure{Failure::Kind::Unexpected, ex.status, std::string("RunCloud API GET ") + ex.path + " answered " + why};
            redact(f.message);
            return false;
        }
        if (stop) return true;
        bool more = meta.total_pages > 0 ? page < meta.total_pages : meta.count >= static_cast<size_t>(kPerPage);
        if (!more || meta.count == 0) return true;
    }
    return true;
}

bool Api::list_domains(std::vector<DomainData> &out, Failure &f) { return all_domains(out, f); }

/* Page 1 first, for the page count; the other pages then concurrently. Order is RunCloud's. */
bool Api::all_domains(std::vector<DomainData> &out, Failure &f) {
    auto page_path = [&](int page) {
        return app_path("/domains?page=" + std::to_string(page) + "&perPage=" + std::to_string(kPerPage));
    };
    std::vector<std::vector<DomainData>> pages(1);
    Exchange first = request("GET", page_path(1));
    if (!call(first, false, f)) return false;
    PageMeta meta;
    std::string why;
    auto decode_into = [&](Exchange &ex, std::vector<DomainData> &into, PageMeta &m) {
        if (decode_page(body_of(ex), [&](DomainData &&d) { into.push_back(std::move(d)); }, m, why)) return true;
        f = Failure{Failure::Kind::Unexpected, ex.status, std::string("RunCloud API GET ") + ex.path + " answered " + why};
        redact(f.message);
        return false;
    };
    if (!decode_into(first, pages[0], meta)) return false;
    if (meta.total_pages > 1) {
        int total = static_cast<int>(std::min<int64_t>(meta.total_pages, kMaxPages));
        std::vector<Op> ops(total - 1);
        std::vector<Op *> refs;
        for (int p = 2; p <= total; p++) {
            ops[p - 2].ex = request("GET", page_path(p));
            refs.push_back(&ops[p - 2]);
        }
        if (!run(refs, settings_->concurrency)) { f.kind = Failure::Kind::Aborted; return false; }
        pages.resize(total);
        for (int p = 2; p <= total; p++) {
            Exchange &ex = ops[p - 2].ex;
            if (ex.result != CURLE_OK || !is_success(ex.status)) {
                f = failure_of(ex);
                log("error", ex, f.message);
                return false;
            }
            PageMeta m;
            if (!decode_into(ex, pages[p - 1], m)) return false;
        }
    } else if (meta.total_pages == 0 && meta.count >= static_cast<size_t>(kPerPage)) {
        // No pagination block to count pages by: walk on until a short page.
        std::vector<DomainData> all;
        if (!walk_pages("", [&](DomainData &&d) { all.push_back(std::move(d)); return true; }, f)) return false;
        out = std::move(all);
        return true;
    }
    out.clear();
    for (auto &page : pages) for (auto &d : page) out.push_back(std::move(d));
    return true;
}

/* `search` cuts the walk to the matching names when RunCloud honours it; when it does not, the same walk
 * covers every page. Either way only an exact match counts. */
bool Api::find_domain(const std::string &name, std::optional<DomainData> &out, Failure &f) {
    out.reset();
    return walk_pages("&search=" + url_encode(name), [&](DomainData &&d) {
        if (comparable(d.name) != name) return true;
        out = std::move(d);
        return false;
    }, f);
}

bool Api::add_domain(const std::string &name, const AddSpec &spec, DomainData &out, Failure &f) {
    Exchange ex = request("POST", app_path("/domains"), add_body(name, spec));
    // Adding is safe to retry: a name that landed comes back as 422 and is then read back below.
    if (call(ex, true, f)) {
        std::string why;
        if (decode_domain(body_of(ex), out, why)) return true;
        std::optional<DomainData> found;
        if (!find_domain(name, found, f)) return false;
        if (found) { out = std::move(*found); return true; }
        f = Failure{Failure::Kind::Unexpected, ex.status, "RunCloud API POST " + ex.path + " answered " + why};
        return false;
    }
    if (f.kind != Failure::Kind::Api || f.code != 422) return false;
    Failure lookup;
    std::optional<DomainData> found;
    if (!find_domain(name, found, lookup)) { f = lookup; return false; }
    if (!found) return false;
    out = std::move(*found);
    return true;
}

bool Api::remove_domain(const std::string &name, bool &removed, Failure &f) {
    std::optional<DomainData> found;
    if (!find_domain(name, found, f)) return false;
    removed = false;
    if (!found) return true;
    Exchange ex = request("DELETE", app_path("/domains/" + std::to_string(found->id)));
    if (call(ex, false, f)) { removed = true; return true; }
    if (f.kind == Failure::Kind::Api && f.code == 404) {
        removed = ex.attempt > 1;  // a retried delete that finds it gone: our first attempt landed
        return true;
    }
    return false;
}

bool Api::get_ssl(std::optional<SslData> &out, Failure &f) {
    out.reset();
    Exchange ex = request("GET", app_path("/ssl"));
    if (!call(ex, false, f)) {
        if (f.kind == Failure::Kind::Api && f.code == 404) { f = Failure{}; return true; }
        return false;
    }
    SslData ssl;
    std::string why;
    if (!decode_ssl(body_of(ex), ssl, why)) {
        f = Failure{Failure::Kind::Unexpected, ex.status, "RunCloud API GET " + ex.path + " answered " + why};
        return false;
    }
    if (ssl.id > 0) {
        session().cache_ssl_id(app_path(""), ssl.id);
        out = std::move(ssl);
    }
    return true;
}

bool Api::install_ssl(const std::string &body, SslData &out, Failure &f) {
    Exchange ex = request("POST", app_path("/ssl"), body);
    if (!call(ex, false, f)) return false;
    std::string why;
    if (!decode_ssl(body_of(ex), out, why)) {
        f = Failure{Failure::Kind::Unexpected, ex.status, "RunCloud API POST " + ex.path + " answered " + why};
        return false;
    }
    if (out.id > 0) {
        session().cache_ssl_id(app_path(""), out.id);
        return true;
    }
    // RunCloud may answer {}: read the certificate back.
    std::optional<SslData> now;
    if (!get_ssl(now, f)) return false;
    if (!now) {
        f = Failure{Failure::Kind::Unexpected, ex.status, "RunCloud API POST " + ex.path + " accepted the certificate but GET /ssl shows none"};
        return false;
    }
    out = std::move(*now);
    return true;
}

/* GET ssl + PUT ssl/{id}; the id is remembered per session, so later redeploys are a single PUT. */
bool Api::redeploy_ssl(bool &done, Failure &f) {
    done = false;
    for (int round = 0; round < 2; round++) {
        int64_t id = session().cached_ssl_id(app_path(""));
        if (id <= 0) {
            std::optional<SslData> ssl;
            if (!get_ssl(ssl, f)) return false;
            if (!ssl) return true;
            id = ssl->id;
        }
        Exchange ex = request("PUT", app_path("/ssl/" + std::to_string(id)));
        if (call(ex, false, f)) { done = true; return true; }
        if (!(f.kind == Failure::Kind::Api && f.code == 404)) return false;
        session().cache_ssl_id(app_path(""), 0);  // the remembered certificate is gone: look again
        f = Failure{};
    }
    return true;
}

std::string Api::add_body(const std::string &name, const AddSpec &spec) {
    return "{\"name\":" + json_quote(name) + ",\"www\":" + (spec.www ? "true" : "false") +
           ",\"redirection\":" + json_quote(spec.redirection) + ",\"type\":" + json_quote(spec.type) + "}";
}

/* Runs the adds and deletes of a bulk call side by side, at most `concurrency` at once. An add that
 * answers 422 because the name is there already (a concurrent add, or a retry whose first attempt
 * landed) counts as unchanged; a delete that finds the domain gone counts as unchanged too. */
bool Api::execute(const std::vector<std::string> &adds, const std::vector<std::pair<std::string, int64_t>> &removes,
                  const AddSpec &spec, BulkResult &out, Failure &f) {
    std::vector<Op> ops(adds.size() + removes.size());
    std::vector<Op *> refs;
    for (size_t i = 0; i < adds.size(); i++) {
        ops[i].ex = request("POST", app_path("/domains"), add_body(adds[i], spec));
        ops[i].retry_unsafe = true;
    }
    for (size_t i = 0; i < removes.size(); i++) {
        ops[adds.size() + i].ex = request("DELETE", app_path("/domains/" + std::to_string(removes[i].second)));
    }
    for (auto &op : ops) refs.push_back(&op);
    if (!run(refs, settings_->concurrency)) { f.kind = Failure::Kind::Aborted; return false; }

    std::vector<std::pair<std::string, Failure>> taken;  // 422 on add: there already, or invalid?
    std::vector<const Exchange *> taken_by;
    for (size_t i = 0; i < ops.size(); i++) {
        const Exchange &ex = ops[i].ex;
        bool is_add = i < adds.size();
        const std::string &name = is_add ? adds[i] : removes[i - adds.size()].first;
        if (ex.result == CURLE_OK && is_success(ex.status)) {
            (is_add ? out.added : out.removed).push_back(name);
            continue;
        }
        Failure failure = failure_of(ex);
        if (failure.kind == Failure::Kind::Api && failure.code == (is_add ? 422 : 404)) {
            if (is_add) {
                taken.emplace_back(name, std::move(failure));
                taken_by.push_back(&ex);
                continue;
            }
            (ex.attempt > 1 ? out.removed : out.unchanged).push_back(name);
            continue;
        }
        log("error", ex, failure.message);
        out.failed.emplace_back(name, std::move(failure));
    }
    if (taken.empty()) return true;
    std::vector<std::string> names;
    for (const auto &t : taken) names.push_back(t.first);
    std::unordered_map<std::string, int64_t> present;
    if (!ids_of(names, present, f)) return false;
    for (size_t i = 0; i < taken.size(); i++) {
        if (present.count(taken[i].first)) {
            out.unchanged.push_back(taken[i].first);
        } else {
            log("error", *taken_by[i], taken[i].second.message);
            out.failed.push_back(std::move(taken[i]));
        }
    }
    return true;
}

/* The ids of those of `names` the web app has: a search each when they are few, one full listing otherwise. */
bool Api::ids_of(const std::vector<std::string> &names, std::unordered_map<std::string, int64_t> &ids, Failure &f) {
    if (names.size() <= 3) {
        for (const auto &name : names) {
            std::optional<DomainData> found;
            if (!find_domain(name, found, f)) return false;
            if (found) ids.emplace(name, found->id);
        }
        return true;
    }
    std::vector<DomainData> all;
    if (!all_domains(all, f)) return false;
    std::unordered_set<std::string> wanted(names.begin(), names.end());
    for (const auto &d : all) {
        std::string name = comparable(d.name);
        if (wanted.count(name)) ids.emplace(std::move(name), d.id);
    }
    return true;
}

bool Api::add_domains(const std::vector<std::string> &names, const AddSpec &spec, BulkResult &out, Failure &f) {
    return execute(names, {}, spec, out, f);
}

bool Api::remove_domains(const std::vector<std::string> &names, BulkResult &out, Failure &f) {
    std::unordered_map<std::string, int64_t> ids;
    if (!ids_of(names, ids, f)) return false;
    std::vector<std::pair<std::string, int64_t>> removes;
    for (const auto &name : names) {
        auto it = ids.find(name);
        if (it != ids.end()) removes.emplace_back(name, it->second);
        else out.unchanged.push_back(name);
    }
    return execute({}, removes, AddSpec{}, out, f);
}

bool Api::sync_domains(const std::vector<std::string> &names, const SyncSpec &spec, BulkResult &out, Failure &f) {
    std::vector<DomainData> all;
    if (!all_domains(all, f)) return false;
    std::unordered_set<std::string> wanted(names.begin(), names.end());
    std::unordered_set<std::string> have;
    std::vector<std::pair<std::string, int64_t>> removes;
    for (const auto &d : all) {
        std::string name = comparable(d.name);
        have.insert(name);
        if (wanted.count(name) || !spec.prune || d.type == "primary" || d.wildcard || name.rfind("*.", 0) == 0) continue;
        if (spec.has_scope && !in_scope(name, spec.scope)) continue;
        removes.emplace_back(name, d.id);
    }
    std::vector<std::string> adds;
    for (const auto &name : names) {
        if (have.count(name)) out.unchanged.push_back(name);
        else adds.push_back(name);
    }
    if (spec.dry_run) {
        out.added = adds;
        for (auto &r : removes) out.removed.push_back(r.first);
        return true;
    }
    return execute(adds, removes, spec.add, out, f);
}

}  // namespace runcloud
