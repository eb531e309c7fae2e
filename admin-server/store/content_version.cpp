#include "store/content_version.hpp"

#include "engage/ids.hpp"

#include <exception>

namespace engage::store {

std::string next_content_version(std::string_view current) {
    const auto dash = current.rfind('-');
    if (current.empty() || dash == std::string_view::npos) {
        return random_uuid_v4().substr(0, 8) + "-1";
    }
    long n = 0;
    try {
        n = std::stol(std::string(current.substr(dash + 1)));
    } catch (const std::exception&) {
        n = 0;
    }
    return std::string(current.substr(0, dash)) + "-" + std::to_string(n + 1);
}

} // namespace engage::store
