#pragma once
// The document `engage-admin content export` writes and `content import`
// reads (issue 9, docs/operators.md "Content in version control"):
//
//   {"engage_content": 2,
//    "forms": [FormVersion...],          // every version, drafts included,
//                                        // by slug then version
//    "help": [HelpEntry...],             // in the order kiosks show them
//    "you_said_we_did": [YouSaidWeDid...],
//    "settings": {KioskSettings},
//    "translation_marks": [             // review marks on translated strings
//      {"form", "version", "string", "language", "state", "by", "at"}...],
//    "sites": [{"slug", "name", "address", "hours": SiteHours,
//               "languages": [...]}]}       // format 2; by slug
//
// "engage_content" is the format version: 2 added "sites" (format 1 files
// are still read); a reader refuses a newer format rather than dropping what
// it does not know. Items are exactly the JSON the kiosk
// bundle uses (engage/form.hpp, engage/content.hpp). Never in it: answers,
// sign-ups, kiosks, tokens, users.

#include "engage/content.hpp"
#include "engage/form.hpp"
#include "store/store.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace engage::cli {

inline constexpr int content_document_format = 2;

struct ContentDocument {
    std::vector<FormVersion> forms;
    std::vector<HelpEntry> help;
    std::vector<YouSaidWeDid> you_said_we_did;
    std::optional<KioskSettings> settings; // absent in a file: settings stay as they are
    // Each names a form version of `forms` (or a stored one, on import).
    std::vector<store::TranslationMark> translation_marks;
    std::vector<store::Site> sites; // by slug
};

// The document as indented JSON text ending in a newline. Indented, with one
// key order, so that a version-control diff shows what changed.
std::string write_content_document(const ContentDocument& doc);

// Reads a document strictly: valid JSON, the known format, no unknown field
// anywhere, every item valid by core's readers (what a kiosk would refuse
// never gets in), no slug and version or id twice. Sections may be missing
// (nothing to import there). On failure returns false and sets `error` to
// one line naming the item and the field.
bool read_content_document(std::string_view text, ContentDocument& out, std::string& error);

} // namespace engage::cli
