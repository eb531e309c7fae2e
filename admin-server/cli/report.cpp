// engage-admin report --data DIR --form SLUG [--site NAME]
//                     [--period YYYY-MM|YYYY-Qn] [--version N]
//                     --format csv|json|html [--suppression-k K] [--test-mode]
//
// Prints exactly what the Board's results page or its export shows for the
// same filters (issue 10): the same code (web/results_table.*) decides and
// renders the view, so every number passes the same joint small-number
// suppression and only closed periods appear (DESIGN §6 rule 3: "the
// operator's command line is no exception"). Never raw rows.
//
// Opens the database read-only, so it runs beside `serve`. The clock is the
// system's; only with --test-mode does it read DIR/test-clock, the file
// `serve --test-mode` gives the web app, so a test can compare the two.
#include "cli/commands.hpp"
#include "cli/data_dir.hpp"
#include "engage/limits.hpp"
#include "store/sqlite_store.hpp"
#include "web/render.hpp"
#include "web/results_table.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>

namespace engage::cli {
namespace {

int usage_error(const std::string& message) {
    std::fprintf(stderr, "engage-admin report: %s\n", message.c_str());
    return exit_usage;
}

bool valid_period(std::string_view p) {
    if (p.size() == 7 && p[4] == '-' && !results::quarter_of(p).empty()) {
        return true;
    }
    return results::months_of(p).size() == 3;
}

} // namespace

int report(const Args& args) {
    std::string error;
    const auto options = parse_options(
        args,
        {{"data", "store", "form", "site", "period", "version", "format", "suppression-k"},
         {"test-mode"}},
        error);
    if (!options) {
        return usage_error(error);
    }
    const auto where = data_location(*options, "report");
    if (!where) {
        return options->has("data") ? exit_failure : exit_usage;
    }
    const auto* dir = &where->dir;
    const auto form = options->get("form");
    if (!form || form->empty()) {
        return usage_error("--form SLUG is required");
    }
    const std::string format = options->get("format").value_or("");
    if (format != "csv" && format != "json" && format != "html") {
        return usage_error("--format takes csv, json or html" +
                           (format.empty() ? std::string() : ", not '" + format + "'"));
    }
    const std::string period = options->get("period").value_or("");
    if (!period.empty() && !valid_period(period)) {
        return usage_error("--period takes a month YYYY-MM or a quarter YYYY-Qn, not '" + period +
                           "'");
    }
    const std::string version = options->get("version").value_or("");
    if (!version.empty() && !parse_integer(version, 1, 1'000'000)) {
        return usage_error("--version takes a form version number, not '" + version + "'");
    }
    const auto k = parse_integer(
        options->get("suppression-k").value_or(std::to_string(limits::min_suppression_k)),
        limits::min_suppression_k, 1000);
    if (!k) {
        std::string message = "--suppression-k takes ";
        message.append(std::to_string(limits::min_suppression_k))
            .append(" to 1000 (it can only be raised)");
        return usage_error(message);
    }

    std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count();
    if (options->has("test-mode")) {
        const auto file = std::filesystem::path(*dir) / test_clock_file_name;
        std::ifstream in(file);
        if (!(in >> now)) {
            std::fprintf(stderr, "engage-admin report: --test-mode: cannot read a time from %s\n",
                         file.c_str());
            return exit_failure;
        }
    }

    try {
        const auto store = open_store_read_only(*where);
        const web::Renderer words("en");
        const web::ResultsTable table = web::results_table(
            *store, *form, web::ResultsFilters{options->get("site").value_or(""), period, version},
            now, *k);
        switch (table.status) {
        case web::ResultsTable::Status::unknown_form:
            std::fprintf(stderr,
                         "engage-admin report: --form %s: no published form or poll has that "
                         "slug (sign-ups are never counted)\n",
                         form->c_str());
            return exit_usage;
        case web::ResultsTable::Status::nothing_yet:
            std::fprintf(stderr,
                         "engage-admin report: --form %s: no month with answers is over yet\n",
                         form->c_str());
            return exit_failure;
        case web::ResultsTable::Status::bad_filter: {
            // Name the filter that has no closed results.
            const auto& r = *table.results;
            std::string which = "--period " + table.selection.period;
            if (table.selection.site && std::find(r.sites().begin(), r.sites().end(),
                                                  *table.selection.site) == r.sites().end()) {
                which = "--site " + *table.selection.site;
            } else if (!version.empty() &&
                       (!table.selection.version ||
                        std::find(r.versions().begin(), r.versions().end(),
                                  *table.selection.version) == r.versions().end())) {
                which = "--version " + version;
            }
            std::fprintf(stderr,
                         "engage-admin report: %s: the form has no closed results for it (a "
                         "month or quarter appears once it is over)\n",
                         which.c_str());
            return exit_usage;
        }
        case web::ResultsTable::Status::ok:
            break;
        }
        std::string out;
        if (format == "csv") {
            out = web::results_csv(words, table);
        } else if (format == "json") {
            out = web::results_json(words, table);
        } else {
            web::Frame frame;
            frame.title = words.word("title_form_results");
            out = words.page("form_results", web::results_page_view(words, table), frame);
        }
        std::fwrite(out.data(), 1, out.size(), stdout);
        return std::fflush(stdout) == 0 ? 0 : exit_failure;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "engage-admin report: cannot read the database %s%s: %s\n",
                     where->postgresql() ? "" : "in ", where->describe().c_str(), e.what());
        return exit_failure;
    }
}

} // namespace engage::cli
