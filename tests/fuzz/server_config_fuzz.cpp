// engage-admin's config file reader (DIR/engage-admin.conf), with the option
// set `serve` accepts (admin-server/cli/serve.cpp).
#include "cli/options.hpp"
#include "fuzz_target.hpp"

#include <string>
#include <string_view>

ENGAGE_FUZZ_TARGET(server_config) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const engage::cli::OptionSpec spec{{"data", "listen", "tls-cert", "tls-key", "read-timeout",
                                        "idle-timeout", "max-connections", "threads"},
                                       {"sample", "insecure"}};
    engage::cli::Options options;
    options.values.emplace("listen", "127.0.0.1:8080"); // as if given on the command line
    std::string error;
    (void)engage::cli::merge_config(text, spec, options, error);
    return 0;
}
