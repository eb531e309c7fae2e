// The kiosk's --script parser (kiosk/script/README.md): the scripts are ours,
// but a parser that crashes on a typo costs a CI run.
#include "fuzz_target.hpp"
#include "kiosk/script/script.hpp"

#include <cstdlib>
#include <string_view>

ENGAGE_FUZZ_TARGET(kiosk_script) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto script = engage::kiosk::parse_script(text);
    // An error names a line; a parsed script has none.
    if (script.error.empty() != (script.error_line == 0)) {
        std::abort();
    }
    return 0;
}
