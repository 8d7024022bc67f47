# Shared environment for threadlab's scripts: versions, cache locations, emcc quirks.
# Sourced, not run. cmake/ThreadlabDeps.cmake resolves the cache folder the same way.
TL_ROOT=${TL_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
SDL2_VERSION=2.26.5
IMGUI_VERSION=1.86
TL_CACHE=${THREADLAB_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/threadlab}
IMGUI_SRC="$TL_CACHE/src/imgui-$IMGUI_VERSION"
SDL2_SRC="$TL_CACHE/src/libsdl2-$SDL2_VERSION"
TL_JOBS=${TL_JOBS:-2}          # the machines have 2 cores; more only thrashes emcc
# Debian's emcc runs acorn from /usr/share/nodejs, which Node 20 does not search by itself.
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
export TL_ROOT TL_CACHE SDL2_VERSION IMGUI_VERSION IMGUI_SRC SDL2_SRC TL_JOBS

sdl2_wasm_prefix() { echo "$TL_CACHE/sdl2-wasm-$SDL2_VERSION-$1"; }

# True when an SDL2 wasm build is usable: the marker alone is not trusted, because an
# interrupted install can leave it without the library or its CMake package.
sdl2_wasm_ok() {
  local p; p=$(sdl2_wasm_prefix "$1")
  [[ -f $p/.ok && -f $p/lib/libSDL2.a && -f $p/lib/cmake/SDL2/SDL2Config.cmake ]]
}

# True when scripts/setup.sh has nothing to do (checked in well under a second).
setup_complete() {
  [[ -f $TL_CACHE/.setup-stamp && $(cat "$TL_CACHE/.setup-stamp") == "$(setup_fingerprint)" ]] || return 1
  [[ -f $IMGUI_SRC/.ok && -f $SDL2_SRC/.ok ]] || return 1
  if [[ ${TL_SKIP_WEB:-0} != 1 ]]; then sdl2_wasm_ok threads && sdl2_wasm_ok single || return 1; fi
  [[ ! -f $TL_ROOT/web/package.json ]] || [[ -f $TL_ROOT/web/node_modules/.threadlab-stamp &&
     $(cat "$TL_ROOT/web/node_modules/.threadlab-stamp") == "$(npm_fingerprint)" ]]
}
setup_fingerprint() { sha1sum "$TL_ROOT/scripts/setup.sh" | cut -c1-12; }
npm_fingerprint() { cat "$TL_ROOT/web/package.json" "$TL_ROOT/web/package-lock.json" 2>/dev/null | sha1sum | cut -c1-12; }

# Runs setup only when something is missing; run.sh and test.sh start with this.
ensure_setup() {
  setup_complete || bash "$TL_ROOT/scripts/setup.sh"
}
