/* RunCloud's operations for one web app: paths, retries, pagination, the add/remove/SSL flows and the
 * bulk flows. Plain C++ over http.h and json.h; the Zend layer (client.cpp) only converts. */
#ifndef RUNCLOUD_API_H
#define RUNCLOUD_API_H

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "failure.h"
#include "transport/http.h"
#include "json.h"

namespace runcloud {

struct LogField {
    const char *key;
    std::string text;
    long number = 0;
    bool is_number = false;
};

/* Told of every exchange and failure; returns false when the PHP logger threw. */
using Logger = std::function<bool(const char *level, const std::string &message, const std::vector<LogField> &context)>;

struct AddSpec {
    bool www = false;
    std::string redirection = "none";
    std::string type = "alias";
};

struct SyncSpec {
    AddSpec add;
    bool dry_run = false;
    bool prune = true;
    bool has_scope = false;
    std::vector<std::string> scope;  // "name" or "*.suffix"
};

struct BulkResult {
    std::vector<std::string> added, removed, unchanged;
    std::vector<std::pair<std::string, Failure>> failed;
};

/* The web app's SSL mode (GET|POST /ssl/advanced). */
struct SslMode {
    bool advanced = false;
    bool auto_ssl = false;
};

/* What the API remembers per session (runcloud::SessionMemory): the certificate ids learnt per web app or
 * domain path, so a redeploy can skip its lookup, and the SSL mode seen per web app with when it was seen:
 * it can be switched behind the client's back (in RunCloud's panel, by another process), so it is trusted
 * for a while only (Settings::ssl_mode_ttl_ms). */
struct SslMemory : SessionMemory {
    std::vector<std::pair<std::string, int64_t>> ssl_ids;
    int64_t cached_ssl_id(const std::string &app) const;
    void cache_ssl_id(const std::string &app, int64_t id);
    struct SeenMode { std::string app; int64_t code; Clock::time_point at; };
    std::vector<SeenMode> modes;
    int64_t seen_mode(const std::string &app, long max_age_ms) const;  // 0: unknown or too old
    void see_mode(const std::string &app, int64_t code);                // 0 forgets it
};

/* A domain as a caller names it: its RunCloud id when known (0 otherwise), its name when known ("" otherwise). */
struct DomainRef {
    int64_t id = 0;
    std::string name;
};

/* What a page handler says after reading one page of a listing. */
enum class PageStep { More, Stop, Bad };
/* Reads one page (fills `meta`, says `why` when it is Bad). */
using PageSink = std::function<PageStep(const Exchange &ex, PageMeta &meta, std::string &why)>;

class Api {
public:
    Api(std::unique_ptr<Settings> settings, int64_t server_id, int64_t webapp_id);
    ~Api();

    const Settings &settings() const { return *settings_; }
    int64_t server_id() const { return server_id_; }
    int64_t webapp_id() const { return webapp_id_; }
    void set_logger(Logger logger) { logger_ = std::move(logger); }
    /* Asked between transfers: true when PHP wants the call to stop now (max_execution_time). */
    void set_interrupt(std::function<bool()> interrupted) { interrupted_ = std::move(interrupted); }
    void set_pool(Pool *pool) { pool_ = pool; }
    /* Hides every credential this client knows in `text`. */
    void redact(std::string &text) const { redactor_.apply(text); }
    void add_secret(const std::string &s) { redactor_.add(s); }

    /* Every public call runs between begin() and end(): one deadline, one abort state, one memory budget.
     * begin() refuses a call while another of this client runs (PHP code calling back into it). */
    Outcome begin();
    void end() { busy_ = false; }

    Result<bool> ping();
    Result<std::vector<DomainData>> list_domains();
    Result<std::optional<DomainData>> find_domain(const std::string &name);
    Result<DomainData> add_domain(const std::string &name, const AddSpec &spec);
    Result<bool> remove_domain(const std::string &name);
    Result<std::optional<SslData>> get_ssl();
    Result<SslData> install_ssl(const std::string &body);
    Result<bool> redeploy_ssl();
    Result<BulkResult> add_domains(const std::vector<std::string> &names, const AddSpec &spec);
    Result<BulkResult> remove_domains(const std::vector<std::string> &names);
    Result<BulkResult> sync_domains(const std::vector<std::string> &names, const SyncSpec &spec);
    /* Any route: `path` is under the base URL and already checked, `query` already encoded ("" or "a=b&c=d").
     * POST and PATCH are not retried once the server may have acted. The exchange keeps the answer. */
    Result<Exchange> send(const char *method, const std::string &path, const std::string &query, const std::string *body);
    /* Every page of a listing, `sink` called with each page in order, once no transfer is running. */
    Outcome list_all(const std::string &path, const std::string &query, const PageSink &sink);
    /* Drops the answer of `ex` from the call's memory budget. */
    void release(Exchange &ex);
    std::optional<RateState> rate() const;

    std::string app_path(const std::string &rest) const;
    /* The failure for an answer of the wrong shape; `why` completes "... answered ". */
    Failure unexpected(const Exchange &ex, const std::string &why) const;

    /* Advanced SSL (api_ssl.cpp): the mode, and one certificate per domain. */
    Result<SslMode> ssl_mode();
    Outcome set_ssl_mode(const SslMode &mode);
    Result<std::optional<SslData>> domain_ssl(const DomainRef &d);
    Result<SslData> install_domain_ssl(const DomainRef &d, const std::string &settings);
    Result<bool> redeploy_domain_ssl(const DomainRef &d);
    Result<bool> remove_domain_ssl(const DomainRef &d);
    /* removeDomain() by a known id: one DELETE; a 404 falls back to the name when it is known. */
    Result<bool> remove_domain_ref(const DomainRef &d);

private:
    struct Op;
    struct Call {
        Clock::time_point deadline{};
        bool aborted = false;      // the logger threw or failed: no more transfers, no more log records
        bool interrupted = false;  // PHP's time limit was reached
        bool refused = false;      // the session was busy with another client's call
        size_t held = 0;           // bytes of answers held, against settings.max_body
        const Exchange *current = nullptr;  // during a batch: the request last started or finished
        RequestRef stopped;        // what an interruption stopped
    };
    /* What GET /domains/{d}/ssl said: the certificate, or none; `gone` when that was a 404 (the domain id). */
    struct DomainSsl {
        std::optional<SslData> ssl;
        bool gone = false;
    };
    Session &session();
    SslMemory &ssl_memory();  // the session's, made on first use
    Exchange exchange(const char *method, std::string path, std::string body = std::string()) const;
    bool stopped();
    /* Sends a batch of requests, `parallel` at a time, each with its retries; false when the call stopped. */
    bool send_batch(const std::vector<Op *> &ops, int parallel);
    /* One request with its retries (`retry_unsafe`: 5xx and broken transfers of a POST too); `ex` is the
     * request and, after, its last answer. A failure with status `quiet` is left for the caller to judge (not
     * logged as an error). */
    Outcome send(Exchange &ex, bool retry_unsafe = false, long quiet = 0);
    /* Every domain of the listing (`query` added to each page), each id once, until `each` says stop. */
    Outcome each_domain(const std::string &query, const std::function<bool(DomainData &&)> &each);
    /* The one failure builder: redacts the whole text first, then shortens it. */
    Failure failure(Failure::Kind kind, long code, std::string message, FieldErrors errors = {}, long retry_after = -1) const;
    Failure failure_of(const Exchange &ex) const;
    Failure failure_text(const Exchange &ex) const;
    Failure stop_failure() const;
    static std::string add_body(const std::string &name, const AddSpec &spec);
    Result<BulkResult> add_and_remove(const std::vector<std::string> &adds, const std::vector<std::pair<std::string, int64_t>> &removes,
                                      const AddSpec &spec, BulkResult out = {});
    Result<std::unordered_map<std::string, int64_t>> ids_of(const std::vector<std::string> &names);
    bool log(const char *level, const Exchange &ex, const std::string &message, long retry_in_ms = -1);
    /* Whether a log record would reach a logger: the per-exchange debug record is only built then. */
    bool logging() const { return logger_ && !call_.aborted; }
    double jitter();
    /* api_ssl.cpp */
    Result<int64_t> domain_id(const DomainRef &d);  // 0: no such name
    Result<int64_t> relookup(const DomainRef &d);   // after a 404 by the caller's id: the current id by name (0: none, or the same)
    Result<DomainSsl> read_domain_ssl(int64_t domain);
    Result<bool> domain_ssl_change(const char *method, const DomainRef &d);
    Failure no_domain(const std::string &name) const;
    std::string domain_path(int64_t domain, const std::string &rest) const;
    Result<SslMode> known_mode();

    std::unique_ptr<Settings> settings_;
    Redactor redactor_;
    int64_t server_id_, webapp_id_;
    std::string app_;  // "/servers/{id}/webapps/{id}", the prefix of most paths: built once
    std::shared_ptr<Session> session_;
    std::string pool_key_;
    Pool *pool_ = nullptr;
    Logger logger_;
    std::function<bool()> interrupted_;
    Call call_;
    bool busy_ = false;
    uint64_t rng_;
};


}  // namespace runcloud

#endif
