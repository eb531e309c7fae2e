#pragma once
// Results of one form for the Experts by Experience Board (issue 10): per
// question, how many people gave each answer, by site (or all sites), by
// calendar month or quarter, by form version (or all versions that ask the
// same question id), and over time. Built from the counts kept at ingest
// (store migration 6), never from single answers.
//
// Periods are shown only once closed: the current month and quarter never
// appear, so a view cannot change while a person may still be in it.
//
// Every number passes small-number suppression decided jointly over every
// view of the form (engage/linked_suppression.hpp; docs/privacy.md): no
// hidden count can be worked out by combining views. A multiple-choice
// question is counted per option (not per combination); its total is the
// number of people who answered it. A scale question shows the whole
// distribution 1..5. Free-text questions are not counted here: their words
// wait for moderation.
//
// Pure: no I/O. Immutable after construction; safe to share between threads.

#include "engage/date.hpp"
#include "engage/form.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace engage::results {

// One row of the store's answer_counts: answer "" is "answered the
// question"; otherwise an option id, "1".."5" or "yes"/"no". A row with
// question "" (and answer "") is one of item_counts: answers received, the
// people who sent the form at all.
struct CountRow {
    int version = 0;
    std::string site;
    std::string month; // "YYYY-MM"
    std::string question;
    std::string answer;
    std::int64_t count = 0;
};

// Which view: nullopt means all versions / all sites. `period` is a closed
// month "YYYY-MM" or a closed quarter "YYYY-Qn".
struct Selection {
    std::optional<int> version;
    std::optional<std::string> site;
    std::string period;
};

// A number as a view may show it: the value, or hidden (say "fewer than k,
// or hidden": one wording for every hidden number, so the wording itself
// tells nothing; docs/privacy.md).
struct Shown {
    std::int64_t value = 0; // 0 when hidden
    bool hidden = false;
    bool operator==(const Shown&) const = default;
};

struct AnswerCount {
    std::string id;    // option id, "1".."5", "yes", "no"
    std::string label; // in English
    Shown count;
};

struct QuestionView {
    std::string id;
    QuestionType type = QuestionType::choice;
    std::string text; // in English
    std::vector<AnswerCount> answers;
    Shown total; // people who answered the question in this view
    // People who sent the form but skipped the question (answers received
    // less `total`, in the versions that ask it). Anyone could subtract the
    // two where both are shown, so it is suppressed jointly like any other
    // count: where `total` and received() are both shown, this is shown and
    // is 0 or at least k.
    Shown skipped;
};

// How hidden numbers are chosen. `linked` decides jointly over every view of
// every question of the form and its answers received (the form's people:
// a block moves whole people, so one question's totals cannot be read off
// another's or off the answers received). `per_question` is the older
// engine, joint over each question's views only, and `per_table` applies
// engage/suppression.hpp to each table on its own: they exist only so a test
// can show that they are NOT enough (the attacker test wins against both).
// `equality_per_table` is the linked engine for the question views with
// each breakdown table suppressed on its own (engage/suppression.hpp per
// group row), for the same reason. Never shown to anyone.
enum class Mechanism { linked, per_table, per_question, equality_per_table };

// One number of one view, as published (for exports and the attacker test).
struct PublishedCell {
    std::string question; // "" for answers received (answer "" too)
    std::string answer;   // "" for the question's total
    bool skipped = false; // the question's skip count (answer "")
    std::optional<int> version;
    std::optional<std::string> site;
    std::string period;
    Shown shown;
};

// One row of the store's group_counts (migration 13): an answer_counts cell
// (question "" and answer "" for the people in the group) counted again
// under the group that a person's "About you" answer names
// (engage/about_you.hpp).
struct GroupCountRow {
    int version = 0;
    std::string site;
    std::string month; // "YYYY-MM"
    std::string group_question;
    std::string group_answer;
    std::string question;
    std::string answer;
    std::int64_t count = 0;
};

// One question's answers broken down by one "About you" question's groups.
struct GroupRow {
    std::string id;    // the group; "" for people who did not answer the "About you" question
    std::string label; // in English ("" for the row of people who did not say)
    std::vector<std::int64_t> counts; // per answer, in the question's order
    std::int64_t total = 0;           // people in the group who answered the question
    // The same numbers as published (for the attacker test): all shown in a
    // shown breakdown; under Mechanism::equality_per_table, hidden cell by
    // cell.
    std::vector<Shown> shown_counts;
    Shown shown_total;
};

struct Breakdown {
    std::string question;       // the counted question
    std::string group_question; // the "About you" question
    std::string group_text;     // its English text
    // False: some number in it (or in the views it adds up to) could point
    // at fewer than k people, so none of it is shown, and `rows` is empty.
    bool shown = false;
    std::vector<GroupRow> rows;
};

// One row of the store's language_counts: the language people used.
struct LanguageCountRow {
    std::string site;
    std::string month; // "YYYY-MM"
    std::string language;
    std::int64_t count = 0;
};

// Answers received by language, for one selection.
struct LanguageView {
    bool shown = false; // false: hidden as a whole to protect people
    std::vector<std::pair<std::string, std::int64_t>> counts; // language code, people
};

class FormResults {
public:
    // `versions`: every stored version of the form (any order). `rows`:
    // its answer_counts. `today` decides which periods are closed.
    FormResults(std::vector<FormVersion> versions, const std::vector<CountRow>& rows,
                const Date& today, std::int64_t k, Mechanism mechanism = Mechanism::linked);
    ~FormResults();
    FormResults(FormResults&&) noexcept;
    FormResults& operator=(FormResults&&) noexcept;

    std::int64_t k() const;
    const std::vector<std::string>& months() const;   // closed, oldest first
    const std::vector<std::string>& quarters() const; // closed, oldest first
    const std::vector<std::string>& sites() const;    // sorted
    const std::vector<int>& versions() const;         // ascending
    // True when the selection names a known version, site and closed period.
    bool valid(const Selection& s) const;
    // Every counted question asked in the selected version(s), in the
    // latest version's order. Empty when !valid(s).
    std::vector<QuestionView> view(const Selection& s) const;
    // Answers received (people who sent the form) in the selection, hidden
    // like any other number; hidden when the rows held no item_counts.
    Shown received(const Selection& s) const;
    // Every number of every view, as published.
    std::vector<PublishedCell> every_cell() const;
    // Every question's answers by each "About you" question's groups, for
    // one closed QUARTER, all versions (the only grain breakdowns have, so
    // breakdowns never overlap one another), all sites or one site. A
    // breakdown is shown only when every number in it is 0 or at least k,
    // its row of people who did not say included, and every number of the
    // two views it adds up to (the question's and the "About you"
    // question's, in the same selection) is shown; a site's only when that
    // holds at every site. It then tells nothing the views do not: its rows
    // add up to shown numbers, and any split of those is possible (see
    // docs/privacy.md). Empty when the selection is not a valid quarter of
    // all versions or the form has no "About you" question.
    std::vector<Breakdown> breakdowns(const std::vector<GroupCountRow>& groups,
                                      const Selection& s) const;
    // Answers received by language for one closed quarter, all versions,
    // all sites or one site, under the same rule as breakdowns: shown only
    // when every count is 0 or at least k and the answers received it adds
    // up to is shown (a site's only when that holds at every site).
    LanguageView languages(const std::vector<LanguageCountRow>& rows, const Selection& s) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// "2026-Q4" for a month "2026-11"; "" when malformed.
std::string quarter_of(std::string_view month);
// The months of a quarter "2026-Q4": {"2026-10", "2026-11", "2026-12"}.
std::vector<std::string> months_of(std::string_view quarter);

} // namespace engage::results
