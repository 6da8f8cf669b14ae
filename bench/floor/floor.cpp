// The floor: the Ultimate Multisite flows done the cheapest sensible way in C++, with one reused
// libcurl easy handle and simdjson's on-demand parser reading the same fields the extension reads.
// The extension cannot do less work per call than this, so its CPU per call is compared with it.
//
//   floor --base=URL --token=T [--ca=FILE] --flow=add|remove --n=N [--warmup=W] [--name=PATTERN]
//
// Prints one JSON object: {"driver":"floor","flow":...,"flows":N,"calls":C,"cpu_us":...,"wall_s":...}
// counting only the N measured flows (the W warm-up flows before them open the connection). Like the PHP
// drivers, it sends a marker request (GET /ping?bench_mark=start|end) on a connection of its own just
// before and after the measured loop, so the server can tell which calls the loop made.

#include <curl/curl.h>
#include <simdjson.h>

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace {

using namespace simdjson;

struct Options {
    std::string base, token, ca, flow = "add", name = "shop.example.com";
    long n = 100, warmup = 3;
};

// What the extension keeps of a domain and of a certificate; read so the parser does the same work.
struct Domain {
    int64_t id = 0;
    std::string name, type, redirection, dns_integration, status, created_at;
    bool www = false, wildcard = false;
};
struct Ssl {
    int64_t id = 0;
    std::string method, authorization_method, valid_until, renewal_date, created_at;
    bool enable_http = false, enable_hsts = false, staging = false;
};

// Booleans may come back as true/false or 0/1.
bool read_bool(ondemand::value v) {
    ondemand::json_type t;
    if (v.type().get(t)) return false;
    if (t == ondemand::json_type::boolean) { bool b = false; return !v.get_bool().get(b) && b; }
    if (t == ondemand::json_type::number) { int64_t i = 0; return !v.get_int64().get(i) && i != 0; }
    return false;
}

std::string read_string(ondemand::value v) {
    std::string_view s;
    if (v.get_string().get(s)) return {};   // null or another type: treated as absent
    return std::string(s);
}

// Walks an object once, in whatever order the fields come, and ignores unknown ones.
Domain read_domain(ondemand::object obj) {
    Domain d;
    for (auto field : obj) {
        std::string_view key;
        if (field.unescaped_key().get(key)) throw std::runtime_error("bad key");
        ondemand::value v = field.value();
        if (key == "id") { if (v.get_int64().get(d.id)) throw std::runtime_error("bad id"); }
        else if (key == "name") d.name = read_string(v);
        else if (key == "type") d.type = read_string(v);
        else if (key == "www") d.www = read_bool(v);
        else if (key == "redirection") d.redirection = read_string(v);
        else if (key == "wildcard") d.wildcard = read_bool(v);
        else if (key == "dns_integration") d.dns_integration = read_string(v);
        else if (key == "status") d.status = read_string(v);
        else if (key == "created_at") d.created_at = read_string(v);
    }
    if (d.id <= 0) throw std::runtime_error("domain without id");
    return d;
}

Ssl read_ssl(ondemand::object obj) {
    Ssl s;
    for (auto field : obj) {
        std::string_view key;
        if (field.unescaped_key().get(key)) throw std::runtime_error("bad key");
        ondemand::value v = field.value();
        if (key == "id") { if (v.get_int64().get(s.id)) throw std::runtime_error("bad id"); }
        else if (key == "method") s.method = read_string(v);
        else if (key == "enable_http") s.enable_http = read_bool(v);
        else if (key == "enable_hsts") s.enable_hsts = read_bool(v);
        else if (key == "authorization_method") s.authorization_method = read_string(v);
        else if (key == "staging") s.staging = read_bool(v);
        else if (key == "valid_until") s.valid_until = read_string(v);
        else if (key == "renewal_date") s.renewal_date = read_string(v);
        else if (key == "created_at") s.created_at = read_string(v);
    }
    return s;
}

class Api {
public:
    explicit Api(const Options& o) : opt_(o), curl_(curl_easy_init()) {
        if (!curl_) throw std::runtime_error("curl_easy_init failed");
        std::string auth = "Authorization: Bearer " + o.token;
        headers_ = curl_slist_append(headers_, auth.c_str());
        headers_ = curl_slist_append(headers_, "Accept: application/json");
        json_headers_ = curl_slist_append(nullptr, auth.c_str());
        json_headers_ = curl_slist_append(json_headers_, "Accept: application/json");
        json_headers_ = curl_slist_append(json_headers_, "Content-Type: application/json");
        // Options that never change are set once; the handle keeps its connection between calls.
        curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, &Api::on_body);
        curl_easy_setopt(curl_, CURLOPT_WRITEDATA, this);
        curl_easy_setopt(curl_, CURLOPT_HEADERFUNCTION, &Api::on_header);
        curl_easy_setopt(curl_, CURLOPT_HEADERDATA, this);
        curl_easy_setopt(curl_, CURLOPT_TIMEOUT, 30L);
        curl_easy_setopt(curl_, CURLOPT_CONNECTTIMEOUT, 10L);
        curl_easy_setopt(curl_, CURLOPT_FOLLOWLOCATION, 0L);
        curl_easy_setopt(curl_, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(curl_, CURLOPT_USERAGENT, "runcloud-bench-floor");
        if (!o.ca.empty()) curl_easy_setopt(curl_, CURLOPT_CAINFO, o.ca.c_str());
    }
    ~Api() {
        curl_slist_free_all(headers_);
        curl_slist_free_all(json_headers_);
        curl_easy_cleanup(curl_);
    }

    long calls = 0;

    Domain add_domain(const std::string& name) {
        std::string body = R"({"name":")" + name + R"(","www":false,"redirection":"none","type":"alias"})";
        send("POST", app_ + "/domains", &body);
        return read_domain(doc_object());
    }

    // GET ssl, then PUT ssl/{id}: redeploys the web app's one certificate.
    bool redeploy_ssl() {
        long status = send("GET", app_ + "/ssl", nullptr, true);
        if (status == 404) return false;
        Ssl s = read_ssl(doc_object());
        send("PUT", app_ + "/ssl/" + std::to_string(s.id), nullptr);
        parse();   // "{}" or the object: parsed so a broken answer is noticed
        return true;
    }

    // Finds the id with the server-side filter, walking pages in case the server ignores it.
    bool remove_domain(const std::string& name) {
        std::optional<int64_t> id;
        for (long page = 1; page <= 1000 && !id; ++page) {
            std::string path = app_ + "/domains?perPage=40&page=" + std::to_string(page) + "&search=" + escape(name);
            send("GET", path, nullptr);
            ondemand::object root = doc_object();
            int64_t total_pages = 1;
            for (auto field : root) {
                std::string_view key;
                if (field.unescaped_key().get(key)) throw std::runtime_error("bad key");
                if (key == "data") {
                    for (auto item : field.value().get_array()) {
                        Domain d = read_domain(item.get_object());
                        if (!id && same_name(d.name, name)) id = d.id;
                    }
                } else if (key == "meta") {
                    ondemand::object pagination;
                    if (!field.value().find_field_unordered("pagination").get_object().get(pagination)) {
                        if (pagination.find_field_unordered("total_pages").get_int64().get(total_pages)) total_pages = 1;
                    }
                }
            }
            if (page >= total_pages) break;
        }
        if (!id) return false;
        send("DELETE", app_ + "/domains/" + std::to_string(*id), nullptr);
        read_domain(doc_object());
        return true;
    }

private:
    const Options& opt_;
    CURL* curl_;
    curl_slist* headers_ = nullptr;
    curl_slist* json_headers_ = nullptr;
    std::string app_ = "/servers/1/webapps/1";
    std::string url_, body_;
    long rate_limit_ = -1, rate_remaining_ = -1;
    ondemand::parser parser_;
    ondemand::document doc_;

    static size_t on_body(char* p, size_t size, size_t n, void* self) {
        static_cast<Api*>(self)->body_.append(p, size * n);
        return size * n;
    }
    // Reads the rate-limit headers, as a client that honours limits must.
    static size_t on_header(char* p, size_t size, size_t n, void* self) {
        auto* api = static_cast<Api*>(self);
        std::string_view line(p, size * n);
        auto value = [&](std::string_view name) -> long {
            if (line.size() <= name.size() || strncasecmp(line.data(), name.data(), name.size()) != 0) return -1;
            return std::strtol(std::string(line.substr(name.size())).c_str(), nullptr, 10);
        };
        if (long v = value("x-ratelimit-limit:"); v >= 0) api->rate_limit_ = v;
        if (long v = value("x-ratelimit-remaining:"); v >= 0) api->rate_remaining_ = v;
        return size * n;
    }

    static bool same_name(std::string_view a, std::string_view b) {
        return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
    }
    std::string escape(const std::string& s) {
        char* e = curl_easy_escape(curl_, s.data(), static_cast<int>(s.size()));
        std::string out(e);
        curl_free(e);
        return out;
    }

    long send(const char* method, const std::string& path, const std::string* body, bool allow_404 = false) {
        url_ = opt_.base + path;
        body_.clear();
        curl_easy_setopt(curl_, CURLOPT_URL, url_.c_str());
        curl_easy_setopt(curl_, CURLOPT_CUSTOMREQUEST, method);
        if (body) {
            curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, json_headers_);
            curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, body->c_str());
            curl_easy_setopt(curl_, CURLOPT_POSTFIELDSIZE, static_cast<long>(body->size()));
        } else {
            curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, headers_);
            curl_easy_setopt(curl_, CURLOPT_HTTPGET, 1L);   // clears a previous POST body
            curl_easy_setopt(curl_, CURLOPT_CUSTOMREQUEST, method);
        }
        CURLcode rc = curl_easy_perform(curl_);
        ++calls;
        if (rc != CURLE_OK) throw std::runtime_error(std::string("curl: ") + curl_easy_strerror(rc));
        long status = 0;
        curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &status);
        if (status == 404 && allow_404) return status;
        if (status != 200) throw std::runtime_error(std::string(method) + " " + path + ": HTTP " + std::to_string(status));
        return status;
    }

    void parse() {
        // Parses in place: the body buffer only needs simdjson's padding after it, not a copy.
        body_.reserve(body_.size() + SIMDJSON_PADDING);
        if (parser_.iterate(padded_string_view(body_.data(), body_.size(), body_.capacity())).get(doc_)) throw std::runtime_error("invalid JSON");
    }
    ondemand::object doc_object() {
        parse();
        ondemand::object obj;
        if (doc_.get_object().get(obj)) throw std::runtime_error("answer is not a JSON object");
        return obj;
    }
};

std::string expand(const std::string& pattern, long i) {
    auto at = pattern.find("%d");
    if (at == std::string::npos) return pattern;
    return pattern.substr(0, at) + std::to_string(i) + pattern.substr(at + 2);
}

// The marker: a handle of its own, so the measured handle's connection and state are untouched.
void mark(const Options& o, const char* which) {
    CURL* h = curl_easy_init();
    std::string url = o.base + "/ping?bench_mark=" + which, auth = "Authorization: Bearer " + o.token;
    curl_slist* headers = curl_slist_append(nullptr, auth.c_str());
    curl_easy_setopt(h, CURLOPT_URL, url.c_str());
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, +[](char*, size_t size, size_t n, void*) { return size * n; });
    curl_easy_setopt(h, CURLOPT_TIMEOUT, 10L);
    if (!o.ca.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, o.ca.c_str());
    CURLcode rc = curl_easy_perform(h);
    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(h);
    if (rc != CURLE_OK || status != 200) throw std::runtime_error("marker request failed");
}

double cpu_us() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e6 + ru.ru_utime.tv_usec + ru.ru_stime.tv_usec;
}

Options parse_args(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto eq = a.find('=');
        if (a.rfind("--", 0) != 0 || eq == std::string::npos) throw std::runtime_error("bad argument: " + a);
        std::string k = a.substr(2, eq - 2), v = a.substr(eq + 1);
        if (k == "base") o.base = v;
        else if (k == "token") o.token = v;
        else if (k == "ca") o.ca = v;
        else if (k == "flow") o.flow = v;
        else if (k == "name") o.name = v;
        else if (k == "n") o.n = std::stol(v);
        else if (k == "warmup") o.warmup = std::stol(v);
        else if (k == "round" || k == "proto") {}   // labels the harness passes to every driver
        else throw std::runtime_error("unknown option: " + k);
    }
    if (o.base.empty() || o.token.empty()) throw std::runtime_error("--base and --token are required");
    if (o.flow != "add" && o.flow != "remove") throw std::runtime_error("--flow must be add or remove");
    return o;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        Options o = parse_args(argc, argv);
        curl_global_init(CURL_GLOBAL_DEFAULT);
        Api api(o);
        auto one = [&](long i) {
            std::string name = expand(o.name, i);
            if (o.flow == "add") {
                api.add_domain(name);
                api.redeploy_ssl();
            } else if (!api.remove_domain(name)) {
                throw std::runtime_error("domain not found: " + name);
            }
        };
        for (long i = 0; i < o.warmup; ++i) one(i);
        mark(o, "start");
        long calls_before = api.calls;
        double c0 = cpu_us();
        auto t0 = std::chrono::steady_clock::now();
        for (long i = o.warmup; i < o.warmup + o.n; ++i) one(i);
        auto t1 = std::chrono::steady_clock::now();
        double c1 = cpu_us();
        mark(o, "end");
        std::printf("{\"driver\":\"floor\",\"flow\":\"%s\",\"flows\":%ld,\"warmup\":%ld,\"calls\":%ld,"
                    "\"cpu_us\":%.0f,\"wall_s\":%.6f}\n",
                    o.flow.c_str(), o.n, o.warmup, api.calls - calls_before, c1 - c0,
                    std::chrono::duration<double>(t1 - t0).count());
        curl_global_cleanup();
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "floor: %s\n", e.what());
        return 1;
    }
}
