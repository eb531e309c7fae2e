#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test through ctest.
#   scripts/test.sh                 # everything
#   scripts/test.sh -R server       # extra arguments go to ctest
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
engage_install_missing
engage_build
cd "$ENGAGE_BUILD"
ctest --output-on-failure --timeout 600 -j "$(nproc)" "$@"
