// engage-admin content export --data DIR
// engage-admin content import --data DIR FILE [--publish]
//
// Content as one JSON document (cli/content_document.hpp) for set-up
// scripts, backups of content and version control (issue 9).
//
// Import refuses to run while `serve` holds DIR/serve.lock: the running
// server keeps content in memory (ContentCache) and would not see the
// import, and its web app could publish in between. Everything an import
// writes is one transaction (Store::import_content), planned against what is
// stored while the lock keeps the server away; nothing is written on any
// error. A stored form version is never changed, only new versions added.
#include "cli/commands.hpp"
#include "cli/content_document.hpp"
#include "cli/data_dir.hpp"
#include "cli/data_dir_lock.hpp"
#include "web/translation_marks.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

namespace engage::cli {
namespace {

namespace fs = std::filesystem;

// Largest import file read: content is text, and the biggest sensible set
// (dozens of forms, every version, several languages) is a few MiB. The
// bound keeps a wrong file (a database, a video) from filling memory.
constexpr std::uintmax_t max_import_bytes = 64ull * 1024 * 1024;

int fail(const char* what, const std::string& message, int code = exit_failure) {
    std::fprintf(stderr, "engage-admin content %s: %s\n", what, message.c_str());
    return code;
}

// One line of the import report.
struct Reported {
    std::string item; // e.g. form "day-centre-feedback"
    std::string what; // "added", "new draft (version 3)", "published version 3", "unchanged"
};

// Same content, apart from the version number and status.
bool same_content(FormVersion a, const FormVersion& b) {
    a.version = b.version;
    a.status = b.status;
    return a == b;
}

// What an import would do, worked out against what is stored. Only adds
// form versions; help entries, "you said, we did" items and settings have
// no versions, so a changed one replaces the stored one in place.
struct Plan {
    store::ContentSet write; // forms: new versions only; the rest: whole lists
    // Stored published versions that a --publish replaces: closed today, as
    // the web app's Publish does, so kiosks show one version of a form and
    // still take answers given before they heard of the new one
    // (FormVersion::open_at).
    std::vector<FormVersion> closing;
    std::vector<Reported> report;
    bool changes = false;
    // (slug, version in the file) → the version it is stored as, for the
    // form versions this import writes: their review marks go along.
    std::map<std::pair<std::string, std::int64_t>, std::int64_t> stored_as;
};

bool plan_forms(const std::vector<FormVersion>& stored, const std::vector<FormVersion>& file,
                bool publish, const Date& today, Plan& plan, std::string& error) {
    std::map<std::string, const FormVersion*> latest_stored; // by slug
    for (const auto& f : stored) {
        auto& l = latest_stored[f.slug];
        if (l == nullptr || l->version < f.version) {
            l = &f;
        }
    }
    // Versions of each slug in the file, slugs in the order they first appear.
    std::vector<std::string> order;
    std::map<std::string, std::vector<const FormVersion*>> by_slug;
    for (const auto& f : file) {
        auto& versions = by_slug[f.slug];
        if (versions.empty()) {
            order.push_back(f.slug);
        }
        versions.push_back(&f);
    }
    for (const auto& slug : order) {
        auto& versions = by_slug[slug];
        std::ranges::sort(versions, {}, &FormVersion::version);
        const std::string item = "form \"" + slug + "\"";
        const auto it = latest_stored.find(slug);
        if (it == latest_stored.end()) {
            std::string numbers;
            for (const auto* f : versions) {
                plan.stored_as[{f->slug, f->version}] = f->version;
                plan.write.forms.push_back(*f);
                numbers += (numbers.empty() ? "" : ", ") + std::to_string(f->version);
            }
            plan.report.push_back(
                {item,
                 "added (version" + std::string(versions.size() > 1 ? "s " : " ") + numbers + ")"});
            plan.changes = true;
            continue;
        }
        const FormVersion& current = *it->second;
        const FormVersion& wanted = *versions.back();
        if (wanted.kind != current.kind) {
            error = item + ": \"kind\" is " + std::string(to_string(wanted.kind)) +
                    " in the file but " + std::string(to_string(current.kind)) +
                    " in the data folder; a form cannot change its kind (use a new slug)";
            return false;
        }
        const bool identical = same_content(wanted, current);
        if (identical && !(publish && current.status == FormStatus::draft)) {
            plan.report.push_back({item, "unchanged (version " + std::to_string(current.version) +
                                             ", " + std::string(to_string(current.status)) + ")"});
            continue;
        }
        FormVersion next = wanted;
        next.version = current.version + 1;
        next.status = publish ? FormStatus::published : FormStatus::draft;
        std::string closed_versions;
        if (publish) {
            for (const auto& f : stored) {
                if (f.slug == slug && f.status == FormStatus::published) {
                    FormVersion closed = f;
                    closed.status = FormStatus::closed;
                    // Closed today, but never before it opens (a form that
                    // closes before it opens does not load).
                    const Date day = closed.opens && today < *closed.opens ? *closed.opens : today;
                    if (!closed.closes || day < *closed.closes) {
                        closed.closes = day;
                    }
                    closed_versions +=
                        (closed_versions.empty() ? "" : ", ") + std::to_string(closed.version);
                    plan.closing.push_back(std::move(closed));
                }
            }
        }
        if (!publish) {
            plan.report.push_back(
                {item, "new draft (version " + std::to_string(next.version) + ")"});
        } else {
            plan.report.push_back({item, "published version " + std::to_string(next.version) +
                                             (closed_versions.empty()
                                                  ? std::string()
                                                  : " (closed version " + closed_versions + ")")});
        }
        plan.stored_as[{slug, wanted.version}] = next.version;
        plan.write.forms.push_back(std::move(next));
        plan.changes = true;
    }
    return true;
}

// The review marks of the form versions an import writes: those the file
// gives for each (as in force at its version in the file), stored at the
// version it becomes. With `needs_review` (a machine-drafted file), every
// translated string the file leaves unmarked is marked "needs review".
std::vector<store::TranslationMark> plan_marks(const ContentDocument& doc, const Plan& plan,
                                               bool needs_review, std::int64_t now) {
    std::vector<store::TranslationMark> out;
    for (const auto& f : plan.write.forms) {
        std::int64_t file_version = -1;
        for (const auto& [key, stored] : plan.stored_as) {
            if (key.first == f.slug && stored == f.version) {
                file_version = key.second;
            }
        }
        std::vector<store::TranslationMark> of_form;
        for (const auto& m : doc.translation_marks) {
            if (m.form == f.slug) {
                of_form.push_back(m);
            }
        }
        auto marks = web::marks_at(of_form, file_version);
        if (file_version == f.version) {
            // Stored under its own number (a new form): the file's rows as
            // they are, so a round trip gives the same rows back.
            for (const auto& m : of_form) {
                if (m.version == f.version) {
                    out.push_back(m);
                }
            }
        } else {
            for (auto& [key, m] : marks) {
                m.version = f.version;
                out.push_back(m);
            }
        }
        if (!needs_review) {
            continue;
        }
        const auto mark_unmarked = [&](const std::string& name, const LocalisedText& t) {
            for (const auto& [language, text] : t.by_language) {
                if (language != fallback_language && !text.empty() &&
                    !marks.contains({name, language})) {
                    out.push_back({f.slug, f.version, name, language,
                                   std::string(web::mark_needs_review), "import", now});
                }
            }
        };
        mark_unmarked("title", f.title);
        mark_unmarked("intro", f.intro);
        for (const auto& q : f.questions) {
            mark_unmarked(q.id + ".text", q.text);
            mark_unmarked(q.id + ".easy", q.easy);
            for (const auto& o : q.options) {
                mark_unmarked(q.id + "." + o.id + ".text", o.text);
                mark_unmarked(q.id + "." + o.id + ".easy", o.easy);
            }
        }
    }
    return out;
}

// Items with ids and no versions: the stored list, with the file's items
// replacing those of the same id in place and new ones added at the end.
template <typename Item>
std::vector<Item> merge_items(const std::vector<Item>& stored, const std::vector<Item>& file,
                              const char* kind, Plan& plan) {
    std::vector<Item> out = stored;
    for (const auto& item : file) {
        const std::string name = std::string(kind) + " \"" + item.id + "\"";
        const auto it = std::ranges::find(out, item.id, &Item::id);
        if (it == out.end()) {
            out.push_back(item);
            plan.report.push_back({name, "added"});
            plan.changes = true;
        } else if (*it == item) {
            plan.report.push_back({name, "unchanged"});
        } else {
            *it = item;
            plan.report.push_back({name, "replaced"});
            plan.changes = true;
        }
    }
    return out;
}

std::optional<std::string> read_whole_file(const fs::path& file, std::string& error) {
    std::error_code ec;
    const auto size = fs::file_size(file, ec);
    if (ec) {
        error = "cannot read " + file.string() + ": " + ec.message();
        return std::nullopt;
    }
    if (size > max_import_bytes) {
        error = file.string() + " is larger than " + std::to_string(max_import_bytes >> 20) +
                " MiB; it is not a content export";
        return std::nullopt;
    }
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in && !in.eof()) {
        error = "cannot read " + file.string();
        return std::nullopt;
    }
    return text.str();
}

int content_export(const Args& args) {
    std::string error;
    const auto options = parse_options(args, {{"data", "store"}, {}}, error);
    if (!options) {
        return fail("export", error, exit_usage);
    }
    // Exporting never creates a data folder: a mistyped path must not
    // print an empty document as if it were the content.
    if (const auto dir = options->get("data");
        dir && !fs::exists(fs::path(*dir) / store::database_file_name)) {
        return fail("export",
                    "no database in " + *dir + " (" + std::string(store::database_file_name) + ")");
    }
    auto store = open_data_dir(*options, "content");
    if (!store) {
        return options->has("data") ? exit_failure : exit_usage;
    }
    ContentDocument doc;
    try {
        const auto snapshot = store->load_content();
        doc.forms = store->all_form_versions();
        doc.help = snapshot.help;
        doc.you_said_we_did = snapshot.you_said_we_did;
        doc.settings = snapshot.settings;
        doc.translation_marks = store->translation_marks("");
        doc.sites = snapshot.sites;
    } catch (const std::exception& e) {
        return fail("export", e.what());
    }
    const auto text = write_content_document(doc);
    if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() ||
        std::fflush(stdout) != 0) {
        return fail("export", "could not write the document to stdout");
    }
    return 0;
}

int content_import(Args args) {
    // FILE is the one argument that is not an option (or an option's value).
    std::optional<std::string> file;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--data") {
            ++i;
        } else if (!args[i].starts_with("--")) {
            if (file) {
                return fail("import", "give one FILE", exit_usage);
            }
            file = std::string(args[i]);
            args.erase(args.begin() + static_cast<std::ptrdiff_t>(i));
            break;
        }
    }
    std::string error;
    const auto options =
        parse_options(args, {{"data", "store"}, {"publish", "needs-review"}}, error);
    if (!options) {
        return fail("import", error, exit_usage);
    }
    const auto dir = options->get("data");
    if (!dir || !file) {
        return fail("import",
                    "usage: engage-admin content import --data DIR FILE [--publish] "
                    "[--needs-review]",
                    exit_usage);
    }
    const auto text = read_whole_file(*file, error);
    if (!text) {
        return fail("import", error);
    }
    ContentDocument doc;
    if (!read_content_document(*text, doc, error)) {
        return fail("import", *file + ": " + error + "; nothing was imported");
    }
    // Held to the end, so no server starts on DIR halfway through.
    auto lock = DataDirLock::try_acquire(*dir, error);
    if (!lock) {
        return fail("import", error +
                                  ". A running server would not see imported content: stop it "
                                  "first (e.g. systemctl stop engage-admin), import, then start "
                                  "it again; nothing was imported");
    }
    auto store = open_data_dir(*options, "content");
    if (!store) {
        return exit_failure;
    }
    try {
        const auto snapshot = store->load_content();
        Plan plan;
        if (!plan_forms(store->all_form_versions(), doc.forms, options->has("publish"), today_utc(),
                        plan, error)) {
            return fail("import", error + "; nothing was imported");
        }
        plan.write.help = merge_items(snapshot.help, doc.help, "help entry", plan);
        plan.write.you_said_we_did = merge_items(snapshot.you_said_we_did, doc.you_said_we_did,
                                                 "\"you said, we did\" item", plan);
        plan.write.settings = snapshot.settings;
        if (doc.settings) {
            const bool same = *doc.settings == snapshot.settings;
            plan.report.push_back({"settings", same ? "unchanged" : "replaced"});
            plan.changes = plan.changes || !same;
            plan.write.settings = *doc.settings;
        }
        plan.write.translation_marks =
            plan_marks(doc, plan, options->has("needs-review"),
                       std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count());
        if (!plan.write.translation_marks.empty()) {
            plan.report.push_back({"translation marks",
                                   std::to_string(plan.write.translation_marks.size()) + " added"});
        }
        // Sites by slug, like help entries; a stored site the file does not
        // name stays.
        for (const auto& site : doc.sites) {
            const std::string name = "site \"" + site.slug + "\"";
            const auto it = std::ranges::find(snapshot.sites, site.slug, &store::Site::slug);
            if (it != snapshot.sites.end() && *it == site) {
                plan.report.push_back({name, "unchanged"});
                continue;
            }
            plan.report.push_back({name, it == snapshot.sites.end() ? "added" : "replaced"});
            plan.write.sites.push_back(site);
            plan.changes = true;
        }
        if (plan.changes) {
            store->import_content(plan.write, plan.closing);
        }
        for (const auto& r : plan.report) {
            std::printf("%s: %s\n", r.item.c_str(), r.what.c_str());
        }
        if (!plan.changes) {
            std::printf("nothing to import: the data folder already holds this content\n");
        }
    } catch (const std::exception& e) {
        return fail("import", std::string(e.what()) + "; nothing was imported");
    }
    return 0;
}

} // namespace

int content_command(const Args& args) {
    if (!args.empty() && args.front() == "export") {
        return content_export(Args(args.begin() + 1, args.end()));
    }
    if (!args.empty() && args.front() == "import") {
        return content_import(Args(args.begin() + 1, args.end()));
    }
    std::fputs("usage: engage-admin content export --data DIR > FILE\n"
               "       engage-admin content import --data DIR FILE [--publish] [--needs-review]\n",
               stderr);
    return exit_usage;
}

} // namespace engage::cli
