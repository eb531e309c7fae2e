#include "engage/sqlite/statement.hpp"

#include "engage/sqlite/database.hpp"
#include "engage/sqlite/error.hpp"

#include <sqlite3.h>

namespace engage::sqlite {

void Statement::Finaliser::operator()(sqlite3_stmt* st) const noexcept {
    sqlite3_finalize(st);
}

Statement::Statement(Database& db, std::string_view sql) : db_(db.handle()) {
    sqlite3_stmt* raw = nullptr;
    const char* tail = nullptr;
    const int rc =
        sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), 0, &raw, &tail);
    st_.reset(raw);
    check(db_, rc, "prepare");
    if (!st_) {
        throw Error(SQLITE_MISUSE, SQLITE_MISUSE, "sqlite error (prepare): no statement in text");
    }
}

Statement& Statement::bind(int index, std::string_view text) {
    check(db_,
          sqlite3_bind_text(st_.get(), index, text.data(), static_cast<int>(text.size()),
                            SQLITE_TRANSIENT),
          "bind");
    return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
    check(db_, sqlite3_bind_int64(st_.get(), index, value), "bind");
    return *this;
}

Statement& Statement::bind_null(int index) {
    check(db_, sqlite3_bind_null(st_.get(), index), "bind");
    return *this;
}

bool Statement::step() {
    return check(db_, sqlite3_step(st_.get()), "step") == SQLITE_ROW;
}

void Statement::run() {
    while (step()) {
    }
}

void Statement::reset() noexcept {
    sqlite3_reset(st_.get());
    sqlite3_clear_bindings(st_.get());
}

std::string Statement::text(int column) const {
    const auto* p = sqlite3_column_text(st_.get(), column);
    const int n = sqlite3_column_bytes(st_.get(), column);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n))
             : std::string();
}

std::int64_t Statement::integer(int column) const {
    return sqlite3_column_int64(st_.get(), column);
}

double Statement::real(int column) const {
    return sqlite3_column_double(st_.get(), column);
}

std::string Statement::bytes(int column) const {
    const auto* p = static_cast<const char*>(sqlite3_column_blob(st_.get(), column));
    const int n = sqlite3_column_bytes(st_.get(), column);
    return p ? std::string(p, static_cast<std::size_t>(n)) : std::string();
}

int Statement::column_type(int column) const {
    return sqlite3_column_type(st_.get(), column);
}

int Statement::column_count() const {
    return sqlite3_column_count(st_.get());
}

std::string Statement::column_name(int column) const {
    const char* name = sqlite3_column_name(st_.get(), column);
    return name ? std::string(name) : std::string();
}

bool Statement::is_null(int column) const {
    return sqlite3_column_type(st_.get(), column) == SQLITE_NULL;
}

} // namespace engage::sqlite
