// engage-admin status --data DIR --json
#include "cli/commands.hpp"
#include "cli/data_dir.hpp"

#include <boost/json.hpp>
#include <cstdio>

namespace engage::cli {

int status(const Args& args) {
    std::string error;
    const auto options = parse_options(args, {{"data"}, {"json"}}, error);
    if (!options) {
        std::fprintf(stderr, "engage-admin status: %s\n", error.c_str());
        return exit_usage;
    }
    auto store = open_data_dir(*options);
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
    if (!options->flags.contains("json")) {
        std::printf("schema version %d, content version %s\n", r.schema_version,
                    r.content_version.c_str());
        std::printf("%lld submissions (%lld sealed sign-ups), %zu forms, %zu kiosks\n",
                    static_cast<long long>(r.submissions_total),
                    static_cast<long long>(r.sealed_signups), r.forms.size(), r.kiosks.size());
        return 0;
    }
    boost::json::object by_form;
    for (const auto& [slug, n] : r.by_form) {
        by_form[slug] = n;
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
        {"submissions",
         boost::json::object{{"total", r.submissions_total}, {"by_form", std::move(by_form)}}},
        {"sealed_signups", r.sealed_signups},
        {"forms", std::move(forms)},
        {"kiosks", std::move(kiosks)}};
    std::printf("%s\n", boost::json::serialize(out).c_str());
    return 0;
}

} // namespace engage::cli
