#!/usr/bin/env bash
# Checks the server's systemd files offline (no running systemd needed):
# - systemd-analyze verify on the units, with ExecStart pointed at the
#   engage-admin just built (verify wants the binary to exist);
# - every sandbox setting docs/operators.md promises is in the unit;
# - systemd-analyze security --offline=true: prints the exposure score and
#   fails above max_exposure, so a setting dropped later is noticed;
# - sysusers.d and tmpfiles.d snippets applied to a scratch root make the
#   user and a 0700 data folder owned by it.
# Usage: verify_units.sh SOURCE_DIR ENGAGE_ADMIN_BINARY
# Exit 77 (skipped) where systemd's tools are not installed.
set -euo pipefail
src=$1
binary=$2
# 1.4 today ("OK"); a little headroom for systemd's own scoring changes.
max_exposure=2.0

if ! command -v systemd-analyze >/dev/null; then
  echo "skipped: systemd-analyze is not installed"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
units=$work/units
mkdir -p "$units"
cp -r "$src"/hardware/systemd/. "$units"/
sed -i "s|/usr/bin/engage-admin|$binary|g" "$units"/*.service

fail=0
# The drop-in folder beside the unit is read too when the folder is on the
# unit path.
if ! out=$(cd "$units" && SYSTEMD_UNIT_PATH="$units:" systemd-analyze verify \
      engage-admin.service engage-admin-backup.service engage-admin-backup.timer 2>&1); then
  echo "verify failed:"; echo "$out"; fail=1
elif [ -n "$out" ]; then
  echo "verify warned (treated as failure):"; echo "$out"; fail=1
else
  echo "systemd-analyze verify: clean"
fi

for setting in 'User=engage-admin' 'ProtectSystem=strict' 'ProtectHome=yes' 'PrivateTmp=yes' \
    'PrivateDevices=yes' 'NoNewPrivileges=yes' 'CapabilityBoundingSet=$' \
    'ReadWritePaths=/var/lib/engage-admin$' 'SystemCallFilter=@system-service' \
    'RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX$' 'MemoryDenyWriteExecute=yes' \
    'LockPersonality=yes' 'ProtectKernelTunables=yes' 'ProtectKernelModules=yes' \
    'ProtectKernelLogs=yes' 'ProtectControlGroups=yes' 'RestrictNamespaces=yes' \
    'UMask=0077' 'Restart=on-failure' 'ExecReload=/bin/kill -HUP \$MAINPID'; do
  if ! grep -q "^$setting" "$units/engage-admin.service"; then
    echo "engage-admin.service lacks $setting"; fail=1
  fi
done

if systemd-analyze security --help 2>&1 | grep -q -- '--offline'; then
  report=$(cd "$units" && systemd-analyze security --offline=true ./engage-admin.service 2>&1 || true)
  score=$(echo "$report" | sed -n 's/.*Overall exposure level for engage-admin.service: \([0-9.]*\).*/\1/p')
  echo "systemd-analyze security --offline=true: exposure $score (0 best, 10 worst)"
  if [ -z "$score" ] || awk -v s="$score" -v m="$max_exposure" 'BEGIN { exit !(s > m) }'; then
    echo "$report"; echo "exposure above $max_exposure"; fail=1
  fi
else
  echo "this systemd has no security --offline: score not measured"
fi

root=$work/root
mkdir -p "$root/etc"
if systemd-sysusers --root="$root" "$units/engage-admin.sysusers.conf" >/dev/null &&
   systemd-tmpfiles --root="$root" --create "$units/engage-admin.tmpfiles.conf"; then
  uid=$(awk -F: '$1 == "engage-admin" { print $3 }' "$root/etc/passwd")
  for d in var/lib/engage-admin var/backups/engage-admin; do
    got=$(stat -c '%a %u' "$root/$d" 2>/dev/null || echo missing)
    if [ -z "$uid" ] || [ "$got" != "700 $uid" ]; then
      echo "$d is '$got', expected '700 $uid'"; fail=1
    fi
  done
  echo "sysusers.d and tmpfiles.d: user engage-admin (uid $uid), folders 0700"
else
  echo "sysusers.d or tmpfiles.d snippet refused"; fail=1
fi
exit $fail
