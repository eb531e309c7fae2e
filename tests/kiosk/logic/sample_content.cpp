#include "logic/sample_content.hpp"

#include "engage/strict_json.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace engage::test {

namespace {

boost::json::value read_json(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) {
        throw std::runtime_error("missing sample file " + file.string());
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    boost::json::value jv;
    std::string error;
    if (!parse_json_strict(ss.str(), jv, error)) {
        throw std::runtime_error(file.string() + ": " + error);
    }
    return jv;
}

} // namespace

ContentBundle sample_bundle(const KeyPair& key) {
    const std::filesystem::path dir =
        std::filesystem::path(ENGAGE_SOURCE_DIR) / "assets" / "sample";
    ContentBundle b;
    b.version = "test-1";
    b.site = "test-site";
    std::string error;
    // Not day-centre-food.json: it runs at the demo's site only, and tests
    // that want a second feedback form add it themselves (sample_form).
    for (const auto* name :
         {"day-centre-feedback.json", "ebe-poll-winter.json", "peer-mentoring.json"}) {
        b.forms.push_back(sample_form(name));
    }
    const auto help = read_json(dir / "help.json");
    for (const auto& h : help.as_array()) {
        HelpEntry e;
        if (!parse_help_entry(h, e, error)) {
            throw std::runtime_error("help.json: " + error);
        }
        b.help.push_back(std::move(e));
    }
    const auto yswd = read_json(dir / "you-said-we-did.json");
    for (const auto& y : yswd.as_array()) {
        YouSaidWeDid e;
        if (!parse_you_said_we_did(y, e, error)) {
            throw std::runtime_error("you-said-we-did.json: " + error);
        }
        b.you_said_we_did.push_back(std::move(e));
    }
    const auto settings = read_json(dir / "settings.json").as_object();
    b.settings.inactivity_seconds = static_cast<int>(settings.at("inactivity_seconds").as_int64());
    b.settings.countdown_seconds = static_cast<int>(settings.at("countdown_seconds").as_int64());
    b.settings.languages.clear();
    for (const auto& l : settings.at("languages").as_array()) {
        b.settings.languages.emplace_back(l.as_string());
    }
    b.coordinator_public_key = key.public_key_b64;
    return b;
}

FormVersion sample_form(const std::string& file) {
    const std::filesystem::path forms =
        std::filesystem::path(ENGAGE_SOURCE_DIR) / "assets" / "sample" / "forms";
    FormVersion f;
    std::string error;
    if (!parse_form_version(read_json(forms / file), f, error)) {
        throw std::runtime_error(file + ": " + error);
    }
    return f;
}

std::shared_ptr<const ContentBundle> shared(ContentBundle b) {
    return std::make_shared<const ContentBundle>(std::move(b));
}

void drop_form_language(ContentBundle& bundle, const std::string& language) {
    const auto drop = [&](LocalisedText& t) { t.by_language.erase(language); };
    for (auto& form : bundle.forms) {
        drop(form.title);
        drop(form.intro);
        for (auto& q : form.questions) {
            drop(q.text);
            drop(q.easy);
            for (auto& o : q.options) {
                drop(o.text);
                drop(o.easy);
            }
        }
    }
}

} // namespace engage::test
