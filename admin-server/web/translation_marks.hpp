#pragma once
// Review marks on translated strings (issue 9): a machine-drafted
// translation is marked "needs review" until a person marks it "reviewed".
// Stored per version in the store's translation_marks table (migration 8);
// a version's marks are the newest row at or below its number, so a draft
// starts with the published version's marks and publishing keeps them.
// Not tied to forms beyond the `form` name: other translated content (the
// help directory) can keep its marks the same way under its own names.

#include "store/store.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace engage::web {

inline constexpr std::string_view mark_none = "none";
inline constexpr std::string_view mark_needs_review = "needs_review";
inline constexpr std::string_view mark_reviewed = "reviewed";

// True for "none", "needs_review" and "reviewed".
bool known_mark_state(std::string_view state);

// (string, language) → the mark in force at `version`, from the stored marks
// of one form (any order); "none" marks are left out.
using MarkKey = std::pair<std::string, std::string>;
std::map<MarkKey, store::TranslationMark>
marks_at(const std::vector<store::TranslationMark>& of_form, std::int64_t version);

} // namespace engage::web
