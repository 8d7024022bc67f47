// Desktop: OpenGL 3.3 core, a plain loop, errors on stderr, PPM screenshots.
#include "app/platform/gl.h"
#include "app/platform/platform.h"

#include <SDL.h>
#include <cstdio>
#include <vector>

namespace tl::app::platform {
namespace {
bool g_running = false;
}

GlProfile gl_profile() {
  return {3, 3, SDL_GL_CONTEXT_PROFILE_CORE, SDL_GL_CONTEXT_FORWARD_COMPATIBLE_FLAG, "#version 330 core"};
}

void initial_window_size(int& w, int& h) {
  w = 1280;
  h = 800;
}

void run_main_loop(FrameFn frame, void* user) {
  g_running = true;
  while (g_running) frame(user);
}

void stop_main_loop() { g_running = false; }

void notify_first_frame() {}

void set_wheel_area(int, float, float, float, float) {}  // a desktop window has no page around it

bool quits_on_request() { return true; }

int idle_wait_ms() { return 250; }

void report_argument_error(const std::string& message) { std::fprintf(stderr, "%s\n", message.c_str()); }

bool argument_errors_are_fatal() { return true; }

void print_usage(const char* text) { std::fputs(text, stdout); }

bool save_screenshot(const char* path, int w, int h, std::string& error) {
  std::vector<unsigned char> pixels(std::size_t(w) * std::size_t(h) * 3);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, w, h, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
  std::FILE* file = std::fopen(path, "wb");
  if (file == nullptr) {
    error = std::string("--screenshot: cannot write '") + path + "'";
    return false;
  }
  std::fprintf(file, "P6\n%d %d\n255\n", w, h);
  // GL rows run bottom-up; PPM rows top-down.
  for (int y = h - 1; y >= 0; --y) std::fwrite(&pixels[std::size_t(y) * std::size_t(w) * 3], 1, std::size_t(w) * 3, file);
  const bool ok = std::fclose(file) == 0;
  if (!ok) error = std::string("--screenshot: error writing '") + path + "'";
  return ok;
}

}  // namespace tl::app::platform
