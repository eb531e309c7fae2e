#pragma once
// Numbered schema migrations (STYLE 18). PRAGMA user_version holds the
// version a file is at; migrate() brings an older file up, one entry at a
// time, each in its own transaction together with its version bump, and
// refuses a file that is newer than the table.
//
// A table is a constexpr array of Migration whose versions run 1, 2, 3…;
// state that at its definition so a missing or out-of-order entry fails to
// compile:
//     constexpr std::array<Migration, 2> migrations{{{1, "…"}, {2, "…"}}};
//     static_assert(numbered_in_order(migrations));
// migrate() checks the same at run time, for tables built any other way.
//
// Thread safety: free functions on a Database (one thread at a time).
// Several processes may migrate one file at once: each step takes the write
// lock before it reads the version.

#include <span>
#include <string_view>

namespace engage::sqlite {

class Database;

// Migration N takes a schema from version N-1 to N. Never edit a shipped
// entry; add a new one.
struct Migration {
    int version = 0;
    std::string_view sql;
};

// True when the entries are numbered 1, 2, 3… in order, with none missing.
constexpr bool numbered_in_order(std::span<const Migration> table) {
    for (std::size_t i = 0; i < table.size(); ++i) {
        if (table[i].version != static_cast<int>(i) + 1 || table[i].sql.empty()) {
            return false;
        }
    }
    return true;
}

// PRAGMA user_version of the open file.
int schema_version(Database& db);

// Applies every entry above the file's version, up to `target` (tests build
// an old file with it; a negative target means the whole table). Returns the
// version reached. Throws NewerSchemaError when the file is newer than the
// table, std::logic_error when the table is misnumbered, and Error on a
// database fault (the failing step is rolled back; earlier steps stay).
int migrate(Database& db, std::span<const Migration> table, int target = -1);

} // namespace engage::sqlite
