#include "store/count_cells.hpp"

#include "engage/about_you.hpp"

#include <type_traits>
#include <variant>
#include <vector>

namespace engage::store {

void CountCells::add(const Submission& item, std::string_view site, std::string_view month) {
    ++languages_[Language{item.form, std::string(site), std::string(month), item.language}];
    auto& tally = heads_[Head{item.form, item.version, std::string(site), std::string(month)}];
    ++tally.items;
    // The groups this person's "About you" answers name (migration 13):
    // every cell below is counted again under each of them.
    std::vector<std::pair<std::string_view, std::string>> groups;
    for (const auto& [question, answer] : item.answers) {
        const auto* choice = std::get_if<Choice>(&answer);
        if (choice != nullptr && about_you::is_about_you(question)) {
            groups.emplace_back(question, about_you::group_of(question, *choice));
        }
    }
    for (const auto& [gq, ga] : groups) { // the people in each group
        ++tally.groups[Group{std::string(gq), ga, std::string(), std::string()}];
    }
    const auto count = [&](const std::string& question, std::string_view answer) {
        ++tally.answers[Answer{question, std::string(answer)}];
        // An "About you" answer is not counted under a group: the groups
        // are made of those answers.
        if (about_you::is_about_you(question)) {
            return;
        }
        for (const auto& [gq, ga] : groups) {
            ++tally.groups[Group{std::string(gq), ga, question, std::string(answer)}];
        }
    };
    for (const auto& [question, answer] : item.answers) {
        count(question, ""); // answered
        std::visit(
            [&](const auto& value) {
                using T = std::decay_t<decltype(value)>;
                if constexpr (std::is_same_v<T, Choice>) {
                    count(question, value);
                } else if constexpr (std::is_same_v<T, MultiChoice>) {
                    for (const auto& option : value) {
                        count(question, option);
                    }
                } else if constexpr (std::is_same_v<T, ScaleValue>) {
                    count(question, std::to_string(value));
                } else if constexpr (std::is_same_v<T, bool>) {
                    count(question, value ? "yes" : "no");
                } else {
                    static_assert(std::is_same_v<T, FreeText>, "every answer type decided");
                }
            },
            answer);
    }
}

void CountCells::clear() {
    heads_.clear();
    languages_.clear();
}

} // namespace engage::store
