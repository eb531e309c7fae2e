#!/usr/bin/env bash
# The sanitizer and fuzzing checks, as functions shared by .ci/run (bounded,
# inside CI's time limit) and scripts/long-checks.sh (long runs by hand).
# Sourced after scripts/setup.sh; every build folder is separate from build/,
# and ccache makes the second run of each cheap.
#
#   engage_sanitizer_stage DIR SANITIZERS CTEST_REGEX TARGET...
#   engage_fuzz_build
#   engage_fuzz_run SECONDS [TARGET...]
# The stages run as `engage_stage ... || failed+=(...)`, where bash ignores
# set -e inside functions: each step below chains with && or returns itself.
set -euo pipefail

ENGAGE_FUZZ_BUILD=${ENGAGE_FUZZ_BUILD:-$ENGAGE_ROOT/build-fuzz}
# Every fuzz target in tests/fuzz/CMakeLists.txt (fuzz-NAME, corpus/NAME/).
ENGAGE_FUZZ_TARGETS=(batch-parser content-bundle redaction kiosk-config server-config
                     kiosk-script display-text)

# Sanitizer reports fail the test that caused them: ASan/UBSan/TSan exit
# non-zero; symbolised stacks with llvm-symbolizer when it is installed.
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1}

# engage_stage NAME COMMAND...: runs one stage and prints its wall time, also
# when it fails.
engage_stage() {
  local name=$1
  shift
  local start=$SECONDS status=0
  echo "=== stage: $name"
  "$@" || status=$?
  echo "=== stage: $name: $((SECONDS - start)) s (exit $status)"
  return "$status"
}

# engage_sanitizer_stage DIR SANITIZERS CTEST_REGEX TARGET...: configures DIR
# with -DENGAGE_SANITIZE=SANITIZERS once, builds only TARGET..., and runs the
# ctest tests whose names match CTEST_REGEX.
engage_sanitizer_stage() {
  local dir=$1 sanitize=$2 regex=$3
  shift 3
  if [ ! -f "$dir/build.ninja" ]; then
    # RelWithDebInfo: sanitizer reports with line numbers, tests not too slow.
    cmake -S "$ENGAGE_ROOT" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DENGAGE_SANITIZE="$sanitize" -DENGAGE_BUILD_BENCH=OFF || return
  fi
  cmake --build "$dir" -j "$(nproc)" --target "$@" || return
  ctest --test-dir "$dir" --output-on-failure --timeout 600 -j "$(nproc)" -R "$regex"
}

engage_fuzz_build() {
  if [ ! -f "$ENGAGE_FUZZ_BUILD/build.ninja" ]; then
    CC=clang-14 CXX=clang++-14 cmake -S "$ENGAGE_ROOT/tests/fuzz" -B "$ENGAGE_FUZZ_BUILD" \
      -G Ninja || return
  fi
  cmake --build "$ENGAGE_FUZZ_BUILD" -j "$(nproc)"
}

# engage_fuzz_run SECONDS [TARGET...]: fuzzes each target (all by default) for
# SECONDS, starting from a copy of its seed corpus (the source tree stays
# untouched; new inputs collect in build-fuzz/corpus/NAME for the next run).
# A crash leaves its input in build-fuzz/crashes/NAME/ and fails: fix it and
# copy the input to tests/fuzz/regressions/NAME/ so the normal suite replays it.
engage_fuzz_run() {
  local seconds=$1 failed=0 t
  shift
  local targets=("$@")
  [ ${#targets[@]} -gt 0 ] || targets=("${ENGAGE_FUZZ_TARGETS[@]}")
  for t in "${targets[@]}"; do
    local work="$ENGAGE_FUZZ_BUILD/corpus/$t" crashes="$ENGAGE_FUZZ_BUILD/crashes/$t"
    mkdir -p "$work" "$crashes"
    # -timeout: one input taking 10 s is a hang worth reporting;
    # -rss_limit_mb: libFuzzer's default, stated; -max_len: our largest
    # realistic input (a content bundle) fits with room.
    echo "--- fuzz-$t for ${seconds} s"
    if ! ASAN_OPTIONS=abort_on_error=1:detect_leaks=1 \
      "$ENGAGE_FUZZ_BUILD/fuzz-$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -max_len=65536 -print_final_stats=1 -artifact_prefix="$crashes/" \
      "$work" "$ENGAGE_ROOT/tests/fuzz/corpus/$t" >"$ENGAGE_FUZZ_BUILD/fuzz-$t.log" 2>&1; then
      echo "fuzz-$t FAILED; log: $ENGAGE_FUZZ_BUILD/fuzz-$t.log, input(s) in $crashes/"
      tail -n 60 "$ENGAGE_FUZZ_BUILD/fuzz-$t.log"
      failed=1
    else
      grep -E '^stat::number_of_executed_units|^stat::new_units_added' \
        "$ENGAGE_FUZZ_BUILD/fuzz-$t.log" | tr '\n' ' '
      echo
    fi
  done
  return "$failed"
}
