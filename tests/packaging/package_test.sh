#!/usr/bin/env bash
# Builds the .deb packages from BUILD_DIR once (cpack, into a scratch folder,
# not BUILD_DIR/packages), checks their contents with dpkg-deb -c, installs
# both into a clean root with `dpkg --root`, then runs the INSTALLED programs:
#   engage-admin serve --sample   answers /healthz and the sign-in page, with
#                                 its sample content from ROOT/usr/share/engage
#   engage-kiosk --headless       draws its first screen to a PNG, with its UI
#                                 text from ROOT/usr/share/engage
# Both find their assets beside themselves (/proc/self/exe → ../share/engage):
# ENGAGE_ASSETS_DIR is unset, and each program's start-up line naming the
# folder it used is checked, so a fallback to the build tree fails the test.
#
# Usage: package_test.sh BUILD_DIR VERSION. Exit 77 (skip) when a tool is missing.
set -euo pipefail

build=$1
version=$2
arch=$(dpkg --print-architecture)

for tool in cpack dpkg-deb dpkg-shlibdeps dpkg curl; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "skip: $tool is not installed (scripts/setup.sh installs it)"
    exit 77
  fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/engage-packages.XXXXXX")
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# --- 1. Build the packages (once; the programs are this build's).
(cd "$build" && cpack -G DEB -B "$work/out" >"$work/cpack.log" 2>&1) ||
  { cat "$work/cpack.log"; fail "cpack -G DEB failed"; }
admin_deb=$work/out/engage-admin_${version}_${arch}.deb
kiosk_deb=$work/out/engage-kiosk_${version}_${arch}.deb
for deb in "$admin_deb" "$kiosk_deb"; do
  [ -f "$deb" ] || { ls -l "$work/out"; fail "no package $deb"; }
done

# --- 2. Control fields and file lists.
field() { dpkg-deb -f "$1" "$2"; }
[ "$(field "$admin_deb" Package)" = engage-admin ] || fail "admin package name"
[ "$(field "$kiosk_deb" Package)" = engage-kiosk ] || fail "kiosk package name"
[ "$(field "$admin_deb" Version)" = "$version" ] || fail "admin version is not $version"
# Depends come from dpkg-shlibdeps: libc, SQLite, OpenSSL, libsodium at least.
for dep in libc6 libsqlite3-0 libssl3 libsodium23; do
  field "$admin_deb" Depends | grep -q "$dep" || fail "engage-admin Depends lacks $dep: $(field "$admin_deb" Depends)"
done
for dep in libc6 libsdl2 libespeak-ng1 fonts-noto-core; do
  field "$kiosk_deb" Depends | grep -q "$dep" || fail "engage-kiosk Depends lacks $dep: $(field "$kiosk_deb" Depends)"
done

list() { dpkg-deb -c "$1" | awk '{print $6}' | sed 's#^\./#/#'; }
list "$admin_deb" >"$work/admin.list"
list "$kiosk_deb" >"$work/kiosk.list"
expect() {
  local listing=$1 path=$2
  grep -qx -- "$path" "$work/$listing.list" || fail "$listing package lacks $path"
}
for p in /usr/bin/engage-admin \
         /usr/lib/systemd/system/engage-admin.service \
         /usr/lib/systemd/system/engage-admin-backup.service \
         /usr/lib/systemd/system/engage-admin-backup.timer \
         /usr/lib/sysusers.d/engage-admin.conf \
         /usr/lib/tmpfiles.d/engage-admin.conf \
         /usr/share/engage/sample/settings.json \
         /usr/share/engage/sample/help.json \
         /usr/share/engage/sample/you-said-we-did.json \
         /usr/share/doc/engage-admin/copyright \
         /usr/share/doc/engage-admin/changelog.gz \
         /usr/share/doc/engage-admin/operators.md.gz \
         /usr/share/man/man1/engage-admin.1.gz; do
  expect admin "$p"
done
grep -q '^/usr/share/engage/sample/forms/.*\.json$' "$work/admin.list" || fail "no sample forms"
for p in /usr/bin/engage-kiosk /usr/share/engage/i18n/en.json \
         /usr/share/doc/engage-kiosk/copyright /usr/share/doc/engage-kiosk/changelog.gz \
         /usr/share/man/man1/engage-kiosk.1.gz; do
  expect kiosk "$p"
done
# Each package holds only its own program, and no file is in both.
grep -q engage-kiosk "$work/admin.list" && fail "engage-admin holds kiosk files"
grep -q 'bin/engage-admin\|share/engage/sample' "$work/kiosk.list" && fail "engage-kiosk holds server files"
shared=$(comm -12 <(grep -v '/$' "$work/admin.list" | sort) <(grep -v '/$' "$work/kiosk.list" | sort))
[ -z "$shared" ] || fail "files in both packages: $shared"

# --- 3. Install into a clean root. dpkg --root runs maintainer scripts in a
# chroot, which needs a shell inside the root; --force-script-chrootless runs
# them here with DPKG_ROOT set instead, and the postinst does nothing then.
root=$work/root
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
touch "$root/var/lib/dpkg/status"
dpkg --root="$root" --log=/dev/null --force-not-root --force-depends \
  --force-script-chrootless -i "$admin_deb" "$kiosk_deb" >"$work/dpkg.log" 2>&1 ||
  { cat "$work/dpkg.log"; fail "dpkg -i into $root failed"; }
dpkg --root="$root" -s engage-admin 2>/dev/null | grep -q '^Status: install ok installed' ||
  fail "engage-admin is not installed in $root"
dpkg --root="$root" -s engage-kiosk 2>/dev/null | grep -q '^Status: install ok installed' ||
  fail "engage-kiosk is not installed in $root"
[ -x "$root/usr/bin/engage-admin" ] && [ -x "$root/usr/bin/engage-kiosk" ] ||
  fail "the programs are not in $root/usr/bin"
# The installed manual pages render without a warning (as lintian's check does).
if command -v man >/dev/null; then
  for page in engage-admin engage-kiosk; do
    warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l -Tutf8 -Z \
      "$root/usr/share/man/man1/$page.1.gz" 2>&1 >/dev/null) || fail "man cannot render $page.1"
    [ -z "$warnings" ] || fail "$page.1: $warnings"
  done
fi

unset ENGAGE_ASSETS_DIR
share=$root/usr/share/engage

# --- 4. The installed server: sample content, /healthz, the sign-in page.
mkdir -p "$work/admin-data"
chmod 700 "$work/admin-data"
"$root/usr/bin/engage-admin" serve --data "$work/admin-data" --sample \
  --listen 127.0.0.1:0 >"$work/serve.log" 2>&1 &
server_pid=$!
url=""
for _ in $(seq 1 300); do # up to 30 s for the "listening on" line
  url=$(sed -n 's/^listening on \(http:[^ ]*\).*/\1/p' "$work/serve.log" | head -1)
  [ -n "$url" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.log"; fail "engage-admin serve exited"; }
  sleep 0.1
done
[ -n "$url" ] || { cat "$work/serve.log"; fail "engage-admin serve never listened"; }
grep -qF "sample content from $share/sample" "$work/serve.log" ||
  { cat "$work/serve.log"; fail "serve did not take its sample content from $share/sample"; }
[ "$(curl -sS --max-time 10 "$url/healthz")" = ok ] || fail "/healthz did not answer ok"
page=$(curl -sS --max-time 10 "$url/login")
echo "$page" | grep -q '<form' || fail "/login is not a page with a form"
# The style sheet is embedded: it must come from the binary, not a file.
curl -sSf --max-time 10 -o /dev/null "$url/static/engage.css" || fail "/static/engage.css"
kill "$server_pid"
wait "$server_pid" || true
server_pid=""

# --- 5. The installed kiosk, headless: first screen to a PNG.
mkdir -p "$work/kiosk-data" "$work/shots"
chmod 700 "$work/kiosk-data"
printf 'shot first\nquit\n' >"$work/visit.txt"
SDL_AUDIODRIVER=dummy "$root/usr/bin/engage-kiosk" --headless --test-mode \
  --data "$work/kiosk-data" --script "$work/visit.txt" --screenshot-dir "$work/shots" \
  >"$work/kiosk.log" 2>&1 || { cat "$work/kiosk.log"; fail "engage-kiosk --headless failed"; }
grep -qF "UI text from $share/i18n" "$work/kiosk.log" ||
  { cat "$work/kiosk.log"; fail "the kiosk did not take its UI text from $share/i18n"; }
[ -s "$work/shots/first.png" ] || fail "no screenshot"
head -c 8 "$work/shots/first.png" | od -An -tx1 | grep -q '89 50 4e 47' || fail "first.png is not a PNG"

echo "packages: $(basename "$admin_deb") $(stat -c %s "$admin_deb") bytes," \
     "$(basename "$kiosk_deb") $(stat -c %s "$kiosk_deb") bytes; installed and ran from $root"
