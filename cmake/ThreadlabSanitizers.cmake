# Sanitizer and fuzzing builds (clang only; the presets asan, tsan and fuzz set these):
#   TL_SANITIZE           "" | "address,undefined" | "thread": every target of the tree is built
#                         and linked with it, so a report points into our code, not a stub
#   TL_FUZZ               ON: the tree is instrumented for libFuzzer's coverage plus ASan and
#                         UBSan, and tests/fuzz links its targets with libFuzzer's main
#   TL_GTEST_FROM_SOURCE  ON: GoogleTest compiled here from the Debian `googletest` source
#                         package (TSan reports races inside uninstrumented libraries falsely)
# Included by the root CMakeLists.txt before any target exists, so add_compile_options reaches
# all of them.
set(TL_SANITIZE "" CACHE STRING "Sanitizers for every target: address,undefined or thread")
option(TL_FUZZ "Build the libFuzzer targets of tests/fuzz (instruments the whole tree)" OFF)
option(TL_GTEST_FROM_SOURCE "Build GoogleTest from its source package with this tree's flags" OFF)
set(TL_GTEST_SOURCE_DIR "/usr/src/googletest" CACHE PATH "GoogleTest sources (Debian: googletest)")

if((TL_SANITIZE OR TL_FUZZ) AND NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "TL_SANITIZE/TL_FUZZ need clang (the presets use clang++-14); "
                      "this is ${CMAKE_CXX_COMPILER_ID}")
endif()
if(TL_SANITIZE AND TL_FUZZ)
  message(FATAL_ERROR "TL_FUZZ brings its own sanitizers (address,undefined); leave TL_SANITIZE empty")
endif()

# Frame pointers keep the reports' stacks whole; -g gives them file:line.
set(_tl_san_common -fno-omit-frame-pointer -g)

if(TL_SANITIZE)
  if(NOT TL_SANITIZE MATCHES "^(address,undefined|undefined,address|address|undefined|thread)$")
    message(FATAL_ERROR "TL_SANITIZE='${TL_SANITIZE}': expected address,undefined or thread")
  endif()
  add_compile_options(-fsanitize=${TL_SANITIZE} ${_tl_san_common})
  add_link_options(-fsanitize=${TL_SANITIZE})
  if(TL_SANITIZE MATCHES "undefined")
    # Undefined behaviour fails the test that caused it instead of printing a line and going on.
    add_compile_options(-fno-sanitize-recover=all)
  endif()
endif()

if(TL_FUZZ)
  # Coverage instrumentation everywhere; only the fuzz targets get libFuzzer's main()
  # (TL_FUZZ_LINK_OPTIONS, used by tests/fuzz).
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
                      ${_tl_san_common})
  add_link_options(-fsanitize=address,undefined)
  set(TL_FUZZ_LINK_OPTIONS -fsanitize=fuzzer)
endif()

if(TL_GTEST_FROM_SOURCE)
  if(NOT EXISTS "${TL_GTEST_SOURCE_DIR}/googletest/CMakeLists.txt")
    message(FATAL_ERROR "TL_GTEST_SOURCE_DIR='${TL_GTEST_SOURCE_DIR}' holds no GoogleTest sources: "
                        "install the Debian package googletest (scripts/setup.sh does)")
  endif()
  set(BUILD_GMOCK OFF CACHE BOOL "" FORCE)
  set(INSTALL_GTEST OFF CACHE BOOL "" FORCE)
  add_subdirectory("${TL_GTEST_SOURCE_DIR}/googletest" "${CMAKE_BINARY_DIR}/googletest" EXCLUDE_FROM_ALL)
  # The names find_package(GTest) would give (GoogleTest 1.12 defines them itself; older
  # releases do not), so tests/CMakeLists.txt needs no second spelling.
  if(NOT TARGET GTest::gtest)
    add_library(GTest::gtest ALIAS gtest)
    add_library(GTest::gtest_main ALIAS gtest_main)
  endif()
endif()
