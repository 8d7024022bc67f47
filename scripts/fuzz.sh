#!/usr/bin/env bash
# Runs one libFuzzer target of tests/fuzz for a while:
#   scripts/fuzz.sh TARGET SECONDS [more libFuzzer flags...]
#   scripts/fuzz.sh list                      the targets
# Builds the `fuzz` preset (build/fuzz, clang 14, ASan + UBSan) when needed; app_args, which needs
# the ImGui app library the fuzz preset leaves out to stay small, builds the same preset with the
# app in build/fuzz-app. Reads the target's
# seeds (tests/fuzz/TARGET/seeds and the repository folders listed in its seed_dirs) and its
# regressions; keeps the new inputs it finds in build/fuzz-corpus/TARGET, never in the
# repository, so the next run starts from there. Each input is limited: -timeout (a slow input
# is reported as a hang), -rss_limit_mb (memory), -max_len (bytes). A failing input is saved to
# build/fuzz-artifacts/TARGET/; tests/fuzz/README.md says how it becomes a regression test.
# Exit code: 0 when the time ran out without a failure, libFuzzer's non-zero code otherwise.
# Env: TL_FUZZ_TIMEOUT (s per input, 10), TL_FUZZ_RSS_MB (2048), TL_FUZZ_NO_BUILD=1 (use the
# existing build as it is).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$ROOT/scripts/lib/env.sh"
cd "$ROOT"

FUZZ_DIR=tests/fuzz
targets() {
  local d
  for d in "$FUZZ_DIR"/*/; do
    d=${d%/}; d=${d##*/}
    [[ -f $FUZZ_DIR/$d/$d.cpp ]] && echo "$d"
  done
}
usage() { echo "usage: scripts/fuzz.sh TARGET SECONDS [libFuzzer flags...] | list" >&2; exit 2; }

[[ ${1:-} == list ]] && { targets; exit 0; }
(($# >= 2)) || usage
target=$1 seconds=$2
shift 2
[[ $'\n'$(targets)$'\n' == *$'\n'"$target"$'\n'* ]] || { echo "error: unknown fuzz target '$target' (scripts/fuzz.sh list)" >&2; exit 2; }
[[ $seconds =~ ^[0-9]+$ ]] && ((seconds > 0)) || { echo "error: SECONDS must be a whole number > 0, got '$seconds'" >&2; exit 2; }

BUILD=$ROOT/build/fuzz
configure=(--preset fuzz)
if [[ $target == app_args ]]; then
  BUILD=$ROOT/build/fuzz-app
  configure+=(-DTL_BUILD_APP=ON -B "$BUILD")
fi
bin=$BUILD/tests/fuzz/fuzz_$target
if [[ ${TL_FUZZ_NO_BUILD:-0} != 1 ]]; then
  mkdir -p "$ROOT/build/logs"
  log=$ROOT/build/logs/build-${BUILD##*/}.log
  if [[ ! -f $BUILD/build.ninja || CMakePresets.json -nt $BUILD/CMakeCache.txt ]]; then
    cmake "${configure[@]}" >"$log" 2>&1 || { tail -n 30 "$log" >&2; echo "error: configuring the fuzz build failed" >&2; exit 1; }
  fi
  if ! grep -q "^build tests/fuzz/fuzz_$target:" "$BUILD/build.ninja"; then
    echo "error: fuzz_$target is not part of the build in ${BUILD#"$ROOT/"} (for app_args, the app could not be configured: see $log)" >&2
    exit 2
  fi
  cmake --build "$BUILD" -j "$TL_JOBS" --target "fuzz_$target" >>"$log" 2>&1 ||
    { grep -E 'error|FAILED' "$log" | head -n 30 >&2; echo "error: building fuzz_$target failed, see $log" >&2; exit 1; }
fi
[[ -x $bin ]] || { echo "error: $bin is missing (build the fuzz preset)" >&2; exit 1; }

corpus=$ROOT/build/fuzz-corpus/$target
artifacts=$ROOT/build/fuzz-artifacts/$target
mkdir -p "$corpus" "$artifacts"
inputs=("$corpus")
[[ -d $FUZZ_DIR/$target/seeds ]] && inputs+=("$FUZZ_DIR/$target/seeds")
if [[ -f $FUZZ_DIR/$target/seed_dirs ]]; then
  while IFS= read -r dir; do [[ -n $dir && -d $dir ]] && inputs+=("$dir"); done <"$FUZZ_DIR/$target/seed_dirs"
fi
[[ -d $FUZZ_DIR/$target/regressions ]] && inputs+=("$FUZZ_DIR/$target/regressions")

flags=(-max_total_time="$seconds" -timeout="${TL_FUZZ_TIMEOUT:-10}" -rss_limit_mb="${TL_FUZZ_RSS_MB:-2048}"
       -artifact_prefix="$artifacts/" -print_final_stats=1)
# JSON documents need room; argument lists do not.
if [[ -f $FUZZ_DIR/$target/seed_dirs ]]; then flags+=(-max_len=16384); else flags+=(-max_len=1024); fi
if [[ -f $FUZZ_DIR/$target/dict ]]; then flags+=(-dict="$FUZZ_DIR/$target/dict")
elif [[ -f $FUZZ_DIR/$target/seed_dirs ]]; then flags+=(-dict="$FUZZ_DIR/scenario.dict"); fi

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
echo "[fuzz] $target for $seconds s: ${inputs[*]#"$ROOT/"}" >&2
exec "$bin" "${flags[@]}" "$@" "${inputs[@]}"
