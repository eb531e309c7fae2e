#include "engage/api_error.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace engage {

std::string to_json_text(const ApiError& e) {
    boost::json::object inner;
    inner["code"] = e.code;
    inner["message"] = e.message;
    boost::json::object body;
    body["error"] = std::move(inner);
    return boost::json::serialize(body);
}

} // namespace engage
