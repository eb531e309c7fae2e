// The redaction scanners (phone numbers, e-mail addresses, long digit runs)
// that run over every free-text answer before a person reads it.
#include "engage/redaction.hpp"
#include "fuzz_target.hpp"

#include <cstdlib>
#include <string_view>

ENGAGE_FUZZ_TARGET(redaction) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto once = engage::redact(text);
    // Nothing removed means nothing changed.
    if (once.removed == 0 && once.text != text) {
        std::abort();
    }
    return 0;
}
