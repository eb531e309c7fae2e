#!/usr/bin/env bash
# Turns a fresh Debian 12 install into an Engage kiosk appliance: the kiosk
# package, a locked-down user, engage-kiosk full screen under cage on tty1
# with a watchdog, no way out to a desktop or a virtual terminal, SysRq off,
# the display dimmed on the closed screen and woken by touch. Every change and its undo:
# hardware/README.md. Run as root, once or again (each step is idempotent).
#
#   provision-kiosk.sh --deb PATH/engage-kiosk_VERSION_ARCH.deb --profile NAME
#                      [--server URL] [--yes]
#
#   --deb      the kiosk package (built with `cpack -G DEB`)
#   --profile  a device profile: hardware/profiles/NAME.conf (panel-10,
#              aio-15, aio-22, totem-portrait) or /etc/engage-kiosk/profiles
#   --server   the Engage server's address (kiosk.conf `server`), for enrolling
#   --yes      do not ask before changing the system
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
user=engage-kiosk
data=/var/lib/engage-kiosk
defaults=/etc/default/engage-kiosk
libdir=/usr/local/lib/engage-kiosk
unitdir=/etc/systemd/system

deb=""
profile=""
assume_yes=0
server=""

die() { echo "provision-kiosk: $*" >&2; exit 1; }
say() { echo "provision-kiosk: $*"; }
usage() { sed -n '8,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
  case $1 in
    --deb) deb=${2:?--deb needs a path}; shift 2 ;;
    --profile) profile=${2:?--profile needs a name}; shift 2 ;;
    --server) server=${2:?--server needs a URL}; shift 2 ;;
    --open|--close)
      die "$1: opening hours now come from the site (the web app's Sites page); drop it" ;;
    --yes) assume_yes=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument $1" ;;
  esac
done

# --- Checks before anything changes.
[ "$(id -u)" -eq 0 ] || die "run as root"
[ -n "$deb" ] || die "--deb PATH is required (the engage-kiosk_*.deb package)"
[ -f "$deb" ] || die "no such package: $deb"
case $(basename "$deb") in engage-kiosk_*.deb) ;; *) die "$deb is not an engage-kiosk_*.deb" ;; esac
[ -n "$profile" ] || die "--profile NAME is required (see hardware/profiles/)"
profile_file=""
for d in /etc/engage-kiosk/profiles "$here/profiles" /usr/share/engage/profiles; do
  if [ -f "$d/$profile.conf" ]; then profile_file=$d/$profile.conf; break; fi
done
if [ -z "$profile_file" ]; then
  known=""
  for f in "$here"/profiles/*.conf; do
    [ -e "$f" ] && known="$known $(basename "$f" .conf)"
  done
  die "unknown profile '$profile'; known:${known:- none}"
fi
if [ -r /etc/os-release ]; then
  # shellcheck disable=SC1091
  . /etc/os-release
  if [ "${ID:-}" != debian ] || [ "${VERSION_ID:-}" != 12 ]; then
    say "warning: made for Debian 12, this is ${PRETTY_NAME:-unknown}"
  fi
fi
if [ "$assume_yes" -ne 1 ]; then
  read -r -p "Make this machine an Engage kiosk (profile $profile)? [y/N] " answer
  [ "$answer" = y ] || [ "$answer" = Y ] || die "nothing changed"
fi

# Reads one key from the profile (key = value).
profile_value() {
  sed -n "s/^[[:space:]]*$1[[:space:]]*=[[:space:]]*\(.*[^[:space:]]\)[[:space:]]*$/\1/p" \
    "$profile_file" | tail -n1
}

# --- 1. Packages: the kiosk (its Depends: come with it), cage, Xwayland.
say "installing cage and $(basename "$deb")"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends cage xwayland
apt-get install -y -q "$(readlink -f "$deb")"

# --- 2. The kiosk's user: a system account that cannot log in.
if ! id "$user" >/dev/null 2>&1; then
  say "creating user $user (no shell, no password)"
  useradd --system --user-group --home-dir "$data" --no-create-home \
    --shell /usr/sbin/nologin --comment "Engage kiosk" "$user"
fi
usermod --shell /usr/sbin/nologin "$user"
passwd --lock "$user" >/dev/null

# --- 3. The data folder (outbox, content, settings): owner only, on a
# journalled filesystem that honours fsync (the outbox's durability).
install -d -m 0700 -o "$user" -g "$user" "$data"
fstype=$(findmnt -no FSTYPE -T "$data")
options=$(findmnt -no OPTIONS -T "$data")
case $fstype in
  ext4|xfs|btrfs) ;;
  *) say "warning: $data is on $fstype; use ext4 (hardware/README.md, 'Data folder')" ;;
esac
case ",$options," in
  *,nobarrier,*|*,barrier=0,*|*,data=writeback,*)
    say "warning: $data is mounted with '$options': a power cut may lose acknowledged answers" ;;
esac

if [ -n "$server" ]; then
  # The kiosk's own config file (kiosk/config/options.hpp); the kiosk keeps other lines.
  conf=$data/kiosk.conf
  if [ -f "$conf" ] && grep -q '^server[[:space:]]*=' "$conf"; then
    sed -i "s|^server[[:space:]]*=.*|server = $server|" "$conf"
  else
    [ -f "$conf" ] || printf '# engage-kiosk settings (key = value)\nformat = 1\n' >"$conf"
    echo "server = $server" >>"$conf"
  fi
  chown "$user:$user" "$conf"
  chmod 0600 "$conf"
fi

# --- 4. Settings for the units.
rotation=$(profile_value rotation)
cage_options=""
for _ in $(seq 1 "${rotation:-0}"); do cage_options="$cage_options -r"; done
say "writing $defaults"
cat >"$defaults" <<CONF
# Written by provision-kiosk.sh; read by engage-kiosk.service and
# engage-kiosk-display.service.
ENGAGE_PROFILE=$profile
ENGAGE_CAGE_OPTIONS=${cage_options# }
ENGAGE_DIM_PERCENT=5
ENGAGE_BRIGHT_PERCENT=100
CONF

# --- 5. Touch calibration from the profile, when it is not the identity.
matrix=$(profile_value touch_calibration)
rules=/etc/udev/rules.d/90-engage-kiosk-touch.rules
if [ -n "$matrix" ] && [ "$matrix" != "1 0 0 0 1 0" ]; then
  say "touch calibration $matrix"
  echo "ENV{ID_INPUT_TOUCHSCREEN}==\"1\", ENV{LIBINPUT_CALIBRATION_MATRIX}=\"$matrix\"" >"$rules"
  udevadm control --reload-rules || true
else
  rm -f "$rules"
fi

# --- 6. Units: the kiosk, and the display service with the path unit that
# runs it when the kiosk asks to dim or wake.
say "installing the units"
# An earlier provisioning dimmed by a timer at fixed hours: gone, the kiosk decides.
if [ -e "$unitdir/engage-kiosk-display.timer" ]; then
  systemctl disable --now engage-kiosk-display.timer >/dev/null 2>&1 || true
  rm -rf "$unitdir/engage-kiosk-display.timer" "$unitdir/engage-kiosk-display.timer.d"
fi
install -m 0644 "$here/systemd/engage-kiosk.service" "$unitdir/"
install -m 0644 "$here/systemd/engage-kiosk-display.service" "$unitdir/"
install -m 0644 "$here/systemd/engage-kiosk-display.path" "$unitdir/"
install -d "$libdir"
install -m 0755 "$here/kiosk-display.sh" "$libdir/"

# --- 7. No way out.
# Virtual terminals: logind starts no gettys on demand and keeps none in reserve;
# the consoles' gettys are masked; tty1 is the kiosk's (its unit conflicts with getty@tty1).
say "closing the ways out (VTs, SysRq, Ctrl+Alt+Del, power keys)"
install -d /etc/systemd/logind.conf.d
cat >/etc/systemd/logind.conf.d/90-engage-kiosk.conf <<'CONF'
# Written by provision-kiosk.sh: no virtual terminals to switch to, and the
# keys a passer-by could press on a keyboard left attached do nothing.
[Login]
NAutoVTs=0
ReserveVT=0
HandlePowerKey=ignore
HandleSuspendKey=ignore
HandleHibernateKey=ignore
HandleRebootKey=ignore
CONF
for n in 1 2 3 4 5 6; do
  systemctl disable "getty@tty$n.service" >/dev/null 2>&1 || true
  [ "$n" -eq 1 ] || systemctl mask "getty@tty$n.service" >/dev/null
done
systemctl mask ctrl-alt-del.target >/dev/null
# The magic SysRq keys could kill the kiosk or reboot the machine.
echo "kernel.sysrq = 0" >/etc/sysctl.d/90-engage-kiosk.conf
sysctl -q -p /etc/sysctl.d/90-engage-kiosk.conf || true

# --- 8. Start on boot.
systemctl daemon-reload
systemctl set-default graphical.target >/dev/null
systemctl enable engage-kiosk.service engage-kiosk-display.path >/dev/null
say "done. Next, as root:"
say "  runuser -u $user -- engage-kiosk --data $data --set-staff-pin"
say "  reboot   (or: systemctl restart systemd-logind; systemctl start engage-kiosk)"
say "then enrol from the screen: hold the top corner, staff PIN, Re-enrol."
