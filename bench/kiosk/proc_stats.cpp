#include "proc_stats.hpp"

#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>

namespace engage::bench {

std::optional<double> cpu_seconds(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string text;
    if (!std::getline(in, text))
        return std::nullopt;
    // The command name (field 2) may hold spaces; fields resume after its ')'.
    const auto close = text.rfind(')');
    if (close == std::string::npos)
        return std::nullopt;
    std::istringstream fields(text.substr(close + 2));
    std::string field;
    // After ')' comes field 3 (state); utime and stime are fields 14 and 15.
    for (int i = 3; i < 14; ++i)
        fields >> field;
    unsigned long long utime = 0, stime = 0;
    if (!(fields >> utime >> stime))
        return std::nullopt;
    return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

std::optional<double> pss_mib(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/smaps_rollup");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("Pss:", 0) == 0) {
            std::istringstream value(line.substr(4));
            double kib = 0;
            if (value >> kib)
                return kib / 1024.0;
        }
    }
    return std::nullopt;
}

} // namespace engage::bench
