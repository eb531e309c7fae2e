#include "engage/api_error.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <boost/json/value_from.hpp>

namespace engage {

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const ApiError& e) {
    jv = boost::json::object{
        {"error", boost::json::object{{"code", e.code}, {"message", e.message}}}};
}

std::string to_json_text(const ApiError& e) {
    return boost::json::serialize(boost::json::value_from(e));
}

} // namespace engage
