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
#include <vector>

namespace engage::results {

// One row of the store's answer_counts: answer "" is "answered the
// question"; otherwise an option id, "1".."5" or "yes"/"no".
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
};

// How hidden numbers are chosen. `per_table` applies engage/suppression.hpp
// to each table on its own: it exists only so a test can show that it is
// NOT enough (the attacker test wins against it). Never shown to anyone.
enum class Mechanism { linked, per_table };

// One number of one view, as published (for exports and the attacker test).
struct PublishedCell {
    std::string question;
    std::string answer; // "" for the question's total
    std::optional<int> version;
    std::optional<std::string> site;
    std::string period;
    Shown shown;
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
    // Every number of every view, as published.
    std::vector<PublishedCell> every_cell() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// "2026-Q4" for a month "2026-11"; "" when malformed.
std::string quarter_of(std::string_view month);
// The months of a quarter "2026-Q4": {"2026-10", "2026-11", "2026-12"}.
std::vector<std::string> months_of(std::string_view quarter);

} // namespace engage::results
