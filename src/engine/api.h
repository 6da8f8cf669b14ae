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
    bool begin(Failure &f);
    void end() { busy_ = false; }
    bool busy() const { return busy_; }

    bool ping(bool &pong, Failure &f);
    bool list_domains(std::vector<DomainData> &out, Failure &f);
    bool find_domain(const std::string &name, std::optional<DomainData> &out, Failure &f);
    bool add_domain(const std::string &name, const AddSpec &spec, DomainData &out, Failure &f);
    bool remove_domain(const std::string &name, bool &removed, Failure &f);
    bool get_ssl(std::optional<SslData> &out, Failure &f);
    bool install_ssl(const std::string &body, SslData &out, Failure &f);
    bool redeploy_ssl(bool &done, Failure &f);
    bool add_domains(const std::vector<std::string> &names, const AddSpec &spec, BulkResult &out, Failure &f);
    bool remove_domains(const std::vector<std::string> &names, BulkResult &out, Failure &f);
    bool sync_domains(const std::vector<std::string> &names, const SyncSpec &spec, BulkResult &out, Failure &f);
    /* Any route: `path` is under the base URL and already checked, `query` already encoded ("" or "a=b&c=d").
     * POST and PATCH are not retried once the server may have acted. `ex` keeps the answer. */
    bool send(const char *method, const std::string &path, const std::string &query, const std::string *body,
              Exchange &ex, Failure &f);
    /* Every page of a listing, `sink` called with each page in order, once no transfer is running. */
    bool walk(const std::string &path, const std::string &query, const PageSink &sink, Failure &f);
    /* Drops the answer of `ex` from the call's memory budget. */
    void release(Exchange &ex);
    std::optional<RateState> rate() const;

    std::string app_path(const std::string &rest) const;
    /* The failure for an answer of the wrong shape; `why` completes "... answered ". */
    Failure unexpected(const Exchange &ex, const std::string &why) const;

    /* Advanced SSL (api_ssl.cpp): the mode, and one certificate per domain. */
    bool ssl_mode(SslMode &out, Failure &f);
    bool set_ssl_mode(const SslMode &mode, Failure &f);
    bool domain_ssl(const DomainRef &d, std::optional<SslData> &out, Failure &f);
    bool install_domain_ssl(const DomainRef &d, const std::string &settings, SslData &out, Failure &f);
    bool redeploy_domain_ssl(const DomainRef &d, bool &done, Failure &f);
    bool remove_domain_ssl(const DomainRef &d, bool &removed, Failure &f);
    /* removeDomain() by a known id: one DELETE; a 404 falls back to the name when it is known. */
    bool remove_domain_ref(const DomainRef &d, bool &removed, Failure &f);

private:
    struct Op;
    struct Call {
        Clock::time_point deadline{};
        bool aborted = false;      // the logger threw or failed: no more transfers, no more log records
        bool interrupted = false;  // PHP's time limit was reached
        bool refused = false;      // the session was busy with another client's call
        size_t held = 0;           // bytes of answers held, against settings.max_body
        RequestRef current;        // the request last started or finished: what an interruption stopped
    };
    Session &session();
    SslMemory &ssl_memory();  // the session's, made on first use
    Exchange request(const char *method, std::string path, std::string body = std::string()) const;
    bool stopped();
    /* Runs exchanges with retries; `retry_unsafe` allows retrying 5xx and broken transfers of a POST. */
    bool run(const std::vector<Op *> &ops, int parallel);
    /* One exchange; a failure with status `quiet` is left for the caller to judge (not logged as an error). */
    bool call(Exchange &ex, bool retry_unsafe, Failure &f, long quiet = 0);
    bool walk_domains(const std::string &query, const std::function<bool(DomainData &&)> &each, Failure &f);
    bool all_domains(std::vector<DomainData> &out, Failure &f);
    /* The one failure builder: redacts the whole text first, then shortens it. */
    Failure failure(Failure::Kind kind, long code, std::string message, FieldErrors errors = {}, long retry_after = -1) const;
    Failure failure_of(const Exchange &ex) const;
    Failure failure_text(const Exchange &ex) const;
    Failure stop_failure() const;
    static std::string add_body(const std::string &name, const AddSpec &spec);
    bool execute(const std::vector<std::string> &adds, const std::vector<std::pair<std::string, int64_t>> &removes,
                 const AddSpec &spec, BulkResult &out, Failure &f);
    bool ids_of(const std::vector<std::string> &names, std::unordered_map<std::string, int64_t> &ids, Failure &f);
    bool log(const char *level, const Exchange &ex, const std::string &message, long retry_in_ms = -1);
    /* Whether a log record would reach a logger: the per-exchange debug record is only built then. */
    bool logging() const { return logger_ && !call_.aborted; }
    double jitter();
    /* api_ssl.cpp */
    bool domain_id(const DomainRef &d, int64_t &id, Failure &f);
    bool relookup(const DomainRef &d, int64_t &id, Failure &f);
    bool read_domain_ssl(int64_t domain, std::optional<SslData> &out, Failure &f);
    bool domain_ssl_id(const DomainRef &d, int64_t &domain, int64_t &ssl, Failure &f);
    bool domain_ssl_change(const char *method, const DomainRef &d, bool &done, Failure &f);
    Failure no_domain(const std::string &name) const;
    std::string domain_path(int64_t domain, const std::string &rest) const;
    bool known_mode(SslMode &out, Failure &f);

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
