// Dear ImGui build configuration (IMGUI_USER_CONFIG) for the program and its tests.
#pragma once

// ImGui's asserts catch API misuse (unbalanced Begin/End, bad IDs). Keep them in release builds
// too, so the headless tests and the smoke test fail loudly instead of drawing garbage.
void tl_imgui_assert_failed(const char* expression, const char* file, int line);
#define IM_ASSERT(_EXPR) ((_EXPR) ? (void)0 : tl_imgui_assert_failed(#_EXPR, __FILE__, __LINE__))
