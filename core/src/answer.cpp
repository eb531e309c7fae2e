#include "engage/answer.hpp"

#include <boost/json/value.hpp>

namespace engage {

namespace {

struct AnswerToJson {
    boost::json::value& jv;
    void operator()(const Choice& c) const { jv = boost::json::string(c); }
    void operator()(const MultiChoice& m) const {
        boost::json::array arr;
        for (const auto& id : m) {
            arr.emplace_back(boost::json::string(id));
        }
        jv = std::move(arr);
    }
    void operator()(ScaleValue v) const { jv = v; }
    void operator()(bool b) const { jv = b; }
    void operator()(const FreeText& t) const { jv = boost::json::string(t.text); }
};

} // namespace

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Answer& a) {
    std::visit(AnswerToJson{jv}, a);
}

boost::json::value answers_to_json(const Answers& answers) {
    // std::map iterates in key order and boost::json::object keeps insertion
    // order, so the text is canonical.
    boost::json::object obj;
    for (const auto& [question, answer] : answers) {
        boost::json::value v;
        std::visit(AnswerToJson{v}, answer);
        obj[question] = std::move(v);
    }
    return obj;
}

} // namespace engage
