/* Credentials and how they are kept out of every text the client produces. Plain C++ (the fuzzer drives
 * it alone). */
#ifndef RUNCLOUD_REDACT_H
#define RUNCLOUD_REDACT_H

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace runcloud {

/* Percent-encodes every byte but RFC 3986's unreserved ones, with upper-case hex digits (or lower-case:
 * redaction looks for both forms of a credential). */
std::string url_encode(const std::string &s, bool lower_hex = false);

/* A string wiped from memory when it goes, for credentials. */
class Secret {
public:
    Secret() = default;
    explicit Secret(std::string s) : value_(std::move(s)) {}
    Secret(const Secret &) = delete;
    Secret &operator=(const Secret &) = delete;
    Secret &operator=(std::string s) { wipe(); value_ = std::move(s); return *this; }
    ~Secret() { wipe(); }
    const std::string &str() const { return value_; }
private:
    void wipe() {
        if (!value_.empty()) {
            volatile char *p = &value_[0];
            for (size_t i = 0; i < value_.size(); i++) p[i] = 0;
        }
        value_.clear();
    }
    std::string value_;
};

/* Below this length a credential is redacted only where a whole value equals it: a substring search for
 * a short secret would mangle every message (a one-letter secret is in every word). */
constexpr size_t kMinRedactLength = 8;

class Redactor {
public:
    /* Adds a credential with the forms a server may echo it in: as is, percent-encoded (upper- and
     * lower-case hex) and JSON-escaped. */
    void add(const std::string &secret);
    /* Replaces every occurrence of every form in `text` with "[redacted]". */
    void apply(std::string &text) const;
    bool empty() const { return forms_.empty(); }
private:
    std::vector<std::unique_ptr<Secret>> forms_;
};

}  // namespace runcloud

#endif
