/* RunCloud answers decoded with simdjson's On-Demand API, into plain C++ records (no Zend here, so the
 * fuzzer can drive this file alone). Every decoder tolerates missing and unknown fields, booleans as
 * true/false, 0/1 or "0"/"1", and an object wrapped in {"data": ...}. Bytes after the document are refused. */
#ifndef RUNCLOUD_JSON_H
#define RUNCLOUD_JSON_H

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace runcloud {

struct DomainData {
    int64_t id = 0;
    std::string name;
    std::string type = "alias";
    bool www = false;
    std::string redirection = "none";
    bool wildcard = false;
    std::optional<std::string> dns_integration, status, created_at;
};

struct SslData {
    int64_t id = 0;  // 0: the answer had no certificate in it (e.g. "{}")
    std::optional<std::string> method, authorization_method, valid_until, renewal_date, created_at;
    bool enable_http = false, enable_hsts = false, staging = false;
};

struct PageMeta {
    int64_t current_page = 0;  // 0: the answer had no pagination
    int64_t total_pages = 0;
    int64_t total = -1;
    size_t count = 0;          // items in this page's "data"
};

using FieldErrors = std::vector<std::pair<std::string, std::vector<std::string>>>;

struct ErrorBody {
    std::string message;
    FieldErrors errors;
};

/* A body the decoders read; `capacity` must leave simdjson's padding after `size` bytes. */
struct Body {
    const char *data;
    size_t size;
    size_t capacity;
};

/* Each returns false and says why when the body is not JSON or not of the expected shape. */
bool decode_domain(Body body, DomainData &out, std::string &why);
bool decode_ssl(Body body, SslData &out, std::string &why);
bool decode_page(Body body, const std::function<void(DomainData &&)> &each, PageMeta &meta, std::string &why);
/* A page of any listing: counts the items of "data" and reads meta.pagination, for walking the pages. */
bool decode_page_meta(Body body, PageMeta &meta, std::string &why);
bool decode_message(Body body, std::string &message, std::string &why);
/* GET /ssl/advanced: {"advancedSSL":..,"autoSSL":..} (snake_case too, or inside "data"); advancedSSL required. */
bool decode_ssl_mode(Body body, bool &advanced, bool &auto_ssl, std::string &why);
/* Best effort: fills what it can find; false when the body is not a JSON object. */
bool decode_error(Body body, ErrorBody &out);

/* How deep an answer may nest (objects and arrays), for every decoder: none of RunCloud's comes near it,
 * and refusing more bounds the parsers' work. */
constexpr size_t kMaxJsonDepth = 128;

/* The padding simdjson needs after the bytes of a body. */
size_t json_padding();

/* `s` as a JSON string literal. */
std::string json_quote(const std::string &s);

}  // namespace runcloud

#endif
