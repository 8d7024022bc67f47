#include "app/imgui_config.h"

#include <cstdio>
#include <cstdlib>

void tl_imgui_assert_failed(const char* expression, const char* file, int line) {
  std::fprintf(stderr, "%s:%d: Dear ImGui assertion failed: %s\n", file, line, expression);
  std::abort();
}
