#include "engage/pg/result.hpp"

#include "engage/pg/error.hpp"

#include <charconv>
#include <cstdlib>
#include <libpq-fe.h>

namespace engage::pg {

void Result::Clear::operator()(pg_result* r) const noexcept {
    PQclear(r);
}

int Result::rows() const noexcept {
    return r_ ? PQntuples(r_.get()) : 0;
}

int Result::columns() const noexcept {
    return r_ ? PQnfields(r_.get()) : 0;
}

std::int64_t Result::affected() const {
    const char* n = r_ ? PQcmdTuples(r_.get()) : "";
    std::int64_t value = 0;
    std::from_chars(n, n + std::char_traits<char>::length(n), value);
    return value;
}

bool Result::is_null(int row, int column) const {
    return PQgetisnull(r_.get(), row, column) == 1;
}

std::string_view Result::text(int row, int column) const {
    if (row < 0 || row >= rows() || column < 0 || column >= columns()) {
        throw Error("", "result has no row " + std::to_string(row) + ", column " +
                            std::to_string(column));
    }
    return {PQgetvalue(r_.get(), row, column),
            static_cast<std::size_t>(PQgetlength(r_.get(), row, column))};
}

std::int64_t Result::integer(int row, int column) const {
    const auto t = text(row, column);
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
    if (ec != std::errc{} || end != t.data() + t.size()) {
        throw Error("", "column " + std::string(PQfname(r_.get(), column)) + " is not an integer");
    }
    return value;
}

double Result::real(int row, int column) const {
    const std::string t(text(row, column));
    return std::strtod(t.c_str(), nullptr);
}

bool Result::boolean(int row, int column) const {
    return text(row, column) == "t";
}

} // namespace engage::pg
