#include "store/stored_values.hpp"

#include "engage/strict_json.hpp"

#include <boost/json.hpp>
#include <stdexcept>
#include <utility>
#include <variant>

namespace engage::store {

boost::json::value parse_stored(std::string_view text) {
    boost::json::value jv;
    std::string error;
    if (!parse_json_strict(text, jv, error)) {
        throw std::runtime_error("stored content is not valid JSON: " + error);
    }
    return jv;
}

Site stored_site(std::string slug, std::string name, std::string address, std::string_view hours,
                 std::string_view languages) {
    Site site;
    site.slug = std::move(slug);
    site.name = std::move(name);
    site.address = std::move(address);
    std::string error;
    if (!parse_site_hours(parse_stored(hours), site.hours, error)) {
        throw std::runtime_error("stored opening hours of site " + site.slug +
                                 " do not parse: " + error);
    }
    const auto codes = parse_stored(languages);
    const auto* arr = codes.if_array();
    if (arr == nullptr) {
        throw std::runtime_error("stored languages of site " + site.slug + " are not a list");
    }
    for (const auto& l : *arr) {
        if (!l.is_string()) {
            throw std::runtime_error("stored languages of site " + site.slug + " are not codes");
        }
        site.languages.emplace_back(l.get_string());
    }
    return site;
}

std::string stored_answers(const Submission& item) {
    Answers kept;
    for (const auto& [question, answer] : item.answers) {
        if (!std::holds_alternative<FreeText>(answer)) {
            kept.emplace(question, answer);
        }
    }
    return answers_to_json_text(kept);
}

void put_coordinator_keys(ContentSnapshot& snap, const std::optional<CoordinatorKeyring>& ring) {
    if (!ring) {
        return;
    }
    if (const auto* key = ring->current()) {
        snap.coordinator_public_key = key->public_key;
        snap.coordinator_key_id = key->key_id;
        snap.coordinator_key_signature = key->signature;
    }
    snap.coordinator_signing_key = ring->signing_public_key;
}

} // namespace engage::store
