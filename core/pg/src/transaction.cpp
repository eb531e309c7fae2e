#include "engage/pg/transaction.hpp"

#include "engage/pg/connection.hpp"

namespace engage::pg {

Transaction::Transaction(Connection& c, Isolation isolation) : c_(c) {
    switch (isolation) {
    case Isolation::read_committed:
        c_.exec("BEGIN");
        break;
    case Isolation::repeatable_read:
        c_.exec("BEGIN ISOLATION LEVEL REPEATABLE READ");
        break;
    case Isolation::serializable:
        c_.exec("BEGIN ISOLATION LEVEL SERIALIZABLE");
        break;
    }
}

Transaction::~Transaction() {
    if (!done_) {
        try {
            c_.exec("ROLLBACK");
        } catch (...) {
            // The connection is gone: the server rolled back already.
        }
    }
}

void Transaction::commit() {
    done_ = true; // a failed COMMIT has ended the transaction either way
    c_.exec("COMMIT");
}

} // namespace engage::pg
