# Shared environment for threadlab's scripts: versions, cache locations, emcc quirks.
# Sourced, not run.
TL_ROOT=${TL_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
SDL2_VERSION=2.26.5
IMGUI_VERSION=1.86
TL_CACHE=${THREADLAB_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/threadlab}
IMGUI_SRC="$TL_CACHE/src/imgui-$IMGUI_VERSION"
SDL2_SRC="$TL_CACHE/src/libsdl2-$SDL2_VERSION"
# Debian's emcc runs acorn from /usr/share/nodejs, which Node 20 does not search by itself.
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
export TL_ROOT TL_CACHE SDL2_VERSION IMGUI_VERSION IMGUI_SRC SDL2_SRC
