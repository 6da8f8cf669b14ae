/* libFuzzer harness over everything that reads what a server or a caller sends: the JSON decoders that
 * turn RunCloud's answers into records and errors, the domain name normaliser, the answer headers the
 * client acts on (Retry-After, X-RateLimit-*) and the redaction of credentials. The first byte picks the
 * target, the rest is the input. Built with ASan and UBSan: a crash, a leak or undefined behaviour fails. */
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "../src/engine/transport/http.h"
#include "../src/engine/json.h"
#include "../src/engine/names.h"
#include "../src/engine/redact.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size == 0) return 0;
    uint8_t target = data[0] % 9;
    std::string input(reinterpret_cast<const char *>(data + 1), size - 1);
    // The decoders need simdjson's padding after the bytes, as the transport provides it.
    input.reserve(input.size() + runcloud::json_padding());
    runcloud::Body body{input.data(), input.size(), input.capacity()};
    std::string why;
    switch (target) {
        case 0: { runcloud::DomainData d; runcloud::decode_domain(body, d, why); break; }
        case 1: { runcloud::SslData s; runcloud::decode_ssl(body, s, why); break; }
        case 2: {
            runcloud::PageMeta meta;
            std::vector<runcloud::DomainData> all;
            runcloud::decode_page(body, [&](runcloud::DomainData &&d) { all.push_back(std::move(d)); }, meta, why);
            break;
        }
        case 3: { runcloud::ErrorBody e; runcloud::decode_error(body, e); break; }
        case 4: { std::string m; runcloud::decode_message(body, m, why); break; }
        case 6: {  // Retry-After: delta-seconds or an HTTP date, always within [-1, a day]
            long v = runcloud::parse_retry_after(input.data(), input.size());
            if (v < -1 || v > 86400) __builtin_trap();
            break;
        }
        case 7: {  // X-RateLimit-Limit / -Remaining
            long v = runcloud::parse_header_long(input.data(), input.size());
            if (v < -1 || v > 0x7fffffffL) __builtin_trap();
            break;
        }
        case 8: {  // redaction: "secret\ntext"; a secret of 8+ characters never survives in the text
            size_t nl = input.find('\n');
            if (nl == std::string::npos) break;
            std::string secret = input.substr(0, nl), text = input.substr(nl + 1);
            runcloud::Redactor r;
            r.add(secret);
            r.apply(text);
            // A secret built only of characters outside "[redacted]" can never be completed by a mark.
            bool plain = secret.find_first_of("[]redact") == std::string::npos;
            if (plain && secret.size() >= runcloud::kMinRedactLength && text.find(secret) != std::string::npos) __builtin_trap();
            break;
        }
        default: {
            std::string out;
            if (runcloud::normalize_domain(input, out, why) && out.size() > 253) __builtin_trap();
            break;
        }
    }
    return 0;
}
