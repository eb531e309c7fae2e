#pragma once
// The `otpauth://totp/…` line `engage-admin add-user` prints, or "" when it
// printed none (a role for which the second factor is optional). Shared by
// the browser tests, which hand it to the Node scripts for the TOTP code.

#include <sstream>
#include <string>

namespace engage::test {

inline std::string otpauth_line(const std::string& add_user_output) {
    std::istringstream lines(add_user_output);
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind("otpauth://totp/", 0) == 0) {
            return line;
        }
    }
    return {};
}

} // namespace engage::test
