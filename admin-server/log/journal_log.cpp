#include "log/journal_log.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>
#include <sys/stat.h>
#include <sys/uio.h>
#include <systemd/sd-journal.h>
#include <unistd.h>

namespace engage::journal {
namespace {

// Decided once: where stderr leads does not change while the server runs.
bool stderr_is_journal() {
    static const bool yes = [] {
        struct stat st {};
        return ::fstat(STDERR_FILENO, &st) == 0 &&
               journal_stream_matches(std::getenv("JOURNAL_STREAM"), st.st_dev, st.st_ino);
    }();
    return yes;
}

} // namespace

bool send_to_journal(const std::vector<std::string>& fields) {
    std::vector<iovec> iov;
    iov.reserve(fields.size());
    for (const auto& f : fields) {
        // sd_journal_sendv takes non-const pointers but only reads them.
        iov.push_back(iovec{const_cast<char*>(f.data()), f.size()});
    }
    return sd_journal_sendv(iov.data(), static_cast<int>(iov.size())) >= 0;
}

bool valid_field_name(std::string_view name) {
    constexpr std::size_t max_name = 64; // journald's limit (systemd.journal-fields(7))
    if (name.empty() || name.size() > max_name || name.front() == '_') {
        return false;
    }
    for (char c : name) {
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
            return false;
        }
    }
    return true;
}

std::string clean_value(std::string_view value) {
    std::string out(value);
    for (char& c : out) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
            c = '?';
        }
    }
    return out;
}

std::vector<std::string> journal_fields(Priority priority, std::string_view event,
                                        std::string_view message, std::span<const Field> extra) {
    std::vector<std::string> fields;
    fields.reserve(4 + extra.size());
    fields.push_back("MESSAGE=" + clean_value(message));
    fields.push_back("PRIORITY=" + std::to_string(static_cast<int>(priority)));
    fields.push_back("SYSLOG_IDENTIFIER=engage-admin");
    fields.push_back("ENGAGE_EVENT=" + clean_value(event));
    for (const auto& f : extra) {
        if (valid_field_name(f.name)) {
            fields.push_back(std::string(f.name) + "=" + clean_value(f.value));
        }
    }
    return fields;
}

bool journal_stream_matches(const char* journal_stream, dev_t device, ino_t inode) {
    if (journal_stream == nullptr) {
        return false;
    }
    unsigned long long dev = 0;
    unsigned long long ino = 0;
    char tail = 0;
    if (std::sscanf(journal_stream, "%llu:%llu%c", &dev, &ino, &tail) != 2) {
        return false;
    }
    return dev == static_cast<unsigned long long>(device) &&
           ino == static_cast<unsigned long long>(inode);
}

void write(Priority priority, std::string_view event, std::string_view message,
           std::initializer_list<Field> extra) {
    if (stderr_is_journal() &&
        send_to_journal(journal_fields(priority, event, message, {extra.begin(), extra.size()}))) {
        return;
    }
    // One fputs of the whole line, so lines from two threads never interleave.
    const std::string line = clean_value(message) + "\n";
    std::fputs(line.c_str(), stderr);
}

} // namespace engage::journal
