#include "names.h"

#include <idn2.h>
#include <cstdint>

namespace runcloud {
namespace {

constexpr size_t kMaxName = 253;
constexpr size_t kMaxLabel = 63;

bool is_ascii_alnum(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/* Well-formed UTF-8 (no overlong forms, no surrogates, at most U+10FFFF); idn2 assumes it. */
bool valid_utf8(std::string_view s) {
    size_t i = 0;
    while (i < s.size()) {
        unsigned char c = s[i];
        size_t extra;
        uint32_t cp;
        if (c < 0x80) { i++; continue; }
        if (c >= 0xc2 && c <= 0xdf) { extra = 1; cp = c & 0x1f; }
        else if (c >= 0xe0 && c <= 0xef) { extra = 2; cp = c & 0x0f; }
        else if (c >= 0xf0 && c <= 0xf4) { extra = 3; cp = c & 0x07; }
        else return false;
        if (i + extra >= s.size()) return false;
        for (size_t k = 1; k <= extra; k++) {
            unsigned char cc = s[i + k];
            if ((cc & 0xc0) != 0x80) return false;
            cp = (cp << 6) | (cc & 0x3f);
        }
        if ((extra == 2 && cp < 0x800) || (extra == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
            (cp >= 0xd800 && cp <= 0xdfff)) {
            return false;
        }
        i += extra + 1;
    }
    return true;
}

/* Rejects what can never be part of a host name before IDN sees it, with a precise reason. */
bool check_characters(std::string_view s, bool &non_ascii, std::string &why) {
    non_ascii = false;
    for (unsigned char c : s) {
        if (c < 0x20 || c == 0x7f) { why = "contains a control character"; return false; }
        if (c == ' ') { why = "contains a space"; return false; }
        if (c >= 0x80) { non_ascii = true; continue; }
        bool ok = is_ascii_alnum(static_cast<unsigned char>(c | 0x20)) || c == '.' || c == '-' || c == '*';
        if (!ok) {
            why = std::string("contains the character '") + static_cast<char>(c) + "'";
            return false;
        }
    }
    return true;
}

bool check_labels(std::string_view host, std::string &why) {
    if (host.size() > kMaxName) { why = "is longer than 253 characters"; return false; }
    size_t start = 0;
    while (true) {
        size_t dot = host.find('.', start);
        std::string_view label = host.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
        if (label.empty()) { why = "has an empty label"; return false; }
        if (label.size() > kMaxLabel) { why = "has a label longer than 63 characters"; return false; }
        if (label.front() == '-' || label.back() == '-') { why = "has a label that starts or ends with a hyphen"; return false; }
        for (unsigned char c : label) {
            if (!is_ascii_alnum(c) && c != '-') {
                why = c == '*' ? "has '*' outside a leading \"*.\""
                               : std::string("contains the character '") + static_cast<char>(c) + "'";
                return false;
            }
        }
        if (dot == std::string_view::npos) return true;
        start = dot + 1;
    }
}

}  // namespace

bool normalize_domain(std::string_view in, std::string &out, std::string &why) {
    if (in.empty()) { why = "is empty"; return false; }
    bool non_ascii;
    if (!check_characters(in, non_ascii, why)) return false;
    if (in.back() == '.') in.remove_suffix(1);
    bool wildcard = in.size() > 2 && in[0] == '*' && in[1] == '.';
    if (wildcard) in.remove_prefix(2);
    if (in.empty()) { why = "has an empty label"; return false; }

    std::string host;
    if (non_ascii) {
        if (!valid_utf8(in)) { why = "is not valid UTF-8"; return false; }
        std::string z(in);
        char *ascii = nullptr;
        int rc = idn2_to_ascii_8z(z.c_str(), &ascii, IDN2_NONTRANSITIONAL | IDN2_NFC_INPUT);
        if (rc != IDN2_OK) {
            why = std::string("is not a valid internationalised name (") + idn2_strerror(rc) + ")";
            return false;
        }
        host = ascii;
        idn2_free(ascii);
    } else {
        host.assign(in);
    }
    for (char &c : host) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    if (!check_labels(host, why)) return false;
    out = wildcard ? "*." + host : host;
    if (out.size() > kMaxName) { why = "is longer than 253 characters"; return false; }
    return true;
}

}  // namespace runcloud
