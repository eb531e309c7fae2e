#include "store/decision.hpp"

#include "engage/localised.hpp"
#include "store/stored_values.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <stdexcept>

namespace engage::store {

std::string_view to_string(DecisionStatus s) {
    switch (s) {
    case DecisionStatus::proposed:
        return "proposed";
    case DecisionStatus::agreed:
        return "agreed";
    case DecisionStatus::in_progress:
        return "in_progress";
    case DecisionStatus::done:
        return "done";
    case DecisionStatus::not_possible:
        return "not_possible";
    }
    return "proposed";
}

std::optional<DecisionStatus> parse_decision_status(std::string_view text) {
    for (const auto s : all_decision_statuses) {
        if (to_string(s) == text) {
            return s;
        }
    }
    return std::nullopt;
}

std::string kiosk_item_id(std::int64_t decision_id) {
    return "decision-" + std::to_string(decision_id);
}

bool shows_on_kiosks(const Decision& d) {
    // "We did" is a promise kept: never shown while the change is only
    // proposed or agreed, and never for one that turned out not possible.
    return d.service_change && !d.kiosk_ended &&
           (d.status == DecisionStatus::in_progress || d.status == DecisionStatus::done) &&
           !d.you_said.empty() && !d.we_did.empty();
}

bool apply_kiosk_item(const Decision& d, std::vector<YouSaidWeDid>& items) {
    const std::string id = kiosk_item_id(d.id);
    const auto it =
        std::find_if(items.begin(), items.end(), [&](const YouSaidWeDid& y) { return y.id == id; });
    if (!shows_on_kiosks(d)) {
        if (it == items.end()) {
            return false;
        }
        items.erase(it);
        return true;
    }
    YouSaidWeDid item;
    if (it != items.end()) {
        item = *it; // translations made on the translation pages stay
    }
    item.id = id;
    item.you_said.by_language[std::string(fallback_language)] = d.you_said;
    item.we_did.by_language[std::string(fallback_language)] = d.we_did;
    item.sites = d.sites;
    if (it == items.end()) {
        // First: the thank-you screen shows the first items only (two on a
        // wide screen), and the newest change is the news. Staff can move it
        // down on the "you said, we did" list like any other item.
        items.insert(items.begin(), std::move(item));
        return true;
    }
    if (*it == item) {
        return false;
    }
    *it = std::move(item);
    return true;
}

std::vector<std::string> parse_decision_list(std::string_view stored, std::string_view what) {
    const auto jv = parse_stored(stored);
    const auto* arr = jv.if_array();
    if (arr == nullptr) {
        throw std::runtime_error("stored " + std::string(what) + " of a decision are not a list");
    }
    std::vector<std::string> out;
    for (const auto& v : *arr) {
        if (!v.is_string()) {
            throw std::runtime_error("stored " + std::string(what) + " of a decision are not text");
        }
        out.emplace_back(v.get_string());
    }
    return out;
}

std::string decision_list_json(const std::vector<std::string>& items) {
    boost::json::array arr;
    for (const auto& i : items) {
        arr.emplace_back(boost::json::string(i));
    }
    return boost::json::serialize(arr);
}

} // namespace engage::store
