#include "kiosk/runtime/display_dimmer.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <iostream>
#include <string_view>
#include <unistd.h>

namespace engage::kiosk {

DisplayLevel DimPolicy::wanted(bool closed, std::int64_t last_input_ms, std::int64_t now_ms) const {
    if (!closed)
        return DisplayLevel::bright;
    return now_ms - last_input_ms >= dim_after_ms_ ? DisplayLevel::dim : DisplayLevel::bright;
}

std::optional<std::int64_t> DimPolicy::next_change(bool closed, std::int64_t last_input_ms,
                                                   std::int64_t now_ms) const {
    if (!closed || wanted(closed, last_input_ms, now_ms) == DisplayLevel::dim)
        return std::nullopt; // only a touch or opening time changes it, and both wake the loop
    return last_input_ms + dim_after_ms_;
}

DisplayDimmer::DisplayDimmer(std::filesystem::path request_file, std::int64_t dim_after_ms)
    : file_(std::move(request_file)), policy_(dim_after_ms) {}

void DisplayDimmer::update(bool closed, std::int64_t last_input_ms, std::int64_t now_ms) {
    if (file_.empty())
        return;
    const DisplayLevel want = policy_.wanted(closed, last_input_ms, now_ms);
    if (asked_ == want)
        return;
    // A failed write is said once (write_request) and not retried until the
    // level changes again: a missing folder would fail at every wake anyway.
    if (write_request(want))
        std::cerr << "engage-kiosk: display "
                  << (want == DisplayLevel::dim ? "dim (closed, no touch)" : "wake") << " asked\n";
    asked_ = want;
}

std::optional<std::int64_t> DisplayDimmer::next_deadline(bool closed, std::int64_t last_input_ms,
                                                         std::int64_t now_ms) const {
    if (file_.empty())
        return std::nullopt;
    return policy_.next_change(closed, last_input_ms, now_ms);
}

bool DisplayDimmer::write_request(DisplayLevel level) {
    const std::string_view word = level == DisplayLevel::dim ? "dim\n" : "wake\n";
    // Written in place, not renamed: the path unit watches this one file and
    // a close after writing is the event it acts on. O_NOFOLLOW: the folder
    // is the kiosk's own, but a link there must not redirect the write.
    const int fd =
        ::open(file_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
    std::string error;
    if (fd < 0) {
        error = std::strerror(errno);
    } else {
        const auto n = ::write(fd, word.data(), word.size());
        if (n != static_cast<ssize_t>(word.size()))
            error = n < 0 ? std::strerror(errno) : "short write";
        if (::close(fd) != 0 && error.empty())
            error = std::strerror(errno);
    }
    if (error.empty()) {
        last_error_.clear();
        return true;
    }
    if (error != last_error_)
        std::cerr << "engage-kiosk: cannot ask for the display to "
                  << word.substr(0, word.size() - 1) << " (" << file_.string() << "): " << error
                  << "\n";
    last_error_ = error;
    return false;
}

} // namespace engage::kiosk
