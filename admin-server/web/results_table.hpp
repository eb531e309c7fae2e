#pragma once
// What one results view shows (issue 10), decided once and rendered three
// ways from the same values: the HTML page (/results/{slug}), the CSV and
// JSON exports (/results/{slug}/export) and `engage-admin report`. Every
// number comes from engage::results::FormResults, which hides small numbers
// jointly over every view the Board can open and shows closed periods only;
// nothing here adds or subtracts counts, so no rendering can undo that
// (docs/privacy.md, "The Board's views"). Never raw rows: only the
// suppressed aggregates of one selection.
//
// Pure apart from reading the store; no Boost headers (status.cpp and the
// web pages include this).

#include "engage/form.hpp"
#include "engage/results.hpp"
#include "web/render.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace engage::store {
class Store;
}

namespace engage::web {

// The filters as a person (query string) or the command line gave them;
// "" means "all" for site and version and "the latest closed month" for
// the period.
struct ResultsFilters {
    std::string site;
    std::string period; // "YYYY-MM" or "YYYY-Qn"
    std::string version;
};

struct ResultsTable {
    enum class Status {
        ok,
        unknown_form, // no shown version, or a sign-up form (sealed: never counted)
        bad_filter,   // a site, period or version the form has no closed results for
        nothing_yet,  // no month with answers is over yet
    };
    Status status = Status::unknown_form;
    std::string slug;
    std::string form_title; // in English
    FormKind kind = FormKind::feedback;
    std::int64_t k = 5;
    std::optional<results::FormResults> results; // set unless unknown_form
    results::Selection selection;                // the period filled in
    std::vector<results::QuestionView> questions;
};

// Reads the form's versions and counts and decides the view. `now_unix`
// decides which periods are closed (the web app's clock, or the test clock).
ResultsTable results_table(store::Store& store, std::string_view slug,
                           const ResultsFilters& filters, std::int64_t now_unix, std::int64_t k);

// RFC 4180: CRLF line ends, a header row, every field in double quotes
// (quotes doubled). A hidden number is the catalogue's words ("fewer than
// 5, or hidden"), never a number. Only for Status::ok.
std::string results_csv(const Renderer& words, const ResultsTable& table);
// The same rows as JSON: a hidden number is null beside its words.
std::string results_json(const Renderer& words, const ResultsTable& table);
// The values the form_results template shows (filters, sentences, tables,
// charts, over time, and the "Download this table" links of the selection).
View results_page_view(const Renderer& words, const ResultsTable& table);
// One question as the page shows it (sentence, table, chart, over time),
// also used by the quarterly report. `index` makes its HTML ids unique.
View question_view(const Renderer& words, const ResultsTable& table, const results::QuestionView& q,
                   const results::Selection& sel, const std::string& id_prefix, std::size_t index,
                   bool over_time = true);

// "November 2026" for "2026-11"; "October to December 2026" for "2026-Q4".
std::string period_words(const Renderer& words, std::string_view period);
// A shown number, or the hidden wording with `k`.
std::string count_text(const Renderer& words, const results::Shown& s, std::int64_t k);
// Whole percent (half up), only where both numbers are shown.
std::optional<std::int64_t> percent(const results::Shown& n, const results::Shown& total);
// "in November 2026 at east" / "in November 2026 across all sites".
std::string when_words(const Renderer& words, const results::Selection& sel);
// The plain-language sentence that comes first for one question.
std::string result_sentence(const Renderer& words, const results::QuestionView& q,
                            const std::string& when, std::int64_t k);
// One RFC 4180 field: always quoted, inner quotes doubled.
std::string csv_field(std::string_view text);
// "day-centre-feedback-2026-11-east-v2.csv": only [A-Za-z0-9-], so a site
// name cannot break the Content-Disposition header.
std::string export_file_name(const ResultsTable& table, std::string_view extension);

} // namespace engage::web
