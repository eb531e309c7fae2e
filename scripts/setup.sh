#!/usr/bin/env bash
# Installs the Debian packages Engage needs, only those missing, and builds.
# Sourced by demo.sh and test.sh; safe to run again (fast when all is there).
set -euo pipefail

ENGAGE_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ENGAGE_BUILD=${ENGAGE_BUILD:-$ENGAGE_ROOT/build}
# ccache keys on paths relative to the checkout, so a fresh clone (CI) reuses
# what an earlier clone compiled; the server's precompiled header needs the
# sloppiness settings to be cacheable at all.
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$ENGAGE_ROOT}
export CCACHE_SLOPPINESS=${CCACHE_SLOPPINESS:-pch_defines,time_macros,include_file_mtime,include_file_ctime}

# One package per line, with why it is here.
ENGAGE_PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config clang-format # toolchain
  dpkg-dev lintian                # .deb packages: dpkg-shlibdeps works out Depends (cpack), lintian checks them
  libsdl2-dev                     # kiosk window, input, software renderer
  libsystemd-dev                  # kiosk: sd_notify readiness and watchdog pings under systemd
  cage xwayland                   # tests run the kiosk under cage (Wayland kiosk compositor), as the appliance does
  shellcheck                      # tests lint hardware/provision-kiosk.sh
  libimgui-dev libstb-dev libfreetype-dev # Dear ImGui 1.86 (+ its SDL backends' sources), PNG writer
  libsqlite3-dev sqlite3          # storage on kiosk and server
  libpq-dev postgresql-15         # the PostgreSQL store for multi-site deployments: libpq; tests start their own cluster with its initdb/pg_ctl
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev # Beast/Asio, JSON, URLs
  libssl-dev openssl curl         # HTTPS (tests make certificates with openssl and cross-check with curl)
  libsodium-dev                   # sealed boxes, argon2id, random tokens
  libqrencode-dev                 # help-now QR codes
  libespeak-ng-dev espeak-ng      # speech output
  libfribidi-dev libharfbuzz-dev  # right-to-left and joined scripts
  libicu-dev                      # kiosk text: UAX #14 line breaks and native digits (CLDR numbering systems)
  libharfbuzz-bin                 # tests compare the kiosk's shaping with hb-shape and its rendering with hb-view
  fonts-noto-core                 # fonts for every catalogue language
  libkainjow-mustache-dev         # web page templates
  liboath-dev                     # TOTP second factor for staff sign-in (RFC 6238)
  libsystemd-dev                  # the server logs structured fields to the journal (sd_journal_send)
  catch2                          # tests
  libzbar-dev                     # tests decode the help-now QR codes as a phone would
  clang-14 libclang-rt-14-dev     # libFuzzer targets in tests/fuzz (.ci/run's fuzz stage); g++ has no libFuzzer
  chromium                        # the browser tests/web drives over its DevTools protocol (never one Playwright downloads)
  python3-swiglpk                 # the results attacker test's LP solver (GLPK); python3-scipy cannot be installed beside libboost1.81-dev (pythran pulls in libboost-dev 1.74)
  nodejs                          # runs tests/web's checks (playwright-core is a Node library); bookworm has 18, so playwright-core stays at 1.61 (1.62 needs 20)
)

engage_install_missing() {
  local missing=()
  local p
  for p in "${ENGAGE_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  # npm installs tests/web's two packages from its lock file. Asked for by
  # command, not package: a nodejs from nodesource carries its own npm and
  # conflicts with Debian's.
  command -v npm >/dev/null 2>&1 || missing+=(npm)
  if [ ${#missing[@]} -eq 0 ]; then
    engage_install_web_checks
    return 0
  fi
  echo "engage: installing ${#missing[@]} missing Debian packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
  engage_install_web_checks
}

# The browser checks' npm packages (tests/web/package.json, versions fixed by
# its package-lock.json), into tests/web/node_modules: only when it is missing
# or the lock file changed since, so tests never need the network.
#   playwright-core  drives Chromium over the DevTools protocol; the -core
#                    package has no browser download and no install script
#   axe-core         Deque's accessibility rules engine, the one WCAG audit
#                    tools (Lighthouse, Accessibility Insights) are built on
engage_install_web_checks() {
  local web="$ENGAGE_ROOT/tests/web"
  local stamp="$web/node_modules/.engage-lock-sha256"
  local want
  want=$(sha256sum "$web/package-lock.json" | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  echo "engage: installing tests/web's npm packages (npm ci)"
  (cd "$web" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund)
  echo "$want" >"$stamp"
}

# engage_build [TARGET...]: configures once, then builds the targets (all by default).
engage_build() {
  if [ ! -f "$ENGAGE_BUILD/build.ninja" ]; then
    cmake -S "$ENGAGE_ROOT" -B "$ENGAGE_BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release
  fi
  local targets=()
  [ $# -eq 0 ] || targets=(--target "$@")
  cmake --build "$ENGAGE_BUILD" -j "$(nproc)" "${targets[@]}"
}
