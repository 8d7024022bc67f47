#!/usr/bin/env bash
# Builds threadlab: `native` (build/native: desktop program, CLI, tests, benchmarks), `web`
# (build/web/dist: both page variants and the shell; build/web/cli: the CLI for Node), or
# `all` (default). Variants are built one after the other with TL_JOBS (2) jobs each: emcc is
# memory- and start-up-bound, running them side by side only thrashes a 2-core machine.
#   scripts/build.sh [native|web|all]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$ROOT/scripts/lib/env.sh"
cd "$ROOT"

build_preset() {  # preset
  local t0=$SECONDS log="$ROOT/build/logs/build-$1.log"
  mkdir -p "$ROOT/build/logs"
  printf '[build] %-10s ' "$1" >&2
  # Configure only when needed (new tree, or presets edited since): ninja re-runs CMake by
  # itself when a CMakeLists.txt changes, but not when a preset's cache variables do.
  local dir; dir=$(preset_dir "$1")
  if [[ ! -f $dir/build.ninja || CMakePresets.json -nt $dir/CMakeCache.txt ]]; then
    cmake --preset "$1" >"$log" 2>&1 || { echo "configure failed, see $log" >&2; tail -n 30 "$log" >&2; return 1; }
  fi
  if cmake --build --preset "$1" -j "$TL_JOBS" >>"$log" 2>&1; then
    echo "ok ($((SECONDS - t0)) s)" >&2
  else
    echo "FAILED ($((SECONDS - t0)) s), see $log" >&2
    grep -E 'error|FAILED' "$log" | head -n 30 >&2
    return 1
  fi
}
preset_dir() {
  case $1 in
    native) echo "$ROOT/build/native" ;;
    web) echo "$ROOT/build/web/threads" ;;
    web-single) echo "$ROOT/build/web/single" ;;
  esac
}

what=${1:-all}
case $what in
  native) build_preset native ;;
  web) build_preset web-single && build_preset web ;;
  all) build_preset native && build_preset web-single && build_preset web ;;
  web-single) build_preset web-single ;;
  web-threads) build_preset web ;;
  *) echo "usage: scripts/build.sh [native|web|all]" >&2; exit 2 ;;
esac
