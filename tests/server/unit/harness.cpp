#include "harness.hpp"

#include "content/content_cache.hpp"
#include "engage/coordinator_keyring.hpp"
#include "engage/ids.hpp"
#include "engage/protocol.hpp"
#include "sample/sample_content.hpp"

#include <stdexcept>

namespace paths = engage::protocol::paths;

namespace engage::test {

Harness::Harness(Engine engine, const char* vfs) : data(engine, vfs), store(&*data) {
    // What `engage-admin init` makes, at the cheapest argon2id level.
    store->create_coordinator_keyring(make_coordinator_keyring(passphrase, minimal_kdf_params()));
    store::ContentSet sample;
    std::string error;
    if (!sample::load_sample_content(sample, error)) {
        throw std::runtime_error(error);
    }
    store->add_content(sample);
    content = std::make_unique<content::ContentCache>(store->load_content());
    kiosks = std::make_unique<api::KioskAuth>(*store);
    writer = std::make_unique<store::Writer>(*store);
    services = std::make_unique<api::Services>(api::Services{*store, *writer, *content, *kiosks});
    services->today = [this] { return today; };
    services->now_unix = [this] { return now; };
}

Harness::~Harness() {
    writer->stop();
}

api::Response Harness::post(std::string_view path, const std::string& body,
                            const std::string& token) {
    api::Request r;
    r.method = "POST";
    r.target = path;
    r.content_type = "application/json";
    r.has_body = true;
    r.body = body;
    if (!token.empty()) {
        r.authorization = "Bearer " + token;
    }
    return api::handle(r, *services);
}

api::Response Harness::get(std::string_view path, const std::string& token,
                           const std::string& if_none_match) {
    api::Request r;
    r.method = "GET";
    r.target = path;
    r.if_none_match = if_none_match;
    if (!token.empty()) {
        r.authorization = "Bearer " + token;
    }
    return api::handle(r, *services);
}

std::string Harness::enrol(const std::string& site) {
    const std::string code = random_enrol_code();
    store->add_enrol_code(hash_secret(normalise_enrol_code(code)), site, now + 3600);
    const auto r = post(paths::enrol, protocol::to_json_text(protocol::EnrolRequest{code}));
    protocol::EnrolResponse reply;
    std::string error;
    if (r.status != 200 || !protocol::read_text(r.body, reply, error)) {
        throw std::runtime_error("enrolment failed: " + error + " " + r.body);
    }
    return reply.token;
}

long long Harness::count(const std::string& table) {
    return data.query_int("SELECT count(*) FROM " + table);
}

} // namespace engage::test
