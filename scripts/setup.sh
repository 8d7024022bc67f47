#!/usr/bin/env bash
# Installs everything threadlab needs on a Debian 12 machine and caches the slow parts
# (Debian source packages, SDL2 built for wasm) outside the clone, keyed by version, so a
# second run costs seconds. Safe to run any number of times.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$ROOT/scripts/lib/env.sh"

log() { printf '[setup] %s\n' "$*" >&2; }

# ---- Debian packages ----------------------------------------------------------------------
# clang-14 and its runtime libraries (named explicitly: a machine may have clang-format/tidy
# without them) build the asan, tsan and fuzz presets; googletest is GoogleTest's source, which
# the tsan preset compiles with ThreadSanitizer. Xvfb, x11-utils, xdotool and imagemagick run the
# desktop smoke test (a screen, finding the window, pressing keys, screenshots).
APT_PACKAGES=(
  build-essential cmake ninja-build pkg-config dpkg-dev
  libsdl2-dev libgl-dev
  emscripten
  nlohmann-json3-dev libgtest-dev libgmock-dev libbenchmark-dev
  clang-14 libclang-rt-14-dev googletest
  chromium
  xvfb xauth libgl1-mesa-dri libglx-mesa0 x11-utils xdotool imagemagick
  fonts-inter fonts-jetbrains-mono
  curl ca-certificates python3 clang-format-14
)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
command -v node >/dev/null && command -v npm >/dev/null || missing+=(nodejs npm)
if ((${#missing[@]})); then
  log "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# ---- Debian source packages (ImGui, SDL2) -------------------------------------------------
mkdir -p "$TL_CACHE/src"
fetch_source() {   # name version dir
  local name=$1 dir=$3
  [[ -f "$dir/.ok" ]] && return 0
  if [[ ! -f /etc/apt/sources.list.d/threadlab-src.sources ]]; then
    cat > /etc/apt/sources.list.d/threadlab-src.sources <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
    apt-get update -qq
  fi
  log "fetching Debian source package $name"
  local work; work=$(mktemp -d "$TL_CACHE/src/tmp.XXXX")
  (cd "$work" && apt-get source -qq "$name" >/dev/null 2>&1 || { apt-get update -qq && apt-get source -qq "$name" >/dev/null; })
  local extracted; extracted=$(find "$work" -mindepth 1 -maxdepth 1 -type d | head -n1)
  rm -rf "$dir"; mv "$extracted" "$dir"; rm -rf "$work"
  touch "$dir/.ok"
}
fetch_source imgui "$IMGUI_VERSION" "$IMGUI_SRC"
fetch_source libsdl2 "$SDL2_VERSION" "$SDL2_SRC"

# ---- SDL2 for wasm, once per web variant --------------------------------------------------
build_sdl2_wasm() {   # variant: threads | single
  local variant=$1 prefix; prefix=$(sdl2_wasm_prefix "$1")
  sdl2_wasm_ok "$variant" && return 0
  log "building SDL2 $SDL2_VERSION for wasm ($variant); a few minutes, once"
  local t0=$SECONDS
  local flags="" threads=OFF
  if [[ $variant == threads ]]; then flags="-pthread"; threads=ON; fi
  local bdir="$TL_CACHE/build-sdl2-$variant"
  rm -rf "$bdir" "$prefix"
  emcmake cmake -S "$SDL2_SRC" -B "$bdir" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_INSTALL_PREFIX="$prefix" -DCMAKE_C_FLAGS="$flags" \
    -DSDL_SHARED=OFF -DSDL_STATIC=ON -DSDL_TEST=OFF \
    -DSDL_THREADS=$threads -DSDL_PTHREADS=$threads \
    -DSDL_AUDIO=OFF -DSDL_JOYSTICK=OFF -DSDL_HAPTIC=OFF -DSDL_SENSOR=OFF -DSDL_POWER=OFF \
    -DSDL_HIDAPI=OFF -DSDL_LOCALE=OFF -DSDL_MISC=OFF >"$bdir.log" 2>&1 \
    || { tail -n 40 "$bdir.log" >&2; return 1; }
  cmake --build "$bdir" -j "$TL_JOBS" >>"$bdir.log" 2>&1 && cmake --install "$bdir" >>"$bdir.log" 2>&1 \
    || { tail -n 40 "$bdir.log" >&2; return 1; }
  rm -rf "$bdir"
  touch "$prefix/.ok"
  log "SDL2 ($variant) built in $((SECONDS - t0)) s"
}
if [[ ${TL_SKIP_WEB:-0} != 1 ]]; then
  build_sdl2_wasm threads
  build_sdl2_wasm single
fi

# ---- npm packages for the browser tests ---------------------------------------------------
if [[ -f "$ROOT/web/package.json" ]]; then
  stamp="$ROOT/web/node_modules/.threadlab-stamp"
  want=$(npm_fingerprint)
  if [[ ! -f $stamp || $(cat "$stamp") != "$want" ]]; then
    log "installing browser-test npm packages"
    (cd "$ROOT/web" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
    echo "$want" > "$stamp"
  fi
fi
setup_fingerprint > "$TL_CACHE/.setup-stamp"
log "ready (cache: $TL_CACHE)"
