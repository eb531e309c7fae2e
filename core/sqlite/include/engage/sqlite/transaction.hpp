#pragma once
// Transaction guard (SQLiteCpp's Transaction): BEGIN on construction, ROLLBACK
// in the destructor unless commit() succeeded. The destructor never throws.
//
// Thread safety: as its Database (one thread at a time); not movable.

namespace engage::sqlite {

class Database;

class Transaction {
public:
    // IMMEDIATE takes the write lock at once (no deadlock upgrading a read
    // later); DEFERRED takes only a read snapshot when first used.
    enum class Mode { immediate, deferred };
    // Throws Error when BEGIN fails (e.g. the write lock stays busy).
    explicit Transaction(Database& db, Mode mode = Mode::immediate);
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();
    // Throws Error when COMMIT fails; the destructor then rolls back.
    void commit();

private:
    Database& db_;
    bool done_ = false;
};

} // namespace engage::sqlite
