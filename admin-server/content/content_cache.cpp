#include "content/content_cache.hpp"

#include "engage/text.hpp"

#include <algorithm>
#include <boost/json.hpp>

namespace engage::content {
namespace {

bool for_site(const FormVersion& f, std::string_view site) {
    return f.status == FormStatus::published &&
           (f.sites.empty() || std::find(f.sites.begin(), f.sites.end(), site) != f.sites.end());
}

} // namespace

ContentGeneration::ContentGeneration(store::ContentSnapshot snapshot)
    : snapshot_(std::move(snapshot)), etag_("\"" + snapshot_.version + "\"") {
    for (const auto& f : snapshot_.forms) {
        index_.emplace(std::pair{f.slug, std::int64_t{f.version}}, &f);
        auto& latest = latest_[f.slug];
        if (!latest || latest->version < f.version) {
            latest = &f;
        }
    }
}

const FormVersion* ContentGeneration::find_form(std::string_view slug, std::int64_t version) const {
    if (version == any_version) {
        const auto latest = latest_.find(slug);
        return latest == latest_.end() ? nullptr : latest->second;
    }
    const auto it = index_.find(std::pair{std::string(slug), version});
    return it == index_.end() ? nullptr : it->second;
}

bool ContentGeneration::matches(std::string_view header) const {
    // A list of entity tags; weak comparison (W/ ignored) is right for GET.
    while (!header.empty()) {
        const auto comma = header.find(',');
        std::string_view tag = text::trim(header.substr(0, comma));
        if (tag == "*") {
            return true;
        }
        if (tag.starts_with("W/")) {
            tag.remove_prefix(2);
        }
        if (tag == etag_) {
            return true;
        }
        if (comma == std::string_view::npos) {
            break;
        }
        header.remove_prefix(comma + 1);
    }
    return false;
}

std::shared_ptr<const std::string> ContentGeneration::bundle_for(std::string_view site) const {
    std::lock_guard lock(bodies_mutex_);
    if (const auto it = bodies_.find(site); it != bodies_.end()) {
        return it->second;
    }
    ContentBundle b;
    b.version = snapshot_.version;
    b.site = std::string(site);
    for (const auto& f : snapshot_.forms) {
        if (for_site(f, site)) {
            b.forms.push_back(f);
        }
    }
    // A kiosk gets only its site's entries and those for every site.
    for (const auto& h : snapshot_.help) {
        if (shown_at(h.sites, site)) {
            b.help.push_back(h);
        }
    }
    for (const auto& y : snapshot_.you_said_we_did) {
        if (shown_at(y.sites, site)) {
            b.you_said_we_did.push_back(y);
        }
    }
    b.settings = snapshot_.settings;
    // The site's name and hours go to its kiosks (never its address), and
    // its languages, when it lists any, win over the global settings.
    for (const auto& s : snapshot_.sites) {
        if (s.slug == site) {
            b.site_info = SiteInfo{s.name, s.hours};
            if (!s.languages.empty()) {
                b.settings.languages = s.languages;
            }
        }
    }
    b.coordinator_public_key = snapshot_.coordinator_public_key;
    b.coordinator_key_id = snapshot_.coordinator_key_id;
    b.coordinator_key_signature = snapshot_.coordinator_key_signature;
    auto body =
        std::make_shared<const std::string>(boost::json::serialize(boost::json::value_from(b)));
    bodies_.emplace(std::string(site), body);
    return body;
}

ContentCache::ContentCache(store::ContentSnapshot snapshot)
    : current_(std::make_shared<const ContentGeneration>(std::move(snapshot))) {}

std::shared_ptr<const ContentGeneration> ContentCache::current() const {
    std::lock_guard lock(mutex_);
    return current_;
}

void ContentCache::replace(store::ContentSnapshot snapshot) {
    auto next = std::make_shared<const ContentGeneration>(std::move(snapshot));
    std::lock_guard lock(mutex_);
    current_ = std::move(next);
}

} // namespace engage::content
