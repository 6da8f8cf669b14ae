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

bool Api::ssl_mode(SslMode &out, Failure &f) {
    Exchange ex = request("GET", app_path("/ssl/advanced"));
    if (!call(ex, false, f)) return false;
    std::string why;
    if (!decode_ssl_mode(Body{ex.response.data(), ex.response.size(), ex.response.capacity()}, out.advanced, out.auto_ssl, why)) {
        f = unexpected(ex, why);
        return false;
    }
    if (!out.advanced) out.auto_ssl = false;
    ssl_memory().see_mode(app_path(""), mode_code(out));
    return true;
}

bool Api::set_ssl_mode(const SslMode &mode, Failure &f) {
    SslMode want = mode;
    if (!want.advanced) want.auto_ssl = false;  // RunCloud keeps AutoSSL only in advanced mode
    std::string body = std::string("{\"advancedSSL\":") + (want.advanced ? "true" : "false") +
                       ",\"autoSSL\":" + (want.auto_ssl ? "true" : "false") + "}";
    Exchange ex = request("POST", app_path("/ssl/advanced"), body);
    std::string key = app_path("");
    ssl_memory().see_mode(key, 0);
    if (call(ex, false, f)) {  // the answer ({} in RunCloud's examples) says nothing more
        ssl_memory().see_mode(key, mode_code(want));
        return true;
    }
    if (!may_have_acted(f) || call_.aborted) return false;
    // The switch may have landed: the mode read back tells.
    Failure first = f, again;
    SslMode now;
    if (ssl_mode(now, again) && now.advanced == want.advanced && now.auto_ssl == want.auto_ssl) {
        f = Failure{};
        return true;
    }
    if (call_.aborted) { f = stop_failure(); return false; }
    f = first;
    return false;
}

/* The mode as the session saw it within the last ssl_mode_ttl; asked again when it is older, unknown or was
 * basic (another process may have switched it since). An old "advanced" is not trusted: the install body
 * says advancedSSL, which would switch back a web app an admin has just set to basic in RunCloud's panel. */
bool Api::known_mode(SslMode &out, Failure &f) {
    int64_t code = ssl_memory().seen_mode(app_path(""), settings().ssl_mode_ttl_ms);
    if (code >= 2) {
        out.advanced = true;
        out.auto_ssl = code == 3;
        return true;
    }
    return ssl_mode(out, f);
}

bool Api::domain_id(const DomainRef &d, int64_t &id, Failure &f) {
    id = d.id;
    if (id > 0) return true;
    std::optional<DomainData> found;
    if (!find_domain(d.name, found, f)) return false;
    id = found ? found->id : 0;
    return true;
}

/* After a 404 by the caller's id: the domain's current id by name (0: none, or the same id). */
bool Api::relookup(const DomainRef &d, int64_t &id, Failure &f) {
    id = 0;
    if (d.id <= 0 || d.name.empty()) return true;
    std::optional<DomainData> found;
    if (!find_domain(d.name, found, f)) return false;
    if (found && found->id != d.id) id = found->id;
    return true;
}

/* GET /domains/{d}/ssl; `out` stays empty when there is none (404, {}, null or {"data":null}), and `f.code`
 * is then 404 when the answer was a 404. */
bool Api::read_domain_ssl(int64_t domain, std::optional<SslData> &out, Failure &f) {
    out.reset();
    Exchange ex = request("GET", domain_path(domain, "/ssl"));
    if (!call(ex, false, f, 404)) {
        if (f.is_status(404)) { f = Failure{}; f.code = 404; return true; }
        return false;
    }
    if (blank_or_null(ex.response)) return true;
    SslData ssl;
    std::string why;
    if (!decode_ssl(Body{ex.response.data(), ex.response.size(), ex.response.capacity()}, ssl, why)) {
        f = unexpected(ex, why);
        return false;
    }
    ssl_memory().cache_ssl_id(domain_path(domain, ""), ssl.id);
    if (ssl.id > 0) out = std::move(ssl);
    return true;
}

bool Api::domain_ssl(const DomainRef &d, std::optional<SslData> &out, Failure &f) {
    int64_t id;
    if (!domain_id(d, id, f)) return false;
    out.reset();
    if (id <= 0) return true;
    if (!read_domain_ssl(id, out, f)) return false;
    if (out || f.code != 404) { f = Failure{}; return true; }
    f = Failure{};
    int64_t now;
    if (!relookup(d, now, f)) return false;
    if (now > 0 && !read_domain_ssl(now, out, f)) return false;
    f = Failure{};
    return true;
}

bool Api::install_domain_ssl(const DomainRef &d, const std::string &settings, SslData &out, Failure &f) {
    SslMode mode;
    if (!known_mode(mode, f)) return false;
    if (!mode.advanced) {
        f = failure(Failure::Kind::SslMode, 0, "RunCloud web application " + std::to_string(webapp_id_) +
                    " uses basic SSL: switch it to advanced SSL (setSslMode(true)) before installing per-domain certificates");
        return false;
    }
    int64_t id;
    if (!domain_id(d, id, f)) return false;
    if (id <= 0) {
        f = no_domain(d.name);
        return false;
    }
    // RunCloud's example body carries the mode; the current AutoSSL is sent so the install never changes it.
    std::string body = settings.substr(0, settings.size() - 1) + R"(,"advancedSSL":true,"autoSSL":)" +
                       (mode.auto_ssl ? "true" : "false") + "}";
    for (int round = 0; round < 2; round++) {
        Exchange ex = request("POST", domain_path(id, "/ssl"), body);
        if (call(ex, false, f, 422)) {
            std::string why;
            SslData ssl;
            // Only a JSON object (or no body at all) is an answer: HTML, truncated JSON, two documents or bytes
            // after one are refused like domainSsl() refuses them, whatever the status said.
            bool blank = ex.response.find_first_not_of(" \t\r\n") == std::string::npos;
            if (!blank && !decode_ssl(Body{ex.response.data(), ex.response.size(), ex.response.capacity()}, ssl, why)) {
                f = unexpected(ex, why);
                log("error", ex, f.message);
                ssl_memory().cache_ssl_id(domain_path(id, ""), 0);  // whatever it did, an id known before may be stale
                return false;
            }
            if (ssl.id > 0) {
                ssl_memory().cache_ssl_id(domain_path(id, ""), ssl.id);
                out = std::move(ssl);
                return true;
            }
            // {} (RunCloud's example answer): accepted. What the client knows is what it asked for; the id
            // (0 here, never remembered) and dates come with domainSsl(). Reading it back now would cost every
            // install a call.
            ssl_memory().cache_ssl_id(domain_path(id, ""), 0);
            out = SslData{};
            std::string asked = body, own_why;
            asked.reserve(asked.size() + json_padding());
            if (!decode_ssl(Body{asked.data(), asked.size(), asked.capacity()}, out, own_why)) out = SslData{};
            out.id = 0;
            return true;
        }
        if (call_.aborted) return false;
        bool taken = f.is_status(422) && has_field(f, "ssl");  // one is there already
        if (taken || may_have_acted(f)) {
            Failure first = f;
            std::optional<SslData> now;
            if (!read_domain_ssl(id, now, f)) return false;
            if (now) { f = Failure{}; out = std::move(*now); return true; }
            f = first;
        }
        if (f.is_status(422)) log("error", ex, f.message);
        if (round == 0 && f.is_status(404) && id == d.id && !d.name.empty()) {
            // The id is stale: the name may live on under another id, or be gone.
            Failure first = f;
            std::optional<DomainData> found;
            if (!find_domain(d.name, found, f)) return false;
            if (!found) { f = no_domain(d.name); return false; }
            if (found->id != d.id) { id = found->id; continue; }
            f = first;
        }
        return false;
    }
    return false;
}

/* A redeploy (PUT) or removal (DELETE) of the domain's certificate: its id from the session or a GET, then
 * the one request. A 404 on it means the certificate changed under us: the id is read again once. */
bool Api::domain_ssl_change(const char *method, const DomainRef &d, bool &done, Failure &f) {
    done = false;
    int64_t domain;
    if (!domain_id(d, domain, f)) return false;
    if (domain <= 0) return true;
    bool relooked = false;
    for (int round = 0; round < 2; round++) {
        int64_t ssl = ssl_memory().cached_ssl_id(domain_path(domain, ""));
        if (ssl <= 0) {
            std::optional<SslData> now;
            if (!read_domain_ssl(domain, now, f)) return false;
            if (!now && f.code == 404 && !relooked) {
                relooked = true;
                int64_t again;
                if (!relookup(d, again, f)) return false;
                if (again > 0 && !read_domain_ssl(again, now, f)) return false;
                if (now) domain = again;
            }
            f = Failure{};
            if (!now) return true;
            ssl = now->id;
        }
        Exchange ex = request(method, domain_path(domain, "/ssl/" + std::to_string(ssl)));
        bool removing = std::string(method) == "DELETE";
        if (call(ex, false, f, 404)) {
            done = true;
            if (removing) ssl_memory().cache_ssl_id(domain_path(domain, ""), 0);
            return true;
        }
        if (!(f.is_status(404))) return false;
        ssl_memory().cache_ssl_id(domain_path(domain, ""), 0);
        f = Failure{};
        if (removing && ex.maybe_applied) { done = true; return true; }  // an earlier attempt landed
    }
    return true;
}

bool Api::redeploy_domain_ssl(const DomainRef &d, bool &done, Failure &f) { return domain_ssl_change("PUT", d, done, f); }

bool Api::remove_domain_ssl(const DomainRef &d, bool &removed, Failure &f) { return domain_ssl_change("DELETE", d, removed, f); }

bool Api::remove_domain_ref(const DomainRef &d, bool &removed, Failure &f) {
    removed = false;
    if (d.id <= 0) return remove_domain(d.name, removed, f);
    Exchange ex = request("DELETE", domain_path(d.id, ""));
    if (call(ex, false, f, 404)) {
        removed = true;
        ssl_memory().cache_ssl_id(domain_path(d.id, ""), 0);  // its certificate went with it
        return true;
    }
    if (!(f.is_status(404))) return false;
    f = Failure{};
    if (ex.maybe_applied) { removed = true; return true; }  // a retried delete that finds it gone
    if (d.name.empty()) return true;
    return remove_domain(d.name, removed, f);  // the id is stale: the name may live on under another
}

}  // namespace runcloud
