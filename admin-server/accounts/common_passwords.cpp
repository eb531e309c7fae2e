#include "accounts/password.hpp"

#include <algorithm>
#include <vector>

namespace engage::accounts {

// A file of assets/, embedded by engage_embed in admin-server/CMakeLists.txt.
std::string_view embedded_asset(std::string_view name);

namespace {

std::vector<std::string_view> load_list() {
    std::vector<std::string_view> words;
    std::string_view text = embedded_asset("common-passwords.txt");
    while (!text.empty()) {
        const auto nl = text.find('\n');
        const std::string_view line = text.substr(0, nl);
        if (!line.empty()) {
            words.push_back(line);
        }
        if (nl == std::string_view::npos) {
            break;
        }
        text.remove_prefix(nl + 1);
    }
    std::sort(words.begin(), words.end());
    return words;
}

} // namespace

bool is_common_password(std::string_view lowercase) {
    static const std::vector<std::string_view> words = load_list();
    return std::binary_search(words.begin(), words.end(), lowercase);
}

} // namespace engage::accounts
