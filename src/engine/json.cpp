#include "json.h"

#include <simdjson.h>

namespace runcloud {
namespace {

using namespace simdjson;
using ondemand::json_type;


ondemand::parser &parser() {
    thread_local ondemand::parser p;
    thread_local bool ready = false;
    if (!ready) {
        ready = p.allocate(size_t{64} * 1024, kMaxJsonDepth) == SUCCESS;  // grows with larger bodies, keeps the depth
    }
    return p;
}

std::string describe(error_code err) {
    if (err == DEPTH_ERROR) return "JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels";
    if (err == INCORRECT_TYPE) return "JSON of an unexpected shape (a field of the wrong type)";
    return std::string("invalid JSON (") + error_message(err) + ")";
}

bool start(Body body, ondemand::document &doc, std::string &why) {
    if (body.capacity < body.size + SIMDJSON_PADDING) { why = "internal: body without padding"; return false; }
    auto err = parser().iterate(padded_string_view(body.data, body.size, body.capacity)).get(doc);
    if (err) { why = describe(err); return false; }
    return true;
}

/* After the whole document was read: anything but white space after it is refused, not ignored. */
bool finish(ondemand::document &doc, std::string &why) {
    if (doc.current_location().error() == OUT_OF_BOUNDS) return true;  // past the last token
    why = "trailing bytes after the JSON document";
    return false;
}

/* Integers may come as numbers or numeric strings. */
error_code read_int(ondemand::value v, int64_t &out) {
    json_type t;
    if (auto e = v.type().get(t)) return e;
    if (t == json_type::number) return v.get_int64().get(out);
    if (t == json_type::string) return v.get_int64_in_string().get(out);
    return INCORRECT_TYPE;
}

error_code read_bool(ondemand::value v, bool &out) {
    json_type t;
    if (auto e = v.type().get(t)) return e;
    switch (t) {
        case json_type::boolean: return v.get_bool().get(out);
        case json_type::null: out = false; return v.is_null().error();
        case json_type::number: {
            int64_t n;
            if (auto e = v.get_int64().get(n)) return e;
            out = n != 0;
            return SUCCESS;
        }
        case json_type::string: {
            std::string_view s;
            if (auto e = v.get_string().get(s)) return e;
            if (s != "1" && s != "0" && s != "true" && s != "false") return INCORRECT_TYPE;  // "yes" is no answer
            out = s == "1" || s == "true";
            return SUCCESS;
        }
        default: return INCORRECT_TYPE;
    }
}

error_code read_string(ondemand::value v, std::string &out) {
    std::string_view s;
    if (auto e = v.get_string().get(s)) return e;
    out.assign(s);
    return SUCCESS;
}

/* null and absent are the same to the caller; numbers are kept as their JSON text. */
error_code read_opt_string(ondemand::value v, std::optional<std::string> &out) {
    json_type t;
    if (auto e = v.type().get(t)) return e;
    if (t == json_type::null) { out.reset(); return v.is_null().error(); }
    if (t == json_type::number) {
        std::string_view raw;
        raw = v.raw_json_token();
        while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\n' || raw.back() == '\r' || raw.back() == '\t')) raw.remove_suffix(1);
        out = std::string(raw);
        return SUCCESS;
    }
    std::string s;
    if (auto e = read_string(v, s)) return e;
    out = std::move(s);
    return SUCCESS;
}

/* A string or null for a field that must be a string: null keeps the default. */
error_code read_string_or_default(ondemand::value v, std::string &out) {
    std::optional<std::string> s;
    if (auto e = read_opt_string(v, s)) return e;
    if (s) out = std::move(*s);
    return SUCCESS;
}

/* Calls `each(key, value)` for every field of `obj`, in the order they come, stopping at the first error. */
template <class F>
error_code each_field(ondemand::object obj, F &&each) {
    for (auto field : obj) {
        std::string_view key;
        if (auto e = field.unescaped_key().get(key)) return e;
        ondemand::value v;
        if (auto e = field.value().get(v)) return e;
        if (auto e = each(key, v)) return e;
    }
    return SUCCESS;
}

error_code domain_fields(ondemand::object obj, DomainData &d, int depth);

error_code domain_field(std::string_view key, ondemand::value v, DomainData &d, int depth) {
    if (key == "id") return read_int(v, d.id);
    if (key == "name") return read_string(v, d.name);
    if (key == "type") return read_string_or_default(v, d.type);
    if (key == "www") return read_bool(v, d.www);
    if (key == "redirection") return read_string_or_default(v, d.redirection);
    if (key == "wildcard") return read_bool(v, d.wildcard);
    if (key == "dns_integration") return read_opt_string(v, d.dns_integration);
    if (key == "status") return read_opt_string(v, d.status);
    if (key == "created_at") return read_opt_string(v, d.created_at);
    if (key == "data" && depth == 0) {
        json_type t;
        if (auto e = v.type().get(t)) return e;
        if (t == json_type::object) {
            ondemand::object inner;
            if (auto e = v.get_object().get(inner)) return e;
            return domain_fields(inner, d, depth + 1);
        }
    }
    return SUCCESS;  // unknown fields are skipped
}

error_code domain_fields(ondemand::object obj, DomainData &d, int depth) {
    error_code e = each_field(obj, [&](std::string_view key, ondemand::value v) { return domain_field(key, v, d, depth); });
    // A "*." name is a wildcard whatever the answer's "wildcard" says (or whether it says anything): every
    // Domain is built from here, and syncDomains() never removes a wildcard.
    if (d.name.rfind("*.", 0) == 0) d.wildcard = true;
    return e;
}

bool check_domain(const DomainData &d, std::string &why) {
    if (d.id <= 0) { why = "a domain without a positive \"id\""; return false; }
    if (d.name.empty()) { why = "a domain without a \"name\""; return false; }
    return true;
}

error_code ssl_fields(ondemand::object obj, SslData &s, int depth) {
    return each_field(obj, [&](std::string_view key, ondemand::value v) {
        error_code e = SUCCESS;
        if (key == "id") e = read_int(v, s.id);
        else if (key == "method" || key == "provider") e = read_opt_string(v, s.method);
        else if (key == "enable_http" || key == "enableHttp") e = read_bool(v, s.enable_http);
        else if (key == "enable_hsts" || key == "enableHsts") e = read_bool(v, s.enable_hsts);
        else if (key == "authorization_method" || key == "authorizationMethod") e = read_opt_string(v, s.authorization_method);
        else if (key == "staging") e = read_bool(v, s.staging);
        else if (key == "environment") {  // the request's field, as a camelCase answer may echo it
            std::optional<std::string> env;
            if ((e = read_opt_string(v, env)) == SUCCESS) s.staging = env && *env == "staging";
        }
        else if (key == "valid_until") e = read_opt_string(v, s.valid_until);
        else if (key == "renewal_date") e = read_opt_string(v, s.renewal_date);
        else if (key == "created_at") e = read_opt_string(v, s.created_at);
        else if (key == "data" && depth == 0) {
            json_type t;
            if ((e = v.type().get(t)) == SUCCESS && t == json_type::object) {
                ondemand::object inner;
                if ((e = v.get_object().get(inner)) == SUCCESS) e = ssl_fields(inner, s, depth + 1);
            }
        }
        return e;
    });
}

error_code pagination_fields(ondemand::object obj, PageMeta &m) {
    return each_field(obj, [&](std::string_view key, ondemand::value v) {
        if (key == "current_page") return read_int(v, m.current_page);
        if (key == "total_pages") return read_int(v, m.total_pages);
        if (key == "total") return read_int(v, m.total);
        return SUCCESS;
    });
}

error_code meta_fields(ondemand::object obj, PageMeta &m) {
    return each_field(obj, [&](std::string_view key, ondemand::value v) {
        if (key != "pagination") return SUCCESS;
        ondemand::object p;
        if (auto e = v.get_object().get(p)) return e;
        return pagination_fields(p, m);
    });
}

error_code string_list(ondemand::value v, std::vector<std::string> &out) {
    json_type t;
    if (auto e = v.type().get(t)) return e;
    if (t == json_type::string) {
        std::string s;
        if (auto e = read_string(v, s)) return e;
        out.push_back(std::move(s));
        return SUCCESS;
    }
    if (t != json_type::array) return SUCCESS;
    ondemand::array arr;
    if (auto e = v.get_array().get(arr)) return e;
    for (auto item : arr) {
        ondemand::value iv;
        if (auto e = item.get(iv)) return e;
        std::string s;
        if (read_string(iv, s) == SUCCESS) out.push_back(std::move(s));
    }
    return SUCCESS;
}

}  // namespace

size_t json_padding() { return SIMDJSON_PADDING; }

bool decode_domain(Body body, DomainData &out, std::string &why) {
    ondemand::document doc;
    if (!start(body, doc, why)) return false;
    ondemand::object obj;
    if (auto e = doc.get_object().get(obj)) { why = e == INCORRECT_TYPE ? "not a JSON object" : describe(e); return false; }
    if (auto e = domain_fields(obj, out, 0)) { why = describe(e); return false; }
    return finish(doc, why) && check_domain(out, why);
}

bool decode_ssl(Body body, SslData &out, std::string &why) {
    ondemand::document doc;
    if (!start(body, doc, why)) return false;
    ondemand::object obj;
    if (auto e = doc.get_object().get(obj)) { why = e == INCORRECT_TYPE ? "not a JSON object" : describe(e); return false; }
    if (auto e = ssl_fields(obj, out, 0)) { why = describe(e); return false; }
    if (out.id < 0) { why = "a certificate with a negative \"id\""; return false; }
    return finish(doc, why);
}


/* A listing's "meta" member: its pagination figures when it is an object; anything else is ignored. */
static bool read_meta(ondemand::value v, PageMeta &meta, std::string &why) {
    json_type t;
    if (auto e = v.type().get(t)) { why = describe(e); return false; }
    if (t != json_type::object) return true;
    ondemand::object m;
    if (auto e = v.get_object().get(m)) { why = describe(e); return false; }
    if (auto e = meta_fields(m, meta)) { why = describe(e); return false; }
    return true;
}

bool decode_page(Body body, const std::function<void(DomainData &&)> &each, PageMeta &meta, std::string &why) {
    ondemand::document doc;
    if (!start(body, doc, why)) return false;
    ondemand::object obj;
    if (auto e = doc.get_object().get(obj)) { why = e == INCORRECT_TYPE ? "not a JSON object" : describe(e); return false; }
    bool saw_data = false;
    for (auto field : obj) {
        std::string_view key;
        if (auto e = field.unescaped_key().get(key)) { why = describe(e); return false; }
        if (key == "data") {
            ondemand::array arr;
            if (auto e = field.value().get_array().get(arr)) { why = e == INCORRECT_TYPE ? "\"data\" is not a list" : describe(e); return false; }
            saw_data = true;
            for (auto item : arr) {
                ondemand::object dobj;
                if (auto e = item.get_object().get(dobj)) { why = e == INCORRECT_TYPE ? "a list item is not an object" : describe(e); return false; }
                DomainData d;
                if (auto e = domain_fields(dobj, d, 1)) { why = describe(e); return false; }
                if (!check_domain(d, why)) return false;
                meta.count++;
                each(std::move(d));
            }
        } else if (key == "meta") {
            ondemand::value v;
            if (auto e = field.value().get(v)) { why = describe(e); return false; }
            if (!read_meta(v, meta, why)) return false;
        }
    }
    if (!saw_data) { why = "a list without \"data\""; return false; }
    return finish(doc, why);
}

bool decode_page_meta(Body body, PageMeta &meta, std::string &why) {
    ondemand::document doc;
    if (!start(body, doc, why)) return false;
    ondemand::object obj;
    if (auto e = doc.get_object().get(obj)) { why = e == INCORRECT_TYPE ? "not a JSON object" : describe(e); return false; }
    bool saw_data = false;
    for (auto field : obj) {
        std::string_view key;
        if (auto e = field.unescaped_key().get(key)) { why = describe(e); return false; }
        ondemand::value v;
        if (auto e = field.value().get(v)) { why = describe(e); return false; }
        if (key == "data") {
            ondemand::array arr;
            if (auto e = v.get_array().get(arr)) { why = e == INCORRECT_TYPE ? "\"data\" is not a list" : describe(e); return false; }
            saw_data = true;
            for (auto item : arr) {
                if (auto e = item.error()) { why = describe(e); return false; }
                meta.count++;  // the iterator skips the item's contents when it moves on
            }
        } else if (key == "meta") {
            if (!read_meta(v, meta, why)) return false;
        }
    }
    if (!saw_data) { why = "a list without \"data\""; return false; }
    return finish(doc, why);
}

bool decode_message(Body body, std::string &message, std::string &why) {
    ondemand::document doc;
    if (!start(body, doc, why)) return false;
    ondemand::object obj;
    if (auto e = doc.get_object().get(obj)) { why = e == INCORRECT_TYPE ? "not a JSON object" : describe(e); return false; }
    for (auto field : obj) {
        std::string_view key;
        if (auto e = field.unescaped_key().get(key)) { why = describe(e); return false; }
        if (key != "message") continue;
        ondemand::value v;
        if (auto e = field.value().get(v)) { why = describe(e); return false; }
        if (auto e = read_string(v, message)) { why = describe(e); return false; }
    }
    return finish(doc, why);
}

bool decode_error(Body body, ErrorBody &out) {
    std::string why;
    ondemand::document doc;
    if (!start(body, doc, why)) return false;
    ondemand::object obj;
    if (doc.get_object().get(obj)) return false;
    for (auto field : obj) {
        std::string_view key;
        if (field.unescaped_key().get(key)) return false;
        ondemand::value v;
        if (field.value().get(v)) return false;
        if (key == "message") {
            read_string(v, out.message);
        } else if (key == "errors") {
            ondemand::object errs;
            if (v.get_object().get(errs)) continue;
            for (auto ef : errs) {
                std::string_view name;
                ondemand::value ev;
                if (ef.unescaped_key().get(name) || ef.value().get(ev)) return false;
                std::vector<std::string> msgs;
                if (string_list(ev, msgs)) return false;
                out.errors.emplace_back(std::string(name), std::move(msgs));
            }
        }
    }
    return doc.current_location().error() == OUT_OF_BOUNDS;
}

std::string json_quote(const std::string &s) {
    static const char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(s.size() + 2);
    out.push_back('"');
    for (unsigned char c : s) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20) {
                    out += "\\u00";
                    out.push_back(hex[c >> 4]);
                    out.push_back(hex[c & 0xf]);
                } else {
                    out.push_back(static_cast<char>(c));
                }
        }
    }
    out.push_back('"');
    return out;
}

/* The SSL mode's fields, at the top or one level down in "data"; `seen` says advancedSSL was there. */
static error_code ssl_mode_fields(ondemand::object obj, bool &advanced, bool &auto_ssl, bool &seen, int depth) {
    return each_field(obj, [&](std::string_view key, ondemand::value v) {
        if (key == "advancedSSL" || key == "advanced_ssl") { seen = true; return read_bool(v, advanced); }
        if (key == "autoSSL" || key == "auto_ssl") return read_bool(v, auto_ssl);
        if (key != "data" || depth > 0) return SUCCESS;
        json_type t;
        if (auto e = v.type().get(t)) return e;
        if (t != json_type::object) return SUCCESS;
        ondemand::object inner;
        if (auto e = v.get_object().get(inner)) return e;
        return ssl_mode_fields(inner, advanced, auto_ssl, seen, depth + 1);
    });
}

bool decode_ssl_mode(Body body, bool &advanced, bool &auto_ssl, std::string &why) {
    ondemand::document doc;
    if (!start(body, doc, why)) return false;
    ondemand::object obj;
    if (auto e = doc.get_object().get(obj)) { why = e == INCORRECT_TYPE ? "not a JSON object" : describe(e); return false; }
    bool seen = false;
    advanced = auto_ssl = false;
    if (auto e = ssl_mode_fields(obj, advanced, auto_ssl, seen, 0)) { why = describe(e); return false; }
    if (!finish(doc, why)) return false;
    if (!seen) { why = "an SSL mode without \"advancedSSL\""; return false; }
    return true;
}

}  // namespace runcloud
