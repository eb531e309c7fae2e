#pragma once
// Answers as they travel in a submission (DESIGN §5):
//   choice -> "option-id", multi -> ["a", "b"], scale -> 1..5,
//   yesno -> true/false, text -> "free text".

#include <boost/json/fwd.hpp>
#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

namespace engage {

using Choice = std::string;
using MultiChoice = std::vector<std::string>;
using ScaleValue = std::int64_t;
struct FreeText {
    std::string text;
    bool operator==(const FreeText&) const = default;
};

// A choice and a free text are both JSON strings; which one an answer is
// depends on the question, so decoding needs the form (see validation.hpp).
using Answer = std::variant<Choice, MultiChoice, ScaleValue, bool, FreeText>;

// question id -> answer; a skipped question is simply absent.
using Answers = std::map<std::string, Answer, std::less<>>;

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Answer& a);
boost::json::value answers_to_json(const Answers& answers);

} // namespace engage
