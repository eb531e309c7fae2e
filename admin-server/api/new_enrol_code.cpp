#include "api/new_enrol_code.hpp"

#include "engage/ids.hpp"

namespace engage::api {

NewEnrolCode make_enrol_code(store::Store& store, std::string_view site, std::int64_t now_unix,
                             std::int64_t hours) {
    NewEnrolCode made;
    made.code = random_enrol_code();
    made.expires_at = now_unix + hours * 3600;
    store.add_enrol_code(hash_secret(normalise_enrol_code(made.code)), site, made.expires_at);
    return made;
}

} // namespace engage::api
