#include "redact.h"

namespace runcloud {
std::string url_encode(const std::string &s, bool lower_hex) {
    const char *hex = lower_hex ? "0123456789abcdef" : "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
        if (plain) {
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back('%');
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 15]);
        }
    }
    return out;
}

namespace {

const char kMark[] = "[redacted]";

std::string json_escaped(const std::string &s) {
    std::string out;
    for (char c : s) {
        if (c == '"' || c == '\\' || c == '/') out.push_back('\\');
        out.push_back(c);
    }
    return out;
}

}  // namespace

void Redactor::add(const std::string &secret) {
    if (secret.empty()) return;
    std::string forms[] = {secret, url_encode(secret), url_encode(secret, true),
                           json_escaped(secret)};
    for (auto &form : forms) {
        bool known = false;
        for (const auto &f : forms_) known = known || f->str() == form;
        if (!known) forms_.push_back(std::make_unique<Secret>(form));
        volatile char *p = form.empty() ? nullptr : &form[0];
        for (size_t i = 0; p && i < form.size(); i++) p[i] = 0;
    }
    // Longest first: a form that contains another is replaced whole.
    for (size_t i = 1; i < forms_.size(); i++) {
        for (size_t j = i; j > 0 && forms_[j]->str().size() > forms_[j - 1]->str().size(); j--) std::swap(forms_[j], forms_[j - 1]);
    }
}

void Redactor::apply(std::string &text) const {
    const std::string mark = kMark;
    for (const auto &form : forms_) {
        const std::string &s = form->str();
        if (s.size() < kMinRedactLength) {
            if (text == s) text = mark;
            continue;
        }
        // Passes until none is left: a replacement next to text that completes the secret again counts too.
        for (int pass = 0; pass < 8; pass++) {
            bool changed = false;
            for (size_t at = text.find(s); at != std::string::npos; at = text.find(s, at + mark.size())) {
                text.replace(at, s.size(), mark);
                changed = true;
            }
            if (!changed) break;
        }
    }
}

}  // namespace runcloud
