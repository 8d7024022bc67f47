#!/usr/bin/env bash
# Formats the C++ sources (src/, tests/, bench/) with .clang-format, or checks them.
#   scripts/format.sh            rewrites every file that differs
#   scripts/format.sh --check    changes nothing; lists the files that differ and exits 1
#   scripts/format.sh [--check] FILE...   only those files
# Uses clang-format 14 (Debian 12's clang-format-14 package): other versions format some
# constructs differently, so a check passing here could fail there. CLANG_FORMAT picks the
# binary (it must still be version 14).
# Exit codes: 0 formatted / nothing differs, 1 files differ (--check), 2 bad usage or no
# clang-format 14.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

check=0
files=()
for arg in "$@"; do
  case $arg in
    --check) check=1 ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "error: unknown option '$arg' (expected --check or file names)" >&2; exit 2 ;;
    *) [[ -f $arg ]] || { echo "error: $arg: no such file" >&2; exit 2; }; files+=("$arg") ;;
  esac
done

find_clang_format() {
  local candidate candidates=(clang-format-14 clang-format)
  [[ -z ${CLANG_FORMAT:-} ]] || candidates=("$CLANG_FORMAT")
  for candidate in "${candidates[@]}"; do
    command -v "$candidate" >/dev/null 2>&1 || continue
    if "$candidate" --version 2>/dev/null | grep -qE 'version 14\.'; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}
if ! CF=$(find_clang_format); then
  if [[ -n ${CLANG_FORMAT:-} ]]; then
    echo "error: CLANG_FORMAT=$CLANG_FORMAT is not clang-format version 14" >&2
  else
    echo "error: clang-format 14 not found (Debian: apt-get install clang-format-14; or set CLANG_FORMAT)" >&2
  fi
  exit 2
fi

if [[ ${#files[@]} -eq 0 ]]; then
  # The tracked sources when this is a git checkout, else every source file in those folders.
  if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    mapfile -t files < <(git ls-files -- 'src/*.h' 'src/*.cpp' 'tests/*.h' 'tests/*.cpp' 'bench/*.h' 'bench/*.cpp')
  else
    mapfile -t files < <(find src tests bench -type f \( -name '*.h' -o -name '*.cpp' \) | sort)
  fi
fi

if [[ $check -eq 0 ]]; then
  printf '%s\0' "${files[@]}" | xargs -0 -r "$CF" -i --style=file
  exit 0
fi

# One clang-format process for all files: --dry-run reports each differing place as
# "FILE:LINE:COL: warning: code should be clang-formatted [-Wclang-format-violations]".
mapfile -t differing < <(printf '%s\0' "${files[@]}" | xargs -0 -r "$CF" --dry-run --style=file 2>&1 |
  sed -nE 's/^(.+):[0-9]+:[0-9]+: (warning|error): .*\[-Wclang-format-violations\]$/\1/p' | sort -u)
if [[ ${#differing[@]} -gt 0 ]]; then
  printf '%s\n' "${differing[@]}"
  echo "${#differing[@]} of ${#files[@]} files differ from .clang-format; scripts/format.sh rewrites them" >&2
  exit 1
fi
echo "all ${#files[@]} checked files match .clang-format" >&2
