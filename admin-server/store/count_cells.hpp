#pragma once
// The running counts one group commit adds to (migrations 3, 5, 6 and 13:
// item_counts, answer_counts, group_counts, language_counts), added up in
// memory as the group's new items are stored, then written once per cell in
// the same transaction. Both stores count with this one set of rules, so the
// Board's figures cannot differ between engines.
//
// Cells are kept per (form, version, site, month) first: a group's items
// nearly always share those, so each answer costs one small lookup instead
// of a comparison of six strings. Iteration is in key order (head, then
// question and answer), which is what keeps two PostgreSQL servers that
// upsert the same cells at once from deadlocking.
//
// Thread safety: none; one per writer transaction.

#include "engage/submission.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>

namespace engage::store {

class CountCells {
public:
    // Where an item is counted: its form version, site and month.
    struct Head {
        std::string form;
        std::int64_t version = 0;
        std::string site;
        std::string month;
        auto operator<=>(const Head&) const = default;
    };
    // A cell of answer_counts under a head: question and answer ("" for
    // "answered").
    using Answer = std::pair<std::string, std::string>;
    // A cell of group_counts under a head: the group's question and answer,
    // then the counted question and answer ("" and "" for the people in the
    // group).
    using Group = std::tuple<std::string, std::string, std::string, std::string>;
    struct Tally {
        std::int64_t items = 0;
        std::map<Answer, std::int64_t> answers;
        std::map<Group, std::int64_t> groups;
    };
    struct Language {
        std::string form;
        std::string site;
        std::string month;
        std::string language;
        auto operator<=>(const Language&) const = default;
    };

    // Counts one new anonymous item given at `site` in `month` ("YYYY-MM"):
    // the item, each answer and each chosen value, each of those again under
    // every "About you" group the person's answers name, and its language.
    // Free text counts as answered only: its words are not a result until
    // staff have read them.
    void add(const Submission& item, std::string_view site, std::string_view month);

    const std::map<Head, Tally>& heads() const { return heads_; }
    const std::map<Language, std::int64_t>& languages() const { return languages_; }
    bool empty() const { return heads_.empty() && languages_.empty(); }
    void clear();

private:
    std::map<Head, Tally> heads_;
    std::map<Language, std::int64_t> languages_;
};

} // namespace engage::store
