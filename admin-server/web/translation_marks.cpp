#include "web/translation_marks.hpp"

namespace engage::web {

bool known_mark_state(std::string_view state) {
    return state == mark_none || state == mark_needs_review || state == mark_reviewed;
}

std::map<MarkKey, store::TranslationMark>
marks_at(const std::vector<store::TranslationMark>& of_form, std::int64_t version) {
    std::map<MarkKey, store::TranslationMark> newest;
    for (const auto& m : of_form) {
        if (m.version > version) {
            continue;
        }
        auto [it, added] = newest.try_emplace(MarkKey{m.string, m.language}, m);
        if (!added && it->second.version < m.version) {
            it->second = m;
        }
    }
    std::erase_if(newest, [](const auto& entry) { return entry.second.state == mark_none; });
    return newest;
}

} // namespace engage::web
