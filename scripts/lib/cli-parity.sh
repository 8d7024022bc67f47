#!/usr/bin/env bash
# threadlab-cli natively and as wasm under Node must agree byte for byte: same stdout, same
# stderr, same exit code, same files written. The simulator is deterministic on every
# platform; this is where that promise is checked end to end.
# Prints one "ok - NAME" / "not ok - NAME" line per case; exit status = number of failures.
#   scripts/lib/cli-parity.sh NATIVE_CLI WASM_CLI_JS [WORK_DIR]
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
NATIVE=$1
WASM=$2
WORK=${3:-$ROOT/build/test-artifacts/cli-parity}
failures=0
mkdir -p "$WORK"

for f in "$NATIVE" "$WASM"; do
  [[ -f $f ]] || { echo "not ok - cli parity: $f exists"; exit 1; }
done

# run_both NAME ARGS...: '@OUT@' in ARGS becomes a per-side output file, compared afterwards.
run_both() {
  local name=$1; shift
  local side dir args=() rc_native rc_wasm
  for side in native wasm; do
    dir=$WORK/$name/$side
    rm -rf "$dir"; mkdir -p "$dir"
    args=("${@//@OUT@/$dir/out.json}")
    if [[ $side == native ]]; then
      (cd "$ROOT" && "$NATIVE" "${args[@]}" >"$dir/stdout" 2>"$dir/stderr"); echo $? >"$dir/rc"
    else
      (cd "$ROOT" && node "$WASM" "${args[@]}" >"$dir/stdout" 2>"$dir/stderr"); echo $? >"$dir/rc"
    fi
  done
  # Output files name their own path in nothing; compare them under one name.
  local n=$WORK/$name/native w=$WORK/$name/wasm
  if diff -r "$n" "$w" >"$WORK/$name/diff" 2>&1; then
    echo "ok - cli parity: $name (exit $(cat "$n/rc"))"
    LAST_DIR=$n
    return 0
  fi
  echo "not ok - cli parity: $name"
  head -n 20 "$WORK/$name/diff" | sed 's/^/    /'
  failures=$((failures + 1))
  LAST_DIR=$n
  return 1
}

# Bad input must be a one-line error and exit code 2, identically on both sides.
expect_usage_error() {
  local name=$1 dir=$LAST_DIR
  if [[ $(cat "$dir/rc") == 2 && $(wc -l <"$dir/stderr") == 1 && ! -s $dir/stdout ]]; then
    echo "ok - cli: $name is a one-line error with exit code 2"
  else
    echo "not ok - cli: $name is a one-line error with exit code 2"
    echo "    exit $(cat "$dir/rc"), stderr:"; sed 's/^/      /' "$dir/stderr" | head -n 5
    failures=$((failures + 1))
  fi
}

for scenario in "$ROOT"/examples/*.json; do
  base=$(basename "$scenario" .json)
  rel=examples/$base.json
  run_both "run-$base" run "$rel"
  run_both "run-$base-json" run "$rel" --json
done
run_both "trace-out-slice" run examples/slice.json --trace-out @OUT@
run_both "validate-slice" validate examples/slice.json
run_both "ostep-scheduler" ostep scheduler -p FIFO -l 10,20,30 -c
run_both "unknown-flag" run examples/slice.json --no-such-flag
expect_usage_error "an unknown flag"
run_both "unreadable-file" run examples/does-not-exist.json
expect_usage_error "an unreadable file"
exit "$failures"
