#include "engage/strict_json.hpp"

#include "engage/limits.hpp"

#include <boost/json/stream_parser.hpp>

namespace engage {

namespace {

bool only_whitespace(std::string_view s) {
    return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

} // namespace

bool parse_json_strict(std::string_view text, boost::json::value& out, std::string& error) {
    boost::json::parse_options options;
    options.max_depth = limits::max_json_depth;
    options.allow_comments = false;
    options.allow_trailing_commas = false;
    options.allow_invalid_utf8 = false;

    boost::json::stream_parser parser({}, options);
    boost::system::error_code ec;
    // write_some stops at the end of the first value (or at the fault), so the
    // count it returns is the byte offset we report.
    const std::size_t used = parser.write_some(text.data(), text.size(), ec);
    if (ec) {
        if (ec == boost::json::error::too_deep) {
            error = "nested deeper than " + std::to_string(limits::max_json_depth) + " levels";
        } else {
            error = ec.message() + " at byte " + std::to_string(used);
        }
        return false;
    }
    if (used < text.size() && !only_whitespace(text.substr(used))) {
        error = "extra data after the JSON value at byte " + std::to_string(used);
        return false;
    }
    parser.finish(ec);
    if (ec) {
        error = ec.message() + " at byte " + std::to_string(text.size());
        return false;
    }
    out = parser.release();
    return true;
}

} // namespace engage
