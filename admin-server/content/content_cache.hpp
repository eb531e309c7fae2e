#pragma once
// Content bundles kept in memory, one serialised body per site, with the
// ETag every bundle shares. A matching If-None-Match is answered from here
// without touching the database or building JSON (the benchmark wants tens of
// thousands of 304s a second).
//
// Thread safety: every method may be called from any thread.

#include "engage/form.hpp"
#include "engage/submission.hpp"
#include "store/store.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

namespace engage::content {

// One immutable generation of content. Form pointers stay valid while the
// generation is held.
class ContentGeneration {
public:
    explicit ContentGeneration(store::ContentSnapshot snapshot);

    // "\"<content version>\"", the ETag header value.
    const std::string& etag() const { return etag_; }
    const std::string& version() const { return snapshot_.version; }
    // The coordinators' signing public key (base64) kiosks pin at enrolment.
    const std::string& coordinator_signing_key() const { return snapshot_.coordinator_signing_key; }
    // The non-draft form version named, or nullptr. With engage::any_version
    // the latest non-draft version of the slug (core FormLookup contract).
    const FormVersion* find_form(std::string_view slug, std::int64_t version) const;
    // True when an If-None-Match header value names this generation's ETag.
    bool matches(std::string_view if_none_match) const;
    // The bundle JSON for `site`: published forms for that site (every date;
    // the kiosk hides forms outside their dates), help and "you said, we
    // did" for that site or every site, settings, the coordinators' current
    // public key with its id and signature, and the site's name, hours and
    // languages when it has a row. Built once per site.
    std::shared_ptr<const std::string> bundle_for(std::string_view site) const;

private:
    store::ContentSnapshot snapshot_;
    std::string etag_;
    std::map<std::pair<std::string, std::int64_t>, const FormVersion*> index_;
    std::map<std::string, const FormVersion*, std::less<>> latest_;
    mutable std::mutex bodies_mutex_;
    mutable std::map<std::string, std::shared_ptr<const std::string>, std::less<>> bodies_;
};

class ContentCache {
public:
    explicit ContentCache(store::ContentSnapshot snapshot);
    // The current generation; hold it for the whole request.
    std::shared_ptr<const ContentGeneration> current() const;
    // Swaps in new content (after staff edits); requests in flight keep theirs.
    void replace(store::ContentSnapshot snapshot);

private:
    mutable std::mutex mutex_;
    std::shared_ptr<const ContentGeneration> current_;
};

} // namespace engage::content
