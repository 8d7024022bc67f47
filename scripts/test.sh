#!/usr/bin/env bash
# Sets up (if needed), builds everything, and runs every suite:
#   build      native, web-single, web (threads)       one check each
#   ctest      unit and CLI tests (build/native)       one check per CTest test
#   cli-wasm   threadlab-cli native vs wasm on Node    one check per case
#   browser    both page variants in headless Chromium one check per test
#   desktop    Xvfb smoke test of the desktop program  one check per step
#   format     scripts/format.sh --check (clang-format 14) one check
#   asan       unit and CLI tests under ASan + UBSan   one check per CTest test (build/asan)
#   tsan       threaded tests under ThreadSanitizer    one check per CTest test (build/tsan)
#   fuzz       every libFuzzer target, briefly         one check per target (build/fuzz)
# fuzz runs by default (TL_FUZZ_RUNS=0 skips it: ~3 min of build and 20 s per target on 2 cores).
# asan and tsan run by default (TL_SANITIZERS=0 skips both; each has had clean runs).
# Ends with one line "N passed, N failed" and exits non-zero on any failure.
# Long fuzzing runs are not part of this: scripts/fuzz.sh TARGET SECONDS, by hand.
# Logs: build/logs/; screenshots and outputs: build/test-artifacts/.
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$ROOT/scripts/lib/env.sh"
cd "$ROOT"

LOGS=$ROOT/build/logs
ART=$ROOT/build/test-artifacts
mkdir -p "$LOGS" "$ART"
passed=0
failed=0
failures=()
t_start=$SECONDS

tally() {  # suite passed failed
  passed=$((passed + $2)); failed=$((failed + $3))
  ((${3} == 0)) || failures+=("$1: $3 failed")
  printf '[test] %-9s %3d passed, %d failed (%d s)\n' "$1" "$2" "$3" "$((SECONDS - suite_t0))"
}
# Counts "ok - " / "not ok - " lines of a suite that reports that way.
tally_lines() {  # suite log exit_code
  local p f
  p=$(grep -c '^ok - ' "$2"); f=$(grep -c '^not ok - ' "$2")
  # A crash before any report still has to count.
  if (($3 != 0 && f == 0)); then f=1; fi
  tally "$1" "$p" "$f"
}

# ---- setup ----------------------------------------------------------------------------------
suite_t0=$SECONDS
if ! ensure_setup; then
  echo "[test] setup failed; nothing else can run"
  echo "0 passed, 1 failed"
  exit 1
fi

# ---- build ----------------------------------------------------------------------------------
suite_t0=$SECONDS
b_pass=0; b_fail=0
for preset in native web-single web-threads; do
  if bash scripts/build.sh "$preset" 2>&1; then b_pass=$((b_pass + 1)); else b_fail=$((b_fail + 1)); fi
done
tally build "$b_pass" "$b_fail"

# ---- ctest ----------------------------------------------------------------------------------
# Tallies a ctest log by its "N% tests passed, N tests failed out of N" line.
tally_ctest() {  # suite log
  local line total bad
  line=$(grep -E '[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$2" | tail -n 1)
  if [[ -n $line ]]; then
    total=$(sed -E 's/.* out of ([0-9]+).*/\1/' <<<"$line")
    bad=$(sed -E 's/.*passed, ([0-9]+) tests? failed.*/\1/' <<<"$line")
    ((total > 0)) || bad=1
    tally "$1" "$((total - bad))" "$bad"
    ((bad == 0)) || sed -n '/The following tests FAILED/,$p' "$2" | head -n 40
  else
    # No summary: no tests found (noTestsAction=error) or ctest itself failed.
    tail -n 20 "$2"
    tally "$1" 0 1
  fi
}

suite_t0=$SECONDS
if [[ -f build/native/CTestTestfile.cmake ]]; then
  ctest --preset native >"$LOGS/ctest.log" 2>&1
  tally_ctest ctest "$LOGS/ctest.log"
else
  echo "[test] ctest: build/native was not configured"
  tally ctest 0 1
fi

# ---- CLI: native vs wasm -------------------------------------------------------------------
suite_t0=$SECONDS
bash scripts/lib/cli-parity.sh build/native/threadlab-cli build/web/cli/threadlab-cli.js \
  "$ART/cli-parity" >"$LOGS/cli-parity.log" 2>&1
rc=$?
grep '^not ok' -A 12 "$LOGS/cli-parity.log" | head -n 40
tally_lines cli-wasm "$LOGS/cli-parity.log" "$rc"

# ---- browser --------------------------------------------------------------------------------
suite_t0=$SECONDS
(cd web && TL_ARTIFACTS="$ART" node --test --test-timeout=180000 \
   --test-reporter=spec --test-reporter-destination="$LOGS/browser.log" \
   --test-reporter=tap --test-reporter-destination="$LOGS/browser.tap" tests/) >/dev/null 2>&1
rc=$?
p=$(sed -nE 's/^# pass ([0-9]+)$/\1/p' "$LOGS/browser.tap" 2>/dev/null | tail -n 1)
f=$(sed -nE 's/^# fail ([0-9]+)$/\1/p' "$LOGS/browser.tap" 2>/dev/null | tail -n 1)
c=$(sed -nE 's/^# cancelled ([0-9]+)$/\1/p' "$LOGS/browser.tap" 2>/dev/null | tail -n 1)
p=${p:-0}; f=$((${f:-0} + ${c:-0}))
if ((rc != 0 && f == 0)); then f=1; fi
((f == 0)) || grep -E '✖|Error|expected|actual' "$LOGS/browser.log" | head -n 40
tally browser "$p" "$f"

# ---- desktop --------------------------------------------------------------------------------
suite_t0=$SECONDS
bash tests/desktop/smoke.sh build/native "$ART" >"$LOGS/desktop.log" 2>&1
rc=$?
grep '^not ok' -A 6 "$LOGS/desktop.log"
tally_lines desktop "$LOGS/desktop.log" "$rc"

# ---- format ---------------------------------------------------------------------------------
suite_t0=$SECONDS
if bash scripts/format.sh --check >"$LOGS/format.log" 2>&1; then
  tally format 1 0
else
  echo "[test] format: these files differ from .clang-format (scripts/format.sh rewrites them):"
  head -n 20 "$LOGS/format.log"
  tally format 0 1
fi

# ---- sanitizers and fuzzing (clang 14) ------------------------------------------------------
# Configures (when needed) and builds a preset's targets into build/<preset>.
build_sanitized() {  # preset [targets...]
  local preset=$1 dir=$ROOT/build/$1 log=$LOGS/build-$1.log
  shift
  if [[ ! -f $dir/build.ninja || CMakePresets.json -nt $dir/CMakeCache.txt ]]; then
    cmake --preset "$preset" >"$log" 2>&1 || { tail -n 20 "$log"; return 1; }
  fi
  local targets=()
  for t in "$@"; do targets+=(--target "$t"); done
  cmake --build "$dir" -j "$TL_JOBS" "${targets[@]}" >>"$log" 2>&1 ||
    { grep -E 'error|FAILED' "$log" | head -n 30; return 1; }
}

if [[ ${TL_SANITIZERS:-default} != 0 ]]; then
# asan: every unit, CLI and fuzz-replay test of the native tree except the app's (which needs
# the ImGui program; TL_BUILD_APP is off in this preset).
suite_t0=$SECONDS
if build_sanitized asan; then
  ctest --preset asan >"$LOGS/ctest-asan.log" 2>&1
  tally_ctest asan "$LOGS/ctest-asan.log"
else
  echo "[test] asan: build failed, see $LOGS/build-asan.log"
  tally asan 0 1
fi

else
  echo "[test] asan skipped (TL_SANITIZERS=0)"
fi

if [[ ${TL_SANITIZERS:-default} != 0 ]]; then
# tsan: the tests that start threads (thread pool, session and its trace budget, cancel, sweeps,
# compare sweeps), the CLI's sweep, which runs its cells on a pool, and the lab's threads (its
# kernel threads, thread creation, ping-pong, and the measuring job the desktop's Lab view reads
# every frame); not the lab's speed-ups, which time the machine and mean nothing at TSan's speed.
suite_t0=$SECONDS
TSAN_TESTS='^(ThreadPool|Session|SessionTraceBudget|Cancel|Sweep|CompareShorthand|LabKernelThreads|LabCreation|LabPingPong|LabJob)\.|^CliLimits\.LargestSweep'
if build_sanitized tsan tl_sim_run_tests tl_sim_engine_tests tl_cli_tests threadlab-cli tl_lab_tests; then
  ctest --preset tsan -R "$TSAN_TESTS" >"$LOGS/ctest-tsan.log" 2>&1
  tally_ctest tsan "$LOGS/ctest-tsan.log"
else
  echo "[test] tsan: build failed, see $LOGS/build-tsan.log"
  tally tsan 0 1
fi

else
  echo "[test] tsan skipped (TL_SANITIZERS=0)"
fi

# fuzz: each target for TL_FUZZ_SECONDS (20) from its seeds and regressions; one check each.
if [[ ${TL_FUZZ_RUNS:-1} == 1 ]]; then
suite_t0=$SECONDS
f_pass=0; f_fail=0
if build_sanitized fuzz fuzz_targets; then
  for target in $(bash scripts/fuzz.sh list); do
    # app_args needs the ImGui app library, which the fuzz preset leaves out to stay small.
    [[ -x build/fuzz/tests/fuzz/fuzz_$target ]] || { echo "[test] fuzz: $target not in this build, skipped"; continue; }
    # 30 s per input before a hang is declared (fuzz.sh's own 10 s): a busy machine must not
    # turn a seed that takes 0.2 s of CPU into a false hang.
    if TL_FUZZ_NO_BUILD=1 TL_FUZZ_TIMEOUT=${TL_FUZZ_TIMEOUT:-30} bash scripts/fuzz.sh "$target" "${TL_FUZZ_SECONDS:-20}" >"$LOGS/fuzz-$target.log" 2>&1; then
      f_pass=$((f_pass + 1))
    else
      f_fail=$((f_fail + 1))
      echo "[test] fuzz $target failed:"; grep -E 'ERROR|SUMMARY|fuzz property|Test unit written' "$LOGS/fuzz-$target.log" | head -n 10
    fi
  done
else
  echo "[test] fuzz: build failed, see $LOGS/build-fuzz.log"
  f_fail=1
fi
tally fuzz "$f_pass" "$f_fail"

else
  echo "[test] fuzz skipped (TL_FUZZ_RUNS=0)"
fi

# ---- summary --------------------------------------------------------------------------------
echo "[test] total time $((SECONDS - t_start)) s; logs in build/logs, screenshots in build/test-artifacts"
for f in "${failures[@]}"; do echo "[test] FAILED $f"; done
echo "$passed passed, $failed failed"
((failed == 0))
