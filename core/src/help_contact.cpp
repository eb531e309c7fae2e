#include "engage/help_contact.hpp"

#include "engage/limits.hpp"

namespace engage {

std::optional<std::string> tel_uri(std::string_view phone) {
    std::string out = "tel:";
    std::size_t digits = 0;
    for (const char c : phone) {
        if (c >= '0' && c <= '9') {
            out += c;
            ++digits;
        } else if (c == '+' && out.size() == 4) {
            // Only before the first digit: "+44 ..." dials abroad, "0+1" is a typo.
            out += c;
        } else if (c != ' ' && c != '-' && c != '(' && c != ')') {
            return std::nullopt;
        }
    }
    if (digits < limits::min_phone_digits || digits > limits::max_phone_digits) {
        return std::nullopt;
    }
    return out;
}

bool is_web_address(std::string_view url) {
    if (url.size() > limits::max_url_bytes) {
        return false;
    }
    std::string_view rest;
    if (url.starts_with("https://")) {
        rest = url.substr(8);
    } else if (url.starts_with("http://")) {
        rest = url.substr(7);
    } else {
        return false;
    }
    // A host must follow the scheme: "https://" alone or "https:///x" opens nothing.
    if (rest.empty() || rest.front() == '/' || rest.front() == '?' || rest.front() == '#') {
        return false;
    }
    for (const char c : url) {
        const auto b = static_cast<unsigned char>(c);
        if (b <= 0x20 || b == 0x7f) {
            return false;
        }
    }
    return true;
}

std::vector<HelpFieldProblem> check_help_entry(const HelpEntry& h) {
    std::vector<HelpFieldProblem> out;
    // get() would fall back to another language; the web app edits English.
    if (!h.name.has(fallback_language) || h.name.get(fallback_language).empty()) {
        out.push_back({"name", HelpProblem::name_missing});
    }
    if (!h.phone.empty() && !tel_uri(h.phone)) {
        out.push_back({"phone", HelpProblem::phone_not_dialable});
    }
    if (!h.url.empty() && !is_web_address(h.url)) {
        out.push_back({"url", HelpProblem::url_not_web});
    }
    if (h.phone.empty() && h.url.empty()) {
        out.push_back({"phone", HelpProblem::no_way_to_reach});
    }
    return out;
}

} // namespace engage
