/* Domain names as RunCloud stores them: lower-case ASCII (punycode), no trailing dot. */
#ifndef RUNCLOUD_NAMES_H
#define RUNCLOUD_NAMES_H

#include <string>
#include <string_view>

namespace runcloud {

/* Normalises `in` into `out` (lower case, one trailing dot dropped, IDN to punycode, "*." kept for
 * wildcards) and checks it against the hostname rules. On failure returns false and says why. */
bool normalize_domain(std::string_view in, std::string &out, std::string &why);

}  // namespace runcloud

#endif
