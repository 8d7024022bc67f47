// The only place that knows about SDL, OpenGL and the browser. sdl_gl.cpp holds what desktop
// and web share (window, GL context, ImGui backends, the frame); native.cpp and web.cpp hold
// what differs (GL version, main loop, first-frame hook, argument errors, screenshots).
#pragma once
#include <string>

struct SDL_Window;

namespace tl::app::platform {

// ---- shared (sdl_gl.cpp) --------------------------------------------------------------------
struct Window {
  SDL_Window* window = nullptr;
  void* gl_context = nullptr;  // SDL_GLContext
};

bool open_window(Window& window, const char* title, std::string& error);  // + ImGui context
bool pump_events(Window& window);                                         // false once the user closed the window
void begin_frame(Window& window);                                         // backends' NewFrame + ImGui::NewFrame
// Renders and presents the frame; with a path, first saves it there (see save_screenshot).
bool end_frame(Window& window, const char* screenshot_path, std::string& error);
void close_window(Window& window);

// ---- per platform (native.cpp / web.cpp) ----------------------------------------------------
struct GlProfile {
  int major, minor;
  int profile_mask;          // SDL_GL_CONTEXT_PROFILE_*
  int context_flags;         // SDL_GL_CONTEXT_*_FLAG
  const char* glsl_version;  // the line ImGui's GL backend puts atop its shaders
};
GlProfile gl_profile();
void initial_window_size(int& w, int& h);

using FrameFn = void (*)(void* user);
void run_main_loop(FrameFn frame, void* user);  // native: returns after stop_main_loop()
void stop_main_loop();
void notify_first_frame();  // web: Module.onFirstFrame()

// A bad command-line argument: desktop prints it to stderr and the program exits 2; the web
// (arguments come from the URL) warns in the console and keeps the default.
void report_argument_error(const std::string& message);
bool argument_errors_are_fatal();
void print_usage(const char* text);

// Reads the back buffer of the frame just drawn (w x h pixels) and writes a binary PPM.
bool save_screenshot(const char* path, int w, int h, std::string& error);

}  // namespace tl::app::platform
