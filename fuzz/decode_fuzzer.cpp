/* libFuzzer harness over everything that reads what a server or a caller sends: the JSON decoders that
 * turn RunCloud's answers into records and errors, and the domain name normaliser. The first byte picks
 * the target, the rest is the input. Built with ASan and UBSan: a crash, a leak or undefined behaviour fails. */
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "../src/json.h"
#include "../src/names.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size == 0) return 0;
    uint8_t target = data[0] % 6;
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
        default: {
            std::string out;
            if (runcloud::normalize_domain(input, out, why) && out.size() > 253) __builtin_trap();
            break;
        }
    }
    return 0;
}
