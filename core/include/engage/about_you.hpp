#pragma once
// The standard "About you" questions for equality monitoring (issue 10):
// age band, gender, ethnicity (the ONS 2021 England and Wales categories),
// sexual orientation, disability or long-term condition, neurodivergence.
// Staff add them to any feedback form from the form editor; they are
// ordinary choice questions, so the kiosk shows them like any other.
//
// Every one is optional (the kiosk never forces an answer), offers "Prefer
// not to say" and is marked demographic, so core refuses a form where one
// has lost that option. The Board sees answers broken down by these groups
// only where every number passes the small-number rule
// (engage/results.hpp, breakdowns).
//
// Pure data; no I/O. The translations of every question and option into
// the other kiosk languages live in core/data/about_you_translations.json,
// compiled into the library at build time (core/CMakeLists.txt), so the
// kiosk and the server carry the same words without reading a file; this
// file stays the one source of ids, order and English.

#include "engage/form.hpp"

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace engage::about_you {

// Question ids. A form holds each at most once; results and breakdowns
// recognise the set by these ids.
inline constexpr std::string_view age = "about-you-age";
inline constexpr std::string_view gender = "about-you-gender";
inline constexpr std::string_view ethnicity = "about-you-ethnicity";
inline constexpr std::string_view sexual_orientation = "about-you-sexual-orientation";
inline constexpr std::string_view disability = "about-you-disability";
inline constexpr std::string_view neurodivergence = "about-you-neurodivergence";

// The kiosk languages the set is translated into, English first.
inline constexpr std::array<std::string_view, 14> languages{
    "en", "pl", "ro", "pt", "so", "ar", "fa", "ur", "ckb", "pa", "bn", "ti", "am", "kmr"};

// The six questions in the order the kiosk asks them, each text and option
// in every language of `languages` (the first question's hint says in one
// plain sentence why the set is asked). A translation whose English source
// no longer matches the text here is left out, so a changed English string
// shows "in English" rather than an outdated translation.
std::vector<Question> questions();

// True when `language`'s translations are machine-drafted and no native
// speaker has reviewed them ("reviewed": false in the data; every language
// but English today). Staff adding the set get these marked "needs review".
bool machine_drafted(std::string_view language);

// True for the ids above.
bool is_about_you(std::string_view question_id);

// A group's name for breakdowns: for ethnicity, the ONS high-level group an
// option belongs to ("asian", "black", "mixed", "white", "other"), because
// the detailed options are too small to show at any one site; for every
// other question (and "prefer not to say") the option itself.
std::string group_of(std::string_view question_id, std::string_view option_id);

// The English name of a group that group_of returns for ethnicity; "" for
// anything else (the option's own text is its name).
std::string_view ethnic_group_name(std::string_view group);

} // namespace engage::about_you
