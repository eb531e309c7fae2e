#include "engage/pg/error.hpp"

#include <utility>

namespace engage::pg {

Error::Error(std::string sqlstate, const std::string& what)
    : std::runtime_error(what), sqlstate_(std::move(sqlstate)) {}

bool Error::unique_violation() const noexcept {
    return sqlstate_ == "23505";
}

bool Error::storage_full() const noexcept {
    return sqlstate_ == "53100";
}

bool Error::storage_unavailable() const noexcept {
    // No SQLSTATE means libpq had no answer from the server: the connection
    // broke or was never made.
    if (sqlstate_.empty()) {
        return true;
    }
    const auto cls = std::string_view(sqlstate_).substr(0, 2);
    return cls == "53" || cls == "08" || cls == "57" || sqlstate_ == "58030"; // 58030: io_error
}

bool Error::retryable() const noexcept {
    return sqlstate_ == "40001" || sqlstate_ == "40P01";
}

} // namespace engage::pg
