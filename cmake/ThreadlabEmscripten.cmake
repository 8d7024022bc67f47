# Emscripten-wide settings that must be in place before src/ is configured.
#   TL_WEB_VARIANT   threads | single  (threads also needs -pthread in CMAKE_<LANG>_FLAGS,
#                                       set by the preset so every object agrees)
#   TL_WEB_DIST_DIR  where the page's .js/.wasm and the web/ shell are collected

set(TL_WEB_VARIANT "single" CACHE STRING "Web variant: threads (pthreads) or single")
set_property(CACHE TL_WEB_VARIANT PROPERTY STRINGS threads single)
set(TL_WEB_DIST_DIR "${PROJECT_SOURCE_DIR}/build/web/dist" CACHE PATH
    "Static folder that receives both web variants and the HTML shell")
set(TL_WEB_CLI_DIR "${PROJECT_SOURCE_DIR}/build/web/cli" CACHE PATH
    "Where the Node build of threadlab-cli goes (single variant only)")

if(NOT TL_WEB_VARIANT MATCHES "^(threads|single)$")
  message(FATAL_ERROR "TL_WEB_VARIANT must be 'threads' or 'single', got '${TL_WEB_VARIANT}'")
endif()
# Objects built with and without -pthread cannot be linked together, so a half-configured
# threads tree would only fail much later, at link time, with an obscure wasm-ld error.
if(TL_WEB_VARIANT STREQUAL "threads" AND NOT CMAKE_CXX_FLAGS MATCHES "-pthread")
  message(FATAL_ERROR "TL_WEB_VARIANT=threads needs -pthread in CMAKE_C_FLAGS and CMAKE_CXX_FLAGS "
                      "(use the 'web' preset)")
endif()
if(TL_WEB_VARIANT STREQUAL "single" AND CMAKE_CXX_FLAGS MATCHES "-pthread")
  message(FATAL_ERROR "TL_WEB_VARIANT=single must not compile with -pthread")
endif()
if(TL_WEB_VARIANT STREQUAL "threads")
  add_compile_definitions(TL_WEB_THREADS=1)
endif()

# Debian's emcc runs acorn from /usr/share/nodejs, which Node 20 does not search; putting it
# on the link rule keeps plain `ninja` working without a prepared shell environment.
if(EXISTS /usr/share/nodejs/acorn)
  set_property(GLOBAL PROPERTY RULE_LAUNCH_LINK
               "${CMAKE_COMMAND} -E env NODE_PATH=/usr/share/nodejs:$ENV{NODE_PATH}")
endif()

# emcc must never see -I/usr/include (glibc headers break its sysroot). nlohmann-json's CMake
# package points there, so hide it and hand src/sim a folder that links to just that library.
set(CMAKE_DISABLE_FIND_PACKAGE_nlohmann_json TRUE)
if(NOT TL_JSON_INCLUDE_DIR)
  find_path(TL_SYSTEM_NLOHMANN_DIR nlohmann/json.hpp PATHS /usr/include /usr/local/include
            NO_CMAKE_FIND_ROOT_PATH NO_DEFAULT_PATH)
  if(NOT TL_SYSTEM_NLOHMANN_DIR)
    message(FATAL_ERROR "nlohmann/json.hpp not found: install nlohmann-json3-dev or set "
                        "TL_JSON_INCLUDE_DIR to a folder containing only nlohmann/")
  endif()
  set(_tl_json_dir ${CMAKE_BINARY_DIR}/json-include)
  file(MAKE_DIRECTORY ${_tl_json_dir})
  file(CREATE_LINK ${TL_SYSTEM_NLOHMANN_DIR}/nlohmann ${_tl_json_dir}/nlohmann SYMBOLIC)
  set(TL_JSON_INCLUDE_DIR ${_tl_json_dir} CACHE PATH "Folder holding only nlohmann/ for emcc")
endif()
