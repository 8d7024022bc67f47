# Where the third-party sources live. scripts/setup.sh fills the cache below; on other
# machines pass -DTL_IMGUI_DIR=<imgui 1.86 source> and, for the web, -DSDL2_DIR=<SDL2 built
# with emcmake>/lib/cmake/SDL2 explicitly. Same lookup order as scripts/lib/env.sh.
if(DEFINED ENV{THREADLAB_CACHE})
  set(_tl_cache "$ENV{THREADLAB_CACHE}")
elseif(DEFINED ENV{XDG_CACHE_HOME})
  set(_tl_cache "$ENV{XDG_CACHE_HOME}/threadlab")
else()
  set(_tl_cache "$ENV{HOME}/.cache/threadlab")
endif()
set(TL_CACHE_DIR "${_tl_cache}" CACHE PATH "Cache of third-party sources and builds (scripts/setup.sh)")
set(TL_SDL2_VERSION 2.26.5)
set(TL_IMGUI_VERSION 1.86)

if(NOT TL_IMGUI_DIR AND EXISTS "${TL_CACHE_DIR}/src/imgui-${TL_IMGUI_VERSION}/imgui.cpp")
  set(TL_IMGUI_DIR "${TL_CACHE_DIR}/src/imgui-${TL_IMGUI_VERSION}" CACHE PATH
      "Dear ImGui ${TL_IMGUI_VERSION} source tree (the folder holding imgui.cpp)")
endif()

if(EMSCRIPTEN AND NOT SDL2_DIR)
  set(_tl_sdl2 "${TL_CACHE_DIR}/sdl2-wasm-${TL_SDL2_VERSION}-${TL_WEB_VARIANT}/lib/cmake/SDL2")
  if(EXISTS "${_tl_sdl2}/SDL2Config.cmake")
    set(SDL2_DIR "${_tl_sdl2}" CACHE PATH "SDL2 built for wasm (${TL_WEB_VARIANT} variant)")
  endif()
endif()
