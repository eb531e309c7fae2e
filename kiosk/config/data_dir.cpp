#include "kiosk/config/data_dir.hpp"

#include "engage/strict_json.hpp"

#include <boost/json/serialize.hpp>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace engage::kiosk {

namespace {

// Owns a file descriptor; closes it once.
class Fd {
public:
    explicit Fd(int fd) : fd_(fd) {}
    ~Fd() {
        if (fd_ >= 0) {
            ::close(fd_);
        }
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int get() const { return fd_; }
    // Closes now, reporting the error close() can carry for buffered writes.
    bool close() {
        const int fd = fd_;
        fd_ = -1;
        return ::close(fd) == 0;
    }

private:
    int fd_;
};

std::string errno_text(std::string_view what, const std::filesystem::path& p) {
    return std::string(what) + " " + p.string() + ": " + std::strerror(errno);
}

std::string string_field(const boost::json::object& o, std::string_view key) {
    if (const auto* v = o.if_contains(key); v && v->is_string()) {
        return std::string(v->as_string());
    }
    return {};
}

} // namespace

bool ensure_data_dir(const std::filesystem::path& dir, std::string& error) {
    std::error_code ec;
    if (std::filesystem::is_directory(dir, ec)) {
        return true;
    }
    if (!std::filesystem::create_directories(dir, ec) && ec) {
        error = "cannot create " + dir.string() + ": " + ec.message();
        return false;
    }
    // Submissions, the token and the PIN hash live here: the kiosk's user only.
    std::filesystem::permissions(dir, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::replace, ec);
    return true;
}

bool write_file_atomically(const std::filesystem::path& file, std::string_view bytes, unsigned mode,
                           std::string& error) {
    auto tmp = file;
    tmp += ".tmp";
    {
        Fd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
                     static_cast<mode_t>(mode)));
        if (fd.get() < 0) {
            error = errno_text("cannot create", tmp);
            return false;
        }
        // An older temp file may have had wider permissions; O_CREAT keeps them.
        ::fchmod(fd.get(), static_cast<mode_t>(mode));
        std::size_t done = 0;
        while (done < bytes.size()) {
            const auto n = ::write(fd.get(), bytes.data() + done, bytes.size() - done);
            if (n < 0) {
                if (errno == EINTR) {
                    continue;
                }
                error = errno_text("cannot write", tmp);
                return false;
            }
            done += static_cast<std::size_t>(n);
        }
        if (::fsync(fd.get()) != 0 || !fd.close()) {
            error = errno_text("cannot flush", tmp);
            return false;
        }
    }
    if (::rename(tmp.c_str(), file.c_str()) != 0) {
        error = errno_text("cannot replace", file);
        return false;
    }
    // Make the rename itself durable.
    auto dir = file.parent_path();
    if (dir.empty()) {
        dir = ".";
    }
    Fd dfd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dfd.get() >= 0) {
        ::fsync(dfd.get());
    }
    return true;
}

std::optional<std::string> read_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        return std::nullopt;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::optional<Enrolment> load_enrolment(const std::filesystem::path& dir) {
    auto token = read_file(dir / "token");
    auto info = read_file(dir / "enrolment.json");
    if (!token || !info) {
        return std::nullopt;
    }
    boost::json::value jv;
    std::string error;
    if (!parse_json_strict(*info, jv, error) || !jv.is_object()) {
        return std::nullopt;
    }
    Enrolment e;
    const auto& o = jv.as_object();
    e.kiosk_id = string_field(o, "kiosk");
    e.site = string_field(o, "site");
    e.server = string_field(o, "server");
    e.signing_key = string_field(o, "signing_key");
    e.box_key = string_field(o, "box_key");
    e.box_key_signature = string_field(o, "box_key_signature");
    e.token = *token;
    while (!e.token.empty() && (e.token.back() == '\n' || e.token.back() == '\r')) {
        e.token.pop_back();
    }
    if (e.token.empty()) {
        return std::nullopt;
    }
    return e;
}

bool save_enrolment(const std::filesystem::path& dir, const Enrolment& e, std::string& error) {
    // Token first: an enrolment.json without a token is ignored, never the reverse.
    if (!write_file_atomically(dir / "token", e.token + "\n", 0600, error)) {
        return false;
    }
    boost::json::object o;
    o["kiosk"] = e.kiosk_id;
    o["site"] = e.site;
    o["server"] = e.server;
    o["signing_key"] = e.signing_key;
    o["box_key"] = e.box_key;
    o["box_key_signature"] = e.box_key_signature;
    return write_file_atomically(dir / "enrolment.json", boost::json::serialize(o) + "\n", 0600,
                                 error);
}

std::optional<CachedContent> load_cached_content(const std::filesystem::path& dir) {
    auto text = read_file(dir / "content.json");
    if (!text) {
        return std::nullopt;
    }
    boost::json::value jv;
    std::string error;
    CachedContent c;
    if (!parse_json_strict(*text, jv, error) || !parse_content_bundle(jv, c.bundle, error)) {
        return std::nullopt;
    }
    c.etag = read_file(dir / "content.etag").value_or("");
    while (!c.etag.empty() && (c.etag.back() == '\n' || c.etag.back() == '\r')) {
        c.etag.pop_back();
    }
    return c;
}

bool save_cached_content(const std::filesystem::path& dir, std::string_view json_text,
                         std::string_view etag, std::string& error) {
    // Content first, then its ETag: a crash between the two leaves an old
    // ETag beside new content, which only costs one full download.
    return write_file_atomically(dir / "content.json", json_text, 0600, error) &&
           write_file_atomically(dir / "content.etag", std::string(etag) + "\n", 0600, error);
}

} // namespace engage::kiosk
