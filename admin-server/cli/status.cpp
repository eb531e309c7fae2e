// engage-admin status --data DIR [--json]
//
// Every count printed passes the core small-number suppression (DESIGN §6
// rule 3: "the operator's command line is no exception"). The counts per form
// are one group whose total is the submissions total, so no hidden cell can
// be recovered by subtracting shown ones from it; the sealed sign-ups are a
// sub-total of that group and are shown only when every cell they add up is.
//
// A kiosk's outbox is shown as the band its heartbeat sent ("0", "1-4",
// "5+"), not as a count: the exact depth (how many people used it since its
// last upload) never reaches the server (issue 8), so there is nothing to
// suppress. The oldest waiting item's age in days is not a count of people.
#include "cli/commands.hpp"
#include "cli/data_dir.hpp"
#include "engage/suppression.hpp"

#include <boost/json.hpp>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace engage::cli {
namespace {

struct ShownStatus {
    ShownCount total;
    std::map<std::string, ShownCount> by_form;
    ShownCount sealed;
};

bool small(std::int64_t n, const SuppressionPolicy& policy) {
    return n >= 1 && n < policy.k;
}

ShownStatus suppress_status(const store::StatusReport& r, const SuppressionPolicy& policy) {
    std::vector<std::int64_t> cells;
    for (const auto& [slug, n] : r.by_form) {
        cells.push_back(n);
    }
    const auto group = suppress(cells, r.submissions_total, policy, true);
    ShownStatus out;
    out.total = group.total;
    std::size_t i = 0;
    for (const auto& [slug, n] : r.by_form) {
        out.by_form[slug] = group.cells[i++];
    }

    // Sign-up forms accept only sealed items and other forms never do
    // (submission.cpp), so the sealed count is the sum of the sign-up forms'
    // cells. Shown only when all of those are shown; if the forms do not
    // account for it (a form no longer listed), only when nothing is hidden.
    std::set<std::string> signup_slugs; // forms lists every version of a slug
    for (const auto& f : r.forms) {
        if (f.kind == "signup") {
            signup_slugs.insert(f.slug);
        }
    }
    std::int64_t signup_sum = 0;
    bool signup_cell_hidden = false;
    for (const auto& slug : signup_slugs) {
        if (const auto it = out.by_form.find(slug); it != out.by_form.end()) {
            signup_cell_hidden = signup_cell_hidden || it->second.hidden;
            signup_sum += r.by_form.at(slug);
        }
    }
    bool any_hidden = out.total.hidden;
    for (const auto& [slug, c] : out.by_form) {
        any_hidden = any_hidden || c.hidden;
    }
    const bool accounted = signup_sum == r.sealed_signups;
    const bool hide_sealed =
        small(r.sealed_signups, policy) || (accounted ? signup_cell_hidden : any_hidden);
    out.sealed = hide_sealed ? ShownCount{0, true, !small(r.sealed_signups, policy)}
                             : ShownCount{r.sealed_signups, false, false};
    return out;
}

// {"count": 12, "shown": "12"}, or {"count": null, "shown": "fewer than 5"}
// or {"count": null, "shown": "hidden"} (docs/operators.md).
boost::json::object count_json(const ShownCount& c, const SuppressionPolicy& policy) {
    boost::json::object o;
    if (c.hidden) {
        o["count"] = nullptr;
    } else {
        o["count"] = c.value;
    }
    o["shown"] = describe(c, policy);
    return o;
}

} // namespace

int status(const Args& args) {
    std::string error;
    const auto options = parse_options(args, {{"data", "store"}, {"json"}}, error);
    if (!options) {
        std::fprintf(stderr, "engage-admin status: %s\n", error.c_str());
        return exit_usage;
    }
    auto store = open_data_dir(*options, "status");
    if (!store) {
        return options->has("data") ? exit_failure : exit_usage;
    }
    store::StatusReport r;
    try {
        r = store->status();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "engage-admin status: %s\n", e.what());
        return exit_failure;
    }
    // The default k: "configurable upward only" has no setting yet.
    const SuppressionPolicy policy;
    const ShownStatus shown = suppress_status(r, policy);
    if (!options->flags.contains("json")) {
        std::printf("schema version %d, content version %s\n", r.schema_version,
                    r.content_version.c_str());
        std::printf("%s submissions (%s sealed sign-ups), %zu forms, %zu kiosks\n",
                    describe(shown.total, policy).c_str(), describe(shown.sealed, policy).c_str(),
                    r.forms.size(), r.kiosks.size());
        for (const auto& [slug, c] : shown.by_form) {
            std::printf("  %s: %s\n", slug.c_str(), describe(c, policy).c_str());
        }
        std::printf("(counts from 1 to %lld are shown as \"fewer than %lld\"; \"hidden\" "
                    "protects one of those from subtraction)\n",
                    static_cast<long long>(policy.k - 1), static_cast<long long>(policy.k));
        return 0;
    }
    boost::json::object by_form;
    for (const auto& [slug, c] : shown.by_form) {
        by_form[slug] = count_json(c, policy);
    }
    boost::json::array forms;
    for (const auto& f : r.forms) {
        forms.push_back(boost::json::object{
            {"slug", f.slug}, {"kind", f.kind}, {"version", f.version}, {"status", f.status}});
    }
    boost::json::array kiosks;
    for (const auto& k : r.kiosks) {
        boost::json::object o{{"id", k.id},
                              {"site", k.site},
                              {"last_seen_date", nullptr},
                              {"app_version", k.app_version},
                              {"outbox", k.outbox},
                              {"oldest_item_days", nullptr},
                              {"content_version", k.content_version}};
        if (!k.last_seen_date.empty()) {
            o["last_seen_date"] = k.last_seen_date;
        }
        if (k.oldest_item_days) {
            o["oldest_item_days"] = *k.oldest_item_days;
        }
        kiosks.push_back(std::move(o));
    }
    const boost::json::object out{
        {"schema_version", r.schema_version},
        {"content_version", r.content_version},
        {"suppression", boost::json::object{{"k", policy.k}}},
        {"submissions", boost::json::object{{"total", count_json(shown.total, policy)},
                                            {"by_form", std::move(by_form)}}},
        {"sealed_signups", count_json(shown.sealed, policy)},
        {"forms", std::move(forms)},
        {"kiosks", std::move(kiosks)}};
    std::printf("%s\n", boost::json::serialize(out).c_str());
    return 0;
}

} // namespace engage::cli
