#include "web_client.hpp"

#include "support/admin_cli.hpp"

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <liboath/oath.h>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <strings.h>

namespace engage::test {

WebUser add_web_user(const std::filesystem::path& data, const std::string& name,
                     const std::string& roles, std::string password) {
    const auto r = run_admin({"add-user", "--data", data.string(), "--user", name, "--role", roles},
                             password + "\n");
    if (r.exit_code != 0) {
        throw std::runtime_error("add-user " + name + " failed: " + r.err);
    }
    WebUser u{name, std::move(password), {}, {}};
    std::istringstream lines(r.out);
    std::string line;
    while (std::getline(lines, line)) {
        if (line.starts_with("otpauth://totp/")) {
            const auto at = line.find("secret=");
            u.secret = line.substr(at + 7, line.find('&', at) - at - 7);
        } else if (line.starts_with("  ")) {
            u.recovery_codes.push_back(line.substr(2));
        }
    }
    return u;
}

std::string totp_code(const std::string& base32_secret, std::int64_t unix_time) {
    oath_init();
    char* raw = nullptr;
    std::size_t raw_len = 0;
    if (oath_base32_decode(base32_secret.data(), base32_secret.size(), &raw, &raw_len) != OATH_OK) {
        throw std::runtime_error("not base32: " + base32_secret);
    }
    std::unique_ptr<char, decltype(&std::free)> owned(raw, &std::free);
    char code[7] = {};
    if (oath_totp_generate(raw, raw_len, static_cast<time_t>(unix_time), 30, 0, 6, code) !=
        OATH_OK) {
        throw std::runtime_error("oath_totp_generate failed");
    }
    return code;
}

void set_test_clock(const std::filesystem::path& data, std::int64_t unix_time) {
    const auto tmp = data / "test-clock.new";
    std::ofstream(tmp) << unix_time << "\n";
    std::filesystem::rename(tmp, data / "test-clock"); // atomic: the server never reads half
}

RoleUsers add_role_users(const std::filesystem::path& data) {
    return {add_web_user(data, "alice", "admin"), add_web_user(data, "sam", "staff"),
            add_web_user(data, "cora", "coordinator"), add_web_user(data, "bea", "board")};
}

ServerOptions web_server_options(bool sample, std::vector<std::string> extra) {
    ServerOptions o;
    o.sample = sample;
    o.extra_args = {"--test-mode"};
    o.extra_args.insert(o.extra_args.end(), extra.begin(), extra.end());
    return o;
}

std::int64_t next_month_start(const Date& day) {
    const Date first =
        day.month == 12 ? Date{day.year + 1, 1, 1} : Date{day.year, day.month + 1, 1};
    return days_since_epoch(first) * 86400 + 10 * 3600;
}

WebClient signed_in_client(std::uint16_t port, const WebUser& u, std::int64_t unix_time) {
    WebClient c(port);
    const auto r =
        c.sign_in(u.name, u.password, u.secret.empty() ? "" : totp_code(u.secret, unix_time));
    if (r.status != 303 || r.header("Location") != "/") {
        throw std::runtime_error("signing in " + u.name + " answered " + std::to_string(r.status) +
                                 ":\n" + r.body);
    }
    return c;
}

std::string csrf_in(const std::string& html) {
    constexpr std::string_view marker = R"(name="csrf" value=")";
    const auto at = html.find(marker);
    if (at == std::string::npos) {
        return {};
    }
    const auto start = at + marker.size();
    return html.substr(start, html.find('"', start) - start);
}

std::string form_body(const std::vector<std::pair<std::string, std::string>>& fields) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (const auto& [name, value] : fields) {
        if (!out.empty()) {
            out += '&';
        }
        out += name + "=";
        for (const char ch : value) {
            const auto c = static_cast<unsigned char>(ch);
            if (std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.') {
                out += ch;
            } else {
                out += '%';
                out += hex[c >> 4];
                out += hex[c & 15];
            }
        }
    }
    return out;
}

HttpResponse WebClient::request(std::string_view method, std::string_view target,
                                const std::string& body) {
    HttpConnection c(port_);
    Headers headers;
    std::string cookie;
    for (const auto& [name, value] : cookies_) {
        cookie += (cookie.empty() ? "" : "; ") + name + "=" + value;
    }
    if (!cookie.empty()) {
        headers.emplace_back("Cookie", cookie);
    }
    std::optional<HttpResponse> r;
    if (method == "POST") {
        headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
        r = c.request(method, target, headers, body);
    } else {
        r = c.request(method, target, headers);
    }
    if (!r) {
        throw std::runtime_error(std::string(method) + " " + std::string(target) + ": " +
                                 c.error());
    }
    for (const auto& [name, value] : r->headers) {
        if (name.size() != 10 || strncasecmp(name.c_str(), "set-cookie", 10) != 0) {
            continue;
        }
        const auto eq = value.find('=');
        const auto semi = value.find(';');
        const std::string cname = value.substr(0, eq);
        const std::string cvalue = value.substr(eq + 1, semi - eq - 1);
        if (value.find("Max-Age=0") != std::string::npos) {
            cookies_.erase(cname);
        } else {
            cookies_[cname] = cvalue;
        }
    }
    return *r;
}

HttpResponse WebClient::sign_in(const std::string& user, const std::string& password,
                                const std::string& code) {
    const auto form = get("/login");
    return post(
        "/login",
        {{"csrf", csrf_in(form.body)}, {"user", user}, {"password", password}, {"code", code}});
}

std::string WebClient::session_csrf() {
    return csrf_in(get("/").body);
}

} // namespace engage::test
