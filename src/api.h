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
#include "http.h"
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

class Api {
public:
    Api(std::unique_ptr<Settings> settings, int64_t server_id, int64_t webapp_id);
    ~Api();

    const Settings &settings() const { return *settings_; }
    int64_t server_id() const { return server_id_; }
    int64_t webapp_id() const { return webapp_id_; }
    void set_logger(Logger logger) { logger_ = std::move(logger); }
    /* Hides every credential this client knows in `text`. */
    void redact(std::string &text) const;
    void add_secret(const std::string &s);

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
    std::optional<RateState> rate() const;

private:
    struct Op;
    Session &session();
    std::string app_path(const std::string &rest) const;
    Exchange request(const char *method, std::string path, std::string body = std::string()) const;
    /* Runs exchanges with retries; `retry_unsafe` allows retrying 5xx and broken transfers of a POST. */
    bool run(std::vector<Op *> ops, int parallel);
    bool call(Exchange &ex, bool retry_unsafe, Failure &f);
    bool walk_pages(const std::string &query, const std::function<bool(DomainData &&)> &each, Failure &f);
    bool all_domains(std::vector<DomainData> &out, Failure &f);
    Failure failure_of(const Exchange &ex) const;
    static std::string add_body(const std::string &name, const AddSpec &spec);
    bool execute(const std::vector<std::string> &adds, const std::vector<std::pair<std::string, int64_t>> &removes,
                 const AddSpec &spec, BulkResult &out, Failure &f);
    bool ids_of(const std::vector<std::string> &names, std::unordered_map<std::string, int64_t> &ids, Failure &f);
    bool log(const char *level, const Exchange &ex, const std::string &message, long retry_in_ms = -1);
    double jitter();

    std::unique_ptr<Settings> settings_;
    std::vector<std::unique_ptr<Secret>> secrets_;
    int64_t server_id_, webapp_id_;
    std::shared_ptr<Session> session_;
    std::string pool_key_;
    Logger logger_;
    bool aborted_ = false;
    uint64_t rng_;
};

/* Percent-encodes a query value. */
std::string url_encode(const std::string &s);

}  // namespace runcloud

#endif
