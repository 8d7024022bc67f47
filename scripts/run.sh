#!/usr/bin/env bash
# Builds and serves the web page (or, with --desktop, builds and starts the desktop program).
#   scripts/run.sh [--port N] [--no-isolation]     serve build/web/dist at http://127.0.0.1:N/
#   scripts/run.sh --desktop [threadlab args...]   e.g. --desktop --cores 4
# The page is served with COOP/COEP (threads variant); --no-isolation serves it the way a
# plain static host would (single variant). PORT in the environment also sets the port.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$ROOT/scripts/lib/env.sh"
cd "$ROOT"

if [[ ${1:-} == --desktop ]]; then
  shift
  TL_SKIP_WEB=1 ensure_setup
  bash scripts/build.sh native
  exec "$ROOT/build/native/threadlab" "$@"
fi

port=${PORT:-8080}
serve_args=()
while (($#)); do
  case $1 in
    --port) port=${2:?--port needs a number}; shift 2 ;;
    --port=*) port=${1#--port=}; shift ;;
    --no-isolation) serve_args+=(--no-isolation); shift ;;
    -h|--help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
ensure_setup
bash scripts/build.sh web
echo "threadlab: open http://127.0.0.1:$port/ (Ctrl-C stops the server)"
exec node web/serve.mjs --dir build/web/dist --port "$port" "${serve_args[@]}"
