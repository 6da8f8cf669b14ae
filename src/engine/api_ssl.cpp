/* Advanced SSL: the web app's mode (GET|POST /ssl/advanced) and one certificate per domain
 * (/domains/{d}/ssl[/{id}]), plus removeDomain() by a known id. Built on the same exchanges, retries and
 * failures as api.cpp.
 *
 * Decisions where RunCloud's documentation is silent:
 * - The per-domain answers may be {} (RunCloud's examples) or the certificate object. An install answered {}
 *   returns what the client asked for, with id 0 and no dates (domainSsl() reads the rest), so that a
 *   domain's whole life (add, certificate, removal) is three calls; redeploy and remove only need a 2xx.
 * - A POST is never retried once it may have reached the server; after a lost answer or a 5xx the client
 *   reads the state back and reports success when it shows what was asked.
 * - A domain given by id (or as a RunCloud\Domain) is used as is; a 404 by that id falls back to a lookup by
 *   name when the name is known (the domain may have been removed and added again under a new id).
 * - Each domain's certificate id is remembered per session (the connections outlive the PHP request), so a
 *   redeploy or removal is one call once the id is known; the mode is remembered for runcloud.ssl_mode_ttl
 *   (60 s), so a burst of installs reads it once a minute, and a switch made elsewhere is seen within it. */
#include "api.h"

namespace runcloud {

int64_t SslMemory::cached_ssl_id(const std::string &app) const {
    for (const auto &entry : ssl_ids) {
        if (entry.first == app) return entry.second;
    }
    return 0;
}

void SslMemory::cache_ssl_id(const std::string &app, int64_t id) {
    for (auto &entry : ssl_ids) {
        if (entry.first == app) { entry.second = id; return; }
    }
    ssl_ids.emplace_back(app, id);
}

int64_t SslMemory::seen_mode(const std::string &app, long max_age_ms) const {
    for (const auto &m : modes) {
        if (m.app != app) continue;
        return Clock::now() - m.at < std::chrono::milliseconds(max_age_ms) ? m.code : 0;
    }
    return 0;
}

void SslMemory::see_mode(const std::string &app, int64_t code) {
    for (auto &m : modes) {
        if (m.app == app) { m.code = code; m.at = Clock::now(); return; }
    }
    modes.push_back(SeenMode{app, code, Clock::now()});
}

SslMemory &Api::ssl_memory() {
    Session &s = session();
    if (!s.memory) s.memory = std::make_unique<SslMemory>();
    return static_cast<SslMemory &>(*s.memory);  // only the API sets a session's memory
}

namespace {

/* Session memory keys: the mode is kept beside the certificate ids, as 1 basic, 2 advanced, 3 advanced
 * with AutoSSL (0: not known). */
int64_t mode_code(const SslMode &m) { return m.advanced ? (m.auto_ssl ? 3 : 2) : 1; }

bool may_have_acted(const Failure &f) {
    return f.kind == Failure::Kind::Transport || (f.kind == Failure::Kind::Api && f.code >= 500);
}

bool has_field(const Failure &f, const char *name) {
    for (const auto &field : f.errors) if (field.first == name) return true;
    return false;
}

bool blank_or_null(const std::string &body) {
    size_t a = body.find_first_not_of(" \t\r\n");
    if (a == std::string::npos) return true;
    size_t b = body.find_last_not_of(" \t\r\n");
    return body.compare(a, b - a + 1, "null") == 0;
}

}  // namespace

Failure Api::no_domain(const std::string &name) const {
    Failure f = failure(Failure::Kind::DomainNotFound, 0, "RunCloud web application " + std::to_string(webapp_id_) + " has no domain " + name);
    f.domain = name;
    return f;
}

std::string Api::domain_path(int64_t domain, const std::string &rest) const {
    return app_path("/domains/" + std::to_string(domain) + rest);
}

Result<SslMode> Api::ssl_mode() {
    Exchange ex = exchange("GET", app_path("/ssl/advanced"));
    if (Outcome sent = send(ex); !sent) return sent.take_failure();
    SslMode out;
    std::string why;
    if (!decode_ssl_mode(Body{ex.response.data(), ex.response.size(), ex.response.capacity()}, out.advanced, out.auto_ssl, why)) {
        return unexpected(ex, why);
    }
    if (!out.advanced) out.auto_ssl = false;
    ssl_memory().see_mode(app_path(""), mode_code(out));
    return out;
}

Outcome Api::set_ssl_mode(const SslMode &mode) {
    SslMode want = mode;
    if (!want.advanced) want.auto_ssl = false;  // RunCloud keeps AutoSSL only in advanced mode
    std::string body = std::string("{\"advancedSSL\":") + (want.advanced ? "true" : "false") +
                       ",\"autoSSL\":" + (want.auto_ssl ? "true" : "false") + "}";
    Exchange ex = exchange("POST", app_path("/ssl/advanced"), body);
    std::string key = app_path("");
    ssl_memory().see_mode(key, 0);
    Outcome sent = send(ex);
    if (sent) {  // the answer ({} in RunCloud's examples) says nothing more
        ssl_memory().see_mode(key, mode_code(want));
        return sent;
    }
    if (!may_have_acted(sent.failure()) || call_.aborted) return sent;
    // The switch may have landed: the mode read back tells.
    Result<SslMode> now = ssl_mode();
    if (now && now->advanced == want.advanced && now->auto_ssl == want.auto_ssl) return Done{};
    if (call_.aborted) return stop_failure();
    return sent;
}

/* The mode as the session saw it within the last ssl_mode_ttl; asked again when it is older, unknown or was
 * basic (another process may have switched it since). An old "advanced" is not trusted: the install body
 * says advancedSSL, which would switch back a web app an admin has just set to basic in RunCloud's panel. */
Result<SslMode> Api::known_mode() {
    int64_t code = ssl_memory().seen_mode(app_path(""), settings().ssl_mode_ttl_ms);
    if (code >= 2) {
        SslMode out;
        out.advanced = true;
        out.auto_ssl = code == 3;
        return out;
    }
    return ssl_mode();
}

Result<int64_t> Api::domain_id(const DomainRef &d) {
    if (d.id > 0) return d.id;
    Result<std::optional<DomainData>> found = find_domain(d.name);
    if (!found) return found.take_failure();
    return *found ? (*found)->id : int64_t{0};
}

Result<int64_t> Api::relookup(const DomainRef &d) {
    if (d.id <= 0 || d.name.empty()) return int64_t{0};
    Result<std::optional<DomainData>> found = find_domain(d.name);
    if (!found) return found.take_failure();
    return *found && (*found)->id != d.id ? (*found)->id : int64_t{0};
}

/* GET /domains/{d}/ssl: no certificate when the answer is a 404 (`gone`: the domain id is unknown), {},
 * null or {"data":null}. */
Result<Api::DomainSsl> Api::read_domain_ssl(int64_t domain) {
    Exchange ex = exchange("GET", domain_path(domain, "/ssl"));
    Outcome sent = send(ex, false, 404);
    DomainSsl out;
    if (!sent) {
        if (!sent.failure().is_status(404)) return sent.take_failure();
        out.gone = true;
        return out;
    }
    if (blank_or_null(ex.response)) return out;
    SslData ssl;
    std::string why;
    if (!decode_ssl(Body{ex.response.data(), ex.response.size(), ex.response.capacity()}, ssl, why)) return unexpected(ex, why);
    ssl_memory().cache_ssl_id(domain_path(domain, ""), ssl.id);
    if (ssl.id > 0) out.ssl = std::move(ssl);
    return out;
}

Result<std::optional<SslData>> Api::domain_ssl(const DomainRef &d) {
    Result<int64_t> id = domain_id(d);
    if (!id) return id.take_failure();
    if (*id <= 0) return std::optional<SslData>();
    Result<DomainSsl> read = read_domain_ssl(*id);
    if (!read) return read.take_failure();
    if (read->ssl || !read->gone) return std::move(read->ssl);
    Result<int64_t> now = relookup(d);
    if (!now) return now.take_failure();
    if (*now <= 0) return std::optional<SslData>();
    Result<DomainSsl> again = read_domain_ssl(*now);
    if (!again) return again.take_failure();
    return std::move(again->ssl);
}

Result<SslData> Api::install_domain_ssl(const DomainRef &d, const std::string &settings) {
    Result<SslMode> mode = known_mode();
    if (!mode) return mode.take_failure();
    if (!mode->advanced) {
        return failure(Failure::Kind::SslMode, 0, "RunCloud web application " + std::to_string(webapp_id_) +
                       " uses basic SSL: switch it to advanced SSL (setSslMode(true)) before installing per-domain certificates");
    }
    Result<int64_t> found_id = domain_id(d);
    if (!found_id) return found_id.take_failure();
    int64_t id = *found_id;
    if (id <= 0) return no_domain(d.name);
    // RunCloud's example body carries the mode; the current AutoSSL is sent so the install never changes it.
    std::string body = settings.substr(0, settings.size() - 1) + R"(,"advancedSSL":true,"autoSSL":)" +
                       (mode->auto_ssl ? "true" : "false") + "}";
    for (bool relooked = false;; relooked = true) {
        Exchange ex = exchange("POST", domain_path(id, "/ssl"), body);
        Outcome sent = send(ex, false, 422);
        if (sent) {
            std::string why;
            SslData ssl;
            // Only a JSON object (or no body at all) is an answer: HTML, truncated JSON, two documents or bytes
            // after one are refused like domainSsl() refuses them, whatever the status said.
            bool blank = ex.response.find_first_not_of(" \t\r\n") == std::string::npos;
            if (!blank && !decode_ssl(Body{ex.response.data(), ex.response.size(), ex.response.capacity()}, ssl, why)) {
                Failure f = unexpected(ex, why);
                log("error", ex, f.message);
                ssl_memory().cache_ssl_id(domain_path(id, ""), 0);  // whatever it did, an id known before may be stale
                return f;
            }
            if (ssl.id > 0) {
                ssl_memory().cache_ssl_id(domain_path(id, ""), ssl.id);
                return ssl;
            }
            // {} (RunCloud's example answer): accepted. What the client knows is what it asked for; the id
            // (0 here, never remembered) and dates come with domainSsl(). Reading it back now would cost every
            // install a call.
            ssl_memory().cache_ssl_id(domain_path(id, ""), 0);
            SslData out;
            std::string asked = body, own_why;
            asked.reserve(asked.size() + json_padding());
            if (!decode_ssl(Body{asked.data(), asked.size(), asked.capacity()}, out, own_why)) out = SslData{};
            out.id = 0;
            return out;
        }
        if (call_.aborted) return sent.take_failure();
        const Failure &f = sent.failure();
        bool taken = f.is_status(422) && has_field(f, "ssl");  // one is there already
        if (taken || may_have_acted(f)) {
            Result<DomainSsl> now = read_domain_ssl(id);
            if (!now) return now.take_failure();
            if (now->ssl) return std::move(*now->ssl);
        }
        if (f.is_status(422)) log("error", ex, f.message);
        if (!relooked && f.is_status(404) && id == d.id && !d.name.empty()) {
            // The id is stale: the name may live on under another id, or be gone.
            Result<std::optional<DomainData>> found = find_domain(d.name);
            if (!found) return found.take_failure();
            if (!*found) return no_domain(d.name);
            if ((*found)->id != d.id) { id = (*found)->id; continue; }
        }
        return sent.take_failure();
    }
}

/* A redeploy (PUT) or removal (DELETE) of the domain's certificate: its id from the session or a GET, then
 * the one request. A 404 on it means the certificate changed under us: the id is read again once. */
Result<bool> Api::domain_ssl_change(const char *method, const DomainRef &d) {
    Result<int64_t> found_id = domain_id(d);
    if (!found_id) return found_id.take_failure();
    int64_t domain = *found_id;
    if (domain <= 0) return false;
    bool relooked = false;
    bool removing = std::string(method) == "DELETE";
    for (int round = 0; round < 2; round++) {
        int64_t ssl = ssl_memory().cached_ssl_id(domain_path(domain, ""));
        if (ssl <= 0) {
            Result<DomainSsl> now = read_domain_ssl(domain);
            if (!now) return now.take_failure();
            if (!now->ssl && now->gone && !relooked) {
                relooked = true;
                Result<int64_t> again = relookup(d);
                if (!again) return again.take_failure();
                if (*again > 0) {
                    now = read_domain_ssl(*again);
                    if (!now) return now.take_failure();
                    if (now->ssl) domain = *again;
                }
            }
            if (!now->ssl) return false;
            ssl = now->ssl->id;
        }
        Exchange ex = exchange(method, domain_path(domain, "/ssl/" + std::to_string(ssl)));
        Outcome sent = send(ex, false, 404);
        if (sent) {
            if (removing) ssl_memory().cache_ssl_id(domain_path(domain, ""), 0);
            return true;
        }
        if (!sent.failure().is_status(404)) return sent.take_failure();
        ssl_memory().cache_ssl_id(domain_path(domain, ""), 0);
        if (removing && ex.maybe_applied) return true;  // an earlier attempt landed
    }
    return false;
}

Result<bool> Api::redeploy_domain_ssl(const DomainRef &d) { return domain_ssl_change("PUT", d); }

Result<bool> Api::remove_domain_ssl(const DomainRef &d) { return domain_ssl_change("DELETE", d); }

Result<bool> Api::remove_domain_ref(const DomainRef &d) {
    if (d.id <= 0) return remove_domain(d.name);
    Exchange ex = exchange("DELETE", domain_path(d.id, ""));
    Outcome sent = send(ex, false, 404);
    if (sent) {
        ssl_memory().cache_ssl_id(domain_path(d.id, ""), 0);  // its certificate went with it
        return true;
    }
    if (!sent.failure().is_status(404)) return sent.take_failure();
    if (ex.maybe_applied) return true;  // a retried delete that finds it gone
    if (d.name.empty()) return false;
    return remove_domain(d.name);  // the id is stale: the name may live on under another
}

}  // namespace runcloud
