// bench-shaping: how long shaping one screen's worth of catalogue strings
// takes cold (every line shaped and wrapped) and cached (a redraw of the same
// screen), per the text pipeline's caches. Prints medians of kRounds rounds.
#include "kiosk/i18n/catalogue.hpp"
#include "kiosk/text/text_pipeline.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

using namespace engage::kiosk;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kRounds = 15;       // enough for a stable median, quick on a shared machine
constexpr float kFontPx = 32.0f;  // body size at the default text size
constexpr float kWidth = 1100.0f; // a 1280-wide window's content width

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

} // namespace

int main() {
    std::string error;
    const auto catalogue = Catalogue::load(std::string(ENGAGE_SOURCE_DIR) + "/i18n", error);
    if (!catalogue) {
        std::fprintf(stderr, "bench-shaping: %s\n", error.c_str());
        return 1;
    }
    std::printf("%-6s %8s %12s %12s %8s\n", "lang", "strings", "cold ms", "cached ms", "ratio");
    for (const auto& code : catalogue->languages()) {
        const bool rtl = catalogue->is_rtl(code);
        std::vector<std::string> strings;
        for (const auto& key : catalogue->keys(code))
            strings.push_back(catalogue->text(key, code));
        auto pass = [&](TextPipeline& text) {
            const auto start = Clock::now();
            for (const auto& s : strings) {
                for (const auto& line : text.wrap(s, kFontPx, kWidth, rtl, code))
                    (void)text.shape(line, rtl, code);
            }
            return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
        };
        std::vector<double> cold, cached;
        for (int r = 0; r < kRounds; ++r) {
            TextPipeline text("/usr/share/fonts/truetype/noto");
            cold.push_back(pass(text));
            cached.push_back(pass(text));
        }
        const double c = median(cold), w = median(cached);
        std::printf("%-6s %8zu %12.3f %12.3f %8.0f\n", code.c_str(), strings.size(), c, w,
                    w > 0 ? c / w : 0.0);
    }
    return 0;
}
