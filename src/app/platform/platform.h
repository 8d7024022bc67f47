// The only place that knows about SDL, OpenGL and the browser. sdl_gl.cpp holds what desktop
// and web share (window, GL context, ImGui backends, the frame); native.cpp and web.cpp hold
// what differs (GL version, main loop, first-frame hook, argument errors, screenshots).
#pragma once
#include "app/platform/input_queue.h"

#include <string>

struct SDL_Window;

namespace tl::app::platform {

// ---- shared (sdl_gl.cpp) --------------------------------------------------------------------
struct Window {
  SDL_Window* window = nullptr;
  void* gl_context = nullptr;  // SDL_GLContext
  InputQueue input;            // keys, text and mouse, one change per key or button per frame
  float font_scale = 0;        // the device pixel ratio the font atlas was built for
};

bool open_window(Window& window, const char* title, std::string& error);  // + ImGui context

struct Events {
  bool open = true;  // false once the user closed the window
  int received = 0;  // input or window events handled (0: nothing happened)
};
// Handles what arrived. `wait`: nothing animates, so block until something arrives (desktop;
// the browser's loop never blocks: there it only polls).
Events pump_events(Window& window, bool wait);
// Whether queued input still needs frames (a press and release that came between two frames).
bool input_pending(const Window& window);
void begin_frame(Window& window);  // backends' NewFrame + ImGui::NewFrame
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
// After each frame drawn: where the program takes the wheel, in window coordinates. Slot 0:
// where it zooms (the timeline's lanes); slot 1: a column it scrolls (a lesson's, when it is
// longer than the window; empty otherwise). The web page lets the wheel scroll the page
// elsewhere; the desktop ignores it.
constexpr int kWheelAreas = 2;
void set_wheel_area(int slot, float x0, float y0, float x1, float y1);
bool quits_on_request();  // Ctrl+Q closes the program (desktop), not a browser tab
// The blocking wait while idle (desktop): at most this long, so a finished background run is
// still picked up.
int idle_wait_ms();

// A bad command-line argument: desktop prints it to stderr and the program exits 2; the web
// (arguments come from the URL) warns in the console and keeps the default.
void report_argument_error(const std::string& message);
bool argument_errors_are_fatal();
void print_usage(const char* text);

// Reads the back buffer of the frame just drawn (w x h pixels) and writes a binary PPM.
bool save_screenshot(const char* path, int w, int h, std::string& error);

}  // namespace tl::app::platform
