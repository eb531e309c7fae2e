// Admin: sites (issue 9, "Sites and kiosks"). The list (GET /sites), a new
// site (GET and POST /sites/new) and editing one (GET and POST
// /sites/{slug}): name, the address for staff, opening hours per weekday as
// up to two "HH:MM" ranges in plain text boxes, and the kiosk languages
// offered there as checkboxes. Saving writes the store, replaces the content
// generation at once (kiosks see the new name, hours and languages on their
// next poll) and goes in the audit log. Times are the server's local time.
#include "engage/limits.hpp"
#include "engage/site_hours.hpp"
#include "engage/text.hpp"
#include "web/form_draft.hpp"
#include "web/kiosk_languages.hpp"
#include "web/pages.hpp"

#include <algorithm>

namespace engage::web {
namespace {

// 500 bytes of address: a few lines of a postal address and directions.
constexpr std::size_t max_address_bytes = 500;

constexpr std::array<std::string_view, days_per_week> day_word_keys{
    "day_mon", "day_tue", "day_wed", "day_thu", "day_fri", "day_sat", "day_sun"};

std::string day_word(const Context& c, int wd) {
    return c.renderer.word(day_word_keys[static_cast<std::size_t>(wd)]);
}

// A path segment as typed in a link: slugs found in old data may hold spaces.
std::string decoded(std::string_view segment) {
    std::string escaped;
    for (const char ch : segment) {
        if (ch == '+') {
            escaped += "%2B"; // '+' is itself in a path, not a space
        } else {
            escaped += ch;
        }
    }
    return field(parse_urlencoded("x=" + escaped), "x");
}

std::optional<store::Site> find_site(Context& c, std::string_view slug) {
    for (auto& s : c.store.sites()) {
        if (s.slug == slug) {
            return std::move(s);
        }
    }
    return std::nullopt;
}

// "Mon 09:00-12:30, 13:30-17:00 · Tue ..." for the list.
std::string hours_summary(const Context& c, const SiteHours& h) {
    if (h.open_all_week()) {
        return c.renderer.word("sites_always_open");
    }
    std::string out;
    for (int wd = 0; wd < days_per_week; ++wd) {
        if (!out.empty()) {
            out += "; ";
        }
        out += day_word(c, wd);
        out += ' ';
        if (h.day(wd).empty()) {
            out += c.renderer.word("sites_closed");
        }
        bool first = true;
        for (const auto& r : h.day(wd)) {
            out.append(first ? "" : ", ").append(format_clock_time(r.open));
            out.append("–").append(format_clock_time(r.close));
            first = false;
        }
    }
    return out;
}

// The form's values as typed (kept on an error so nothing is lost).
struct SiteForm {
    std::string slug, name, address;
    std::array<std::array<std::string, 4>, days_per_week> times{}; // open1 close1 open2 close2
    std::vector<std::string> languages;
};

constexpr std::array<std::string_view, 4> time_fields{"open1", "close1", "open2", "close2"};

std::string time_field_name(int wd, std::size_t i) {
    return std::string(weekday_key(wd)) + "-" + std::string(time_fields[i]);
}

SiteForm form_of(const store::Site& s) {
    SiteForm f;
    f.slug = s.slug;
    f.name = s.name;
    f.address = s.address;
    for (int wd = 0; wd < days_per_week; ++wd) {
        const auto& ranges = s.hours.day(wd);
        for (std::size_t r = 0; r < ranges.size() && r < 2; ++r) {
            f.times[static_cast<std::size_t>(wd)][r * 2] = format_clock_time(ranges[r].open);
            f.times[static_cast<std::size_t>(wd)][r * 2 + 1] = format_clock_time(ranges[r].close);
        }
    }
    f.languages = s.languages;
    return f;
}

SiteForm form_from_post(const Context& c) {
    SiteForm f;
    f.slug = std::string(text::trim(field(c.form, "slug")));
    f.name = std::string(text::trim(field(c.form, "name")));
    f.address = std::string(text::trim(field(c.form, "address")));
    for (int wd = 0; wd < days_per_week; ++wd) {
        for (std::size_t i = 0; i < time_fields.size(); ++i) {
            f.times[static_cast<std::size_t>(wd)][i] =
                std::string(text::trim(field(c.form, time_field_name(wd, i))));
        }
    }
    for (const auto& l : kiosk_languages) {
        if (!field(c.form, "lang-" + std::string(l.code)).empty()) {
            f.languages.emplace_back(l.code);
        }
    }
    return f;
}

struct FieldError {
    std::string field; // the input's id
    std::string text;  // names the field, then what is wrong
};

// Turns the typed form into a site; every problem becomes an error naming
// its field (the day, which time) in words a person can act on.
std::optional<store::Site> check(Context& c, const SiteForm& f, bool is_new,
                                 std::vector<FieldError>& errors) {
    store::Site s;
    s.slug = f.slug;
    s.name = f.name;
    s.address = f.address;
    if (is_new) {
        if (!valid_form_id(f.slug)) {
            errors.push_back({"slug", c.renderer.word("error_site_slug")});
        } else if (find_site(c, f.slug)) {
            errors.push_back({"slug", c.renderer.word("error_site_slug_taken")});
        }
    }
    if (f.name.empty() || f.name.size() > limits::max_site_name_bytes) {
        errors.push_back({"name", c.renderer.word("error_site_name")});
    }
    if (f.address.size() > max_address_bytes) {
        errors.push_back({"address", c.renderer.word("error_site_address")});
    }
    for (int wd = 0; wd < days_per_week; ++wd) {
        const auto& t = f.times[static_cast<std::size_t>(wd)];
        std::vector<OpeningRange> ranges;
        bool day_ok = true;
        for (std::size_t r = 0; r < 2; ++r) {
            const std::string& open = t[r * 2];
            const std::string& close = t[r * 2 + 1];
            const std::string which = day_word(c, wd) + ", " +
                                      c.renderer.word(r == 0 ? "sites_range_1" : "sites_range_2");
            if (open.empty() && close.empty()) {
                continue;
            }
            if (open.empty() || close.empty()) {
                errors.push_back({time_field_name(wd, open.empty() ? r * 2 : r * 2 + 1),
                                  which + ": " + c.renderer.word("error_site_time_pair")});
                day_ok = false;
                continue;
            }
            const auto o = parse_clock_time(open, false);
            const auto cl = parse_clock_time(close, true);
            if (!o) {
                errors.push_back({time_field_name(wd, r * 2),
                                  which + ", " + c.renderer.word("sites_opens") + ": " +
                                      c.renderer.word("error_site_time_format")});
            }
            if (!cl) {
                errors.push_back({time_field_name(wd, r * 2 + 1),
                                  which + ", " + c.renderer.word("sites_closes") + ": " +
                                      c.renderer.word("error_site_time_format")});
            }
            if (!o || !cl) {
                day_ok = false;
                continue;
            }
            ranges.push_back({*o, *cl});
        }
        std::string why;
        if (day_ok && !s.hours.set_day(wd, ranges, why)) {
            errors.push_back({time_field_name(wd, 0), day_word(c, wd) + ": " + why});
        }
    }
    s.languages = f.languages;
    if (!errors.empty()) {
        return std::nullopt;
    }
    return s;
}

api::Response edit_page(Context& c, int status, const SiteForm& f, bool is_new,
                        const std::vector<FieldError>& errors) {
    View v;
    v.set("csrf", c.csrf);
    v.flag("is_new", is_new);
    v.set("action", is_new ? std::string("/sites/new") : "/sites/" + url_encode(f.slug));
    v.set("slug", f.slug);
    v.set("name", f.name);
    v.set("address", f.address);
    if (field(c.query, "done") == "saved") {
        v.set("notice", c.renderer.word("sites_done_saved"));
    }
    if (!is_new) {
        // Safeguarding concerns from this site's comments that still wait for
        // the service's response (issue 10): a count, never the words.
        const auto open = c.store.comments().open_concern_count(f.slug);
        v.flag("has_concerns", open > 0);
        std::string words = c.renderer.word("sites_concerns");
        if (const auto at = words.find("{n}"); at != std::string::npos) {
            words.replace(at, 3, std::to_string(open));
        }
        v.set("concerns", words);
    }
    auto error_for = [&](std::string_view id) -> std::string {
        for (const auto& e : errors) {
            if (e.field == id) {
                return e.text;
            }
        }
        return {};
    };
    for (const auto& e : errors) {
        View item;
        item.set("field", e.field);
        item.set("text", e.text);
        v.add("errors", std::move(item));
    }
    v.flag("has_errors", !errors.empty());
    v.set("slug_error", error_for("slug"));
    v.set("name_error", error_for("name"));
    v.set("address_error", error_for("address"));
    for (int wd = 0; wd < days_per_week; ++wd) {
        View day;
        day.set("day", day_word(c, wd));
        day.set("key", std::string(weekday_key(wd)));
        for (std::size_t r = 0; r < 2; ++r) {
            View range;
            range.set("label", c.renderer.word(r == 0 ? "sites_range_1" : "sites_range_2"));
            for (std::size_t k = 0; k < 2; ++k) {
                const std::size_t i = r * 2 + k;
                View t;
                t.set("id", time_field_name(wd, i));
                t.set("label", c.renderer.word(k == 0 ? "sites_opens" : "sites_closes"));
                t.set("value", f.times[static_cast<std::size_t>(wd)][i]);
                t.set("error", error_for(time_field_name(wd, i)));
                range.add("times", std::move(t));
            }
            day.add("ranges", std::move(range));
        }
        v.add("days", std::move(day));
    }
    for (const auto& l : kiosk_languages) {
        View item;
        item.set("code", std::string(l.code));
        item.set("native", std::string(l.native_name));
        item.set("english", std::string(l.english_name));
        item.flag("checked",
                  std::find(f.languages.begin(), f.languages.end(), l.code) != f.languages.end());
        v.add("languages", std::move(item));
    }
    return c.page(status, "site_edit", is_new ? "title_new_site" : "title_edit_site", v);
}

// After a save: the store first, then the content generation kiosks are
// answered from, so the next poll (If-None-Match) gets the new ETag.
api::Response saved(Context& c, const store::Site& site, bool is_new) {
    c.store.put_site(site);
    if (c.content != nullptr) {
        c.content->replace(c.store.load_content());
    }
    c.accounts.audit(c.now, c.user->name, is_new ? "new_site" : "save_site", site.slug);
    return c.redirect("/sites/" + url_encode(site.slug) + "?done=saved");
}

} // namespace

api::Response sites_list(Context& c) {
    View v;
    for (const auto& s : c.store.sites()) {
        View row;
        row.set("slug", s.slug);
        row.set("name", s.name);
        row.set("link", "/sites/" + url_encode(s.slug));
        row.set("hours", hours_summary(c, s.hours));
        std::string languages;
        for (const auto& l : s.languages) {
            for (const auto& known : kiosk_languages) {
                if (known.code == l) {
                    languages.append(languages.empty() ? "" : ", ").append(known.english_name);
                }
            }
        }
        row.set("languages",
                languages.empty() ? c.renderer.word("sites_languages_default") : languages);
        v.add("sites", std::move(row));
    }
    return c.page(200, "sites", "title_sites", v);
}

api::Response new_site_form(Context& c) {
    store::Site blank;
    blank.hours = SiteHours{};
    return edit_page(c, 200, form_of(blank), true, {});
}

api::Response create_site(Context& c) {
    const SiteForm f = form_from_post(c);
    std::vector<FieldError> errors;
    const auto site = check(c, f, true, errors);
    if (!site) {
        return edit_page(c, 400, f, true, errors);
    }
    return saved(c, *site, true);
}

api::Response edit_site(Context& c) {
    const auto site = find_site(c, decoded(c.path_param));
    if (!site) {
        return c.message(404, "title_not_found", "error_no_site");
    }
    return edit_page(c, 200, form_of(*site), false, {});
}

api::Response save_site(Context& c) {
    const auto stored = find_site(c, decoded(c.path_param));
    if (!stored) {
        return c.message(404, "title_not_found", "error_no_site");
    }
    SiteForm f = form_from_post(c);
    f.slug = stored->slug; // the slug names the site everywhere: never changed here
    std::vector<FieldError> errors;
    const auto site = check(c, f, false, errors);
    if (!site) {
        return edit_page(c, 400, f, false, errors);
    }
    return saved(c, *site, false);
}

} // namespace engage::web
