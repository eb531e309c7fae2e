// Prints every number of every results view of a dataset as the Board would
// see it, for the attacker test (tests/core/results_attacker_test.py), which
// must not share code with the results engine: it only reads this output.
//
// stdin: {"k": 5, "today": "2026-12-15",
//         "mechanism": "linked"|"per_table"|"per_question",
//         "forms": [form version JSON...],
//         "rows": [[version, site, month, question, answer, count], ...]}
// stdout: {"months": [...], "quarters": [...], "sites": [...],
//          "cells": [{"q","a","v","s","p","hidden","value"}, ...]}
// ("v" and "s" are null for all versions / all sites; "a" is "" for a total;
// "q" and "a" are both "" for answers received, rows' question "" too).
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
    const auto mechanism = name == "per_table"      ? results::Mechanism::per_table
                           : name == "per_question" ? results::Mechanism::per_question
                                                    : results::Mechanism::linked;
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
        cell["v"] = c.version ? json::value(*c.version) : json::value(nullptr);
        cell["s"] = c.site ? json::value(*c.site) : json::value(nullptr);
        cell["p"] = c.period;
        cell["hidden"] = c.shown.hidden;
        cell["value"] = c.shown.value;
        cells.push_back(std::move(cell));
    }
    out["cells"] = std::move(cells);
    std::cout << json::serialize(out) << "\n";
    return 0;
}
