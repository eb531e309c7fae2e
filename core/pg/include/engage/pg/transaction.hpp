#pragma once
// Transaction guard: BEGIN on construction, ROLLBACK in the destructor
// unless commit() succeeded; the destructor never throws.
//
// Thread safety: as its Connection (one thread at a time); not movable.

namespace engage::pg {

class Connection;

class Transaction {
public:
    enum class Isolation { read_committed, repeatable_read, serializable };
    explicit Transaction(Connection& c, Isolation isolation = Isolation::read_committed);
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();
    // Throws Error when COMMIT fails (then nothing was committed).
    void commit();

private:
    Connection& c_;
    bool done_ = false;
};

} // namespace engage::pg
