#pragma once
// One query's result with one RAII owner (PQclear). Rows and columns start
// at 0. Values arrive in libpq's text format: integers are parsed here, so
// a column that is not an integer throws rather than reading as 0.
//
// Thread safety: an immutable value once made; movable, never copyable.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

struct pg_result;

namespace engage::pg {

class Result {
public:
    Result() = default;
    explicit Result(pg_result* r) : r_(r) {}

    int rows() const noexcept;
    int columns() const noexcept;
    // Rows changed by an INSERT, UPDATE or DELETE (PQcmdTuples).
    std::int64_t affected() const;

    bool is_null(int row, int column) const;
    std::string_view text(int row, int column) const; // valid while the Result lives
    std::string string(int row, int column) const { return std::string(text(row, column)); }
    std::int64_t integer(int row, int column) const;
    double real(int row, int column) const;
    bool boolean(int row, int column) const; // 't' or 'f'

    pg_result* handle() const noexcept { return r_.get(); }

private:
    struct Clear {
        void operator()(pg_result* r) const noexcept;
    };
    std::unique_ptr<pg_result, Clear> r_;
};

} // namespace engage::pg
