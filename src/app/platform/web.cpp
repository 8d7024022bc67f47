// Web: WebGL2 (OpenGL ES 3.0), the browser's animation-frame loop, console warnings, and a
// hook the page waits on before it reads pixels.
#include "app/platform/platform.h"

#include <SDL.h>
#include <emscripten/emscripten.h>
#include <emscripten/html5.h>

// The wheel belongs to the page (an embedding course page scrolls) except over the areas that
// zoom or scroll. A capturing listener on the window runs before SDL's on the canvas: outside them it
// stops the event there, so SDL never calls preventDefault and the browser scrolls the page.
// EM_JS, not EM_ASM: the body is a macro argument, and EM_ASM would split it at every comma not
// inside parentheses.
// JavaScript inside: the formatter would split "!==".
// clang-format off
EM_JS(void, tl_set_wheel_area, (int slot, float x0, float y0, float x1, float y1), {
  Module.tlWheelAreas = Module.tlWheelAreas || [];
  Module.tlWheelAreas[slot] = [x0, y0, x1, y1];
  if (Module.tlWheelListener) return;
  Module.tlWheelListener = function(e) {
    const canvas = Module.canvas;
    if (!canvas || e.target !== canvas) return;
    const box = canvas.getBoundingClientRect();
    const x = e.clientX - box.left, y = e.clientY - box.top;
    const inside = Module.tlWheelAreas.some((a) => a && x >= a[0] && x < a[2] && y >= a[1] && y < a[3]);
    if (!inside) e.stopPropagation();
  };
  window.addEventListener("wheel", Module.tlWheelListener, {capture: true, passive: true});
});
// clang-format on


namespace tl::app::platform {

GlProfile gl_profile() { return {3, 0, SDL_GL_CONTEXT_PROFILE_ES, 0, "#version 300 es"}; }

void initial_window_size(int& w, int& h) {
  // The page sizes the canvas with CSS; the window takes that size in CSS pixels.
  double css_w = 0, css_h = 0;
  if (emscripten_get_element_css_size("#canvas", &css_w, &css_h) == EMSCRIPTEN_RESULT_SUCCESS &&
      css_w >= 1 && css_h >= 1) {
    w = int(css_w);
    h = int(css_h);
  }
}

void run_main_loop(FrameFn frame, void* user) {
  // 0 fps = requestAnimationFrame; simulate_infinite_loop: main() never returns, so its caller
  // keeps the state `user` points to in static storage.
  emscripten_set_main_loop_arg(frame, user, 0, 1);
}

void stop_main_loop() { emscripten_cancel_main_loop(); }

void notify_first_frame() {
  EM_ASM(if (Module.onFirstFrame) Module.onFirstFrame(););
}

// The wheel belongs to the page except over the timeline and a scrolling column (above).
void set_wheel_area(int slot, float x0, float y0, float x1, float y1) { tl_set_wheel_area(slot, x0, y0, x1, y1); }

bool quits_on_request() { return false; }  // Ctrl+Q belongs to the browser

int idle_wait_ms() { return 0; }  // the browser's loop calls again at the next animation frame

void report_argument_error(const std::string& message) {
  emscripten_log(EM_LOG_CONSOLE | EM_LOG_WARN, "threadlab: %s (using the default)", message.c_str());
  // The page shows it too: a course author testing a link looks at the page, not the console.
  EM_ASM({ if (Module.onArgumentError) Module.onArgumentError(UTF8ToString($0)); }, message.c_str());
}

bool argument_errors_are_fatal() { return false; }

void print_usage(const char* text) { emscripten_log(EM_LOG_CONSOLE, "%s", text); }

bool save_screenshot(const char*, int, int, std::string& error) {
  error = "--screenshot: not available on the web (use the browser's canvas export)";
  return false;
}

}  // namespace tl::app::platform
