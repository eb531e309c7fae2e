// Prints every number of every results view of a dataset as the Board would
// see it, for the attacker test (tests/core/results_attacker_test.py), which
// must not share code with the results engine: it only reads this output.
//
// stdin: {"k": 5, "today": "2026-12-15",
//         "mechanism": "linked"|"per_table"|"per_question"|"equality_per_table",
//         "forms": [form version JSON...],
//         "rows": [[version, site, month, question, answer, count], ...],
//         "groups": [[version, site, month, group_question, group, question,
//                     answer, count], ...],           (optional: group_counts)
//         "languages": [[site, month, language, count], ...]} (optional)
// stdout: {"months": [...], "quarters": [...], "sites": [...],
//          "cells": [{"q","a","skip","v","s","p","hidden","value"}, ...],
//          "breakdowns": [{"q","g","s","p","shown","answers",
//                          "rows": [{"grp","cells": [[hidden, value]...],
//                                    "total": [hidden, value]}]}, ...],
//          "languages": [{"p","s","shown","counts": {code: n}}, ...]}
// ("v" and "s" are null for all versions / all sites; "a" is "" for a total
// and for a skip count ("skip" true); "q" and "a" are both "" for answers
// received, rows' question "" too). Breakdowns and languages: every closed
// quarter; breakdowns for all sites and each site (the /about-you page's
// filters), languages for all sites (what /results/hearing-from shows). A
// breakdown or language table not shown has no rows: the page shows none.
#include "engage/form.hpp"
#include "engage/results.hpp"

#include <boost/json.hpp>
#include <iostream>
#include <iterator>
#include <string>

namespace json = boost::json;
using namespace engage;

int main() {
    const std::string input{std::istreambuf_iterator<char>(std::cin),
                            std::istreambuf_iterator<char>()};
    const json::value in = json::parse(input);
    const auto& o = in.as_object();
    std::vector<FormVersion> forms;
    for (const auto& f : o.at("forms").as_array()) {
        FormVersion fv;
        std::string error;
        if (!parse_form_version(f, fv, error)) {
            std::cerr << "bad form: " << error << "\n";
            return 2;
        }
        forms.push_back(std::move(fv));
    }
    std::vector<results::CountRow> rows;
    for (const auto& r : o.at("rows").as_array()) {
        const auto& a = r.as_array();
        rows.push_back({static_cast<int>(a.at(0).as_int64()), json::value_to<std::string>(a.at(1)),
                        json::value_to<std::string>(a.at(2)), json::value_to<std::string>(a.at(3)),
                        json::value_to<std::string>(a.at(4)), a.at(5).as_int64()});
    }
    const auto today = parse_date(json::value_to<std::string>(o.at("today")));
    if (!today) {
        std::cerr << "bad date\n";
        return 2;
    }
    const auto& name = o.at("mechanism").as_string();
    const auto mechanism = name == "per_table"            ? results::Mechanism::per_table
                           : name == "per_question"       ? results::Mechanism::per_question
                           : name == "equality_per_table" ? results::Mechanism::equality_per_table
                                                          : results::Mechanism::linked;
    std::vector<results::GroupCountRow> groups;
    if (const auto* g = o.if_contains("groups")) {
        for (const auto& r : g->as_array()) {
            const auto& a = r.as_array();
            groups.push_back(
                {static_cast<int>(a.at(0).as_int64()), json::value_to<std::string>(a.at(1)),
                 json::value_to<std::string>(a.at(2)), json::value_to<std::string>(a.at(3)),
                 json::value_to<std::string>(a.at(4)), json::value_to<std::string>(a.at(5)),
                 json::value_to<std::string>(a.at(6)), a.at(7).as_int64()});
        }
    }
    std::vector<results::LanguageCountRow> languages;
    if (const auto* l = o.if_contains("languages")) {
        for (const auto& r : l->as_array()) {
            const auto& a = r.as_array();
            languages.push_back({json::value_to<std::string>(a.at(0)),
                                 json::value_to<std::string>(a.at(1)),
                                 json::value_to<std::string>(a.at(2)), a.at(3).as_int64()});
        }
    }
    const results::FormResults r(forms, rows, *today, o.at("k").as_int64(), mechanism);
    json::object out;
    out["months"] = json::value_from(r.months());
    out["quarters"] = json::value_from(r.quarters());
    out["sites"] = json::value_from(r.sites());
    json::array cells;
    for (const auto& c : r.every_cell()) {
        json::object cell;
        cell["q"] = c.question;
        cell["a"] = c.answer;
        cell["skip"] = c.skipped;
        cell["v"] = c.version ? json::value(*c.version) : json::value(nullptr);
        cell["s"] = c.site ? json::value(*c.site) : json::value(nullptr);
        cell["p"] = c.period;
        cell["hidden"] = c.shown.hidden;
        cell["value"] = c.shown.value;
        cells.push_back(std::move(cell));
    }
    out["cells"] = std::move(cells);
    auto shown = [](const results::Shown& s) { return json::array{s.hidden, s.value}; };
    json::array breakdowns;
    json::array language_views;
    for (const auto& quarter : r.quarters()) {
        std::vector<std::optional<std::string>> scopes{std::nullopt};
        scopes.insert(scopes.end(), r.sites().begin(), r.sites().end());
        for (const auto& scope : scopes) {
            const results::Selection sel{std::nullopt, scope, quarter};
            const auto views = r.view(sel);
            for (const auto& b : r.breakdowns(groups, sel)) {
                json::object bo;
                bo["q"] = b.question;
                json::array answers; // the order of each row's cells
                for (const auto& q : views) {
                    if (q.id == b.question) {
                        for (const auto& a : q.answers) {
                            answers.push_back(json::value(a.id));
                        }
                    }
                }
                bo["answers"] = std::move(answers);
                bo["g"] = b.group_question;
                bo["s"] = scope ? json::value(*scope) : json::value(nullptr);
                bo["p"] = quarter;
                bo["shown"] = b.shown;
                json::array rows_out;
                for (const auto& row : b.rows) {
                    json::object ro;
                    ro["grp"] = row.id;
                    json::array cs;
                    for (const auto& c : row.shown_counts) {
                        cs.push_back(shown(c));
                    }
                    ro["cells"] = std::move(cs);
                    ro["total"] = shown(row.shown_total);
                    rows_out.push_back(std::move(ro));
                }
                bo["rows"] = std::move(rows_out);
                breakdowns.push_back(std::move(bo));
            }
        }
        const auto lv = r.languages(languages, {std::nullopt, std::nullopt, quarter});
        json::object lo;
        lo["p"] = quarter;
        lo["s"] = nullptr;
        lo["shown"] = lv.shown;
        json::object counts;
        for (const auto& [code, n] : lv.counts) {
            counts[code] = n;
        }
        lo["counts"] = std::move(counts);
        language_views.push_back(std::move(lo));
    }
    out["breakdowns"] = std::move(breakdowns);
    out["languages"] = std::move(language_views);
    std::cout << json::serialize(out) << "\n";
    return 0;
}
