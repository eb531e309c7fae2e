#include "cli/commands.hpp"
#include "cli/options.hpp"

#include <cstdio>

namespace engage::cli {

void print_usage() {
    std::fputs("usage:\n"
               "  engage-admin serve --data DIR [--listen 127.0.0.1:8080] [--sample]\n"
               "                     [--tls-cert FILE --tls-key FILE | --insecure]\n"
               "                     [--read-timeout SECONDS] [--idle-timeout SECONDS]\n"
               "                     [--max-connections N] [--threads N]\n"
               "  engage-admin enrol-code --data DIR --site NAME [--valid-hours H]\n"
               "  engage-admin status --data DIR --json\n"
               "  engage-admin coordinator-key --data DIR\n"
               "  engage-admin backup --data DIR --to FILE\n"
               "  engage-admin restore --data DIR --from FILE\n"
               "  engage-admin add-user --data DIR --name N --role admin|staff|coordinator|board\n",
               stderr);
}

int add_user(const Args&) {
    std::fputs("engage-admin add-user: not yet available\n", stderr);
    std::puts("not yet available");
    return exit_usage;
}

} // namespace engage::cli
