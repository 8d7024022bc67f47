#include "app/platform/platform.h"

#include "app/render/page_renderer_gl.h"
#include "app/theme.h"

#include "app/platform/gl.h"

#include <SDL.h>
#include <algorithm>
#include <cfloat>
#include <imgui.h>
#include <imgui_impl_opengl3.h>
#include <imgui_impl_sdl.h>

namespace tl::app::platform {

bool open_window(Window& window, const char* title, std::string& error) {
  // On the web, keys go to the program only while its canvas has the focus; SDL would otherwise
  // listen on the whole window and swallow Tab and the arrows the page's own controls need.
  SDL_SetHint(SDL_HINT_EMSCRIPTEN_KEYBOARD_ELEMENT, "#canvas");
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
    error = std::string("SDL_Init failed: ") + SDL_GetError();
    return false;
  }
  const GlProfile gl = gl_profile();
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, gl.context_flags);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, gl.profile_mask);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, gl.major);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, gl.minor);
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
  SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 0);

  int w = 1280, h = 800;
  initial_window_size(w, h);
  const auto flags = SDL_WindowFlags(SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
  window.window = SDL_CreateWindow(title, SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h, flags);
  if (window.window == nullptr) {
    error = std::string("SDL_CreateWindow failed: ") + SDL_GetError();
    return false;
  }
  window.gl_context = SDL_GL_CreateContext(window.window);
  if (window.gl_context == nullptr) {
    error = "no OpenGL " + std::to_string(gl.major) + "." + std::to_string(gl.minor) +
            " context: " + SDL_GetError();
    return false;
  }
  SDL_GL_MakeCurrent(window.window, window.gl_context);
  SDL_GL_SetSwapInterval(1);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // the layout is fixed: nothing to remember
  theme::apply_style();
  theme::setup_fonts(*ImGui::GetIO().Fonts);
  if (!ImGui_ImplSDL2_InitForOpenGL(window.window, window.gl_context) ||
      !ImGui_ImplOpenGL3_Init(gl.glsl_version)) {
    error = "could not initialise Dear ImGui's SDL2/OpenGL backends";
    return false;
  }
  window.input.set_acting_keys(keys_imgui_acts_on(ImGui::GetIO()));
  // Without the page renderer the memory view says why; everything else still works.
  std::string pages_error;
  if (!render::init_page_renderer(gl.glsl_version, pages_error))
    SDL_Log("threadlab: memory pages cannot be drawn: %s", pages_error.c_str());
  return true;
}

namespace {

constexpr float kPinchGain = 12.0f;  // wheel notches per unit of pinch distance

// Mouse motion and buttons, keys and typed text go through the window's InputQueue, in order;
// the wheel and window changes straight to ImGui's backend.
void handle(Window& window, const SDL_Event& event, Events& events) {
  ++events.received;
  InputQueue& input = window.input;
  switch (event.type) {
    case SDL_MOUSEMOTION: input.push(InputEvent::move(float(event.motion.x), float(event.motion.y))); return;
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP: {
      const int button = event.button.button == SDL_BUTTON_LEFT     ? 0
                         : event.button.button == SDL_BUTTON_RIGHT  ? 1
                         : event.button.button == SDL_BUTTON_MIDDLE ? 2
                                                                    : -1;
      if (button < 0) return;
      input.push(InputEvent::button(button, event.type == SDL_MOUSEBUTTONDOWN, float(event.button.x),
                                    float(event.button.y)));
      return;
    }
    case SDL_KEYDOWN:
    case SDL_KEYUP: input.push(InputEvent::key(int(event.key.keysym.scancode), event.type == SDL_KEYDOWN)); return;
    case SDL_TEXTINPUT: input.push(InputEvent::typed(event.text.text)); return;
    case SDL_MULTIGESTURE: {  // a two-finger pinch zooms like the wheel, at its centre
      if (event.mgesture.numFingers != 2) return;
      int w = 0, h = 0;
      SDL_GetWindowSize(window.window, &w, &h);
      input.push(InputEvent::move(event.mgesture.x * float(w), event.mgesture.y * float(h)));
      ImGui::GetIO().MouseWheel += event.mgesture.dDist * kPinchGain;
      return;
    }
    case SDL_WINDOWEVENT:
      if (event.window.event == SDL_WINDOWEVENT_LEAVE) input.push(InputEvent::move(-FLT_MAX, -FLT_MAX));
      if (event.window.event == SDL_WINDOWEVENT_CLOSE && event.window.windowID == SDL_GetWindowID(window.window))
        events.open = false;
      break;
    case SDL_QUIT: events.open = false; break;
    default: break;
  }
  ImGui_ImplSDL2_ProcessEvent(&event);
}

}  // namespace

Events pump_events(Window& window, bool wait) {
  Events events;
  SDL_Event event;
  if (wait && SDL_WaitEventTimeout(&event, idle_wait_ms()) != 0) handle(window, event, events);
  while (SDL_PollEvent(&event)) handle(window, event, events);
  return events;
}

bool input_pending(const Window& window) { return window.input.pending(); }

void begin_frame(Window& window) {
  ImGui_ImplSDL2_NewFrame();
  ImGuiIO& io = ImGui::GetIO();
  // A large window shows the layout larger: ImGui works in units of `scale` window pixels and
  // draws them at the device's pixels (the mouse below and the wheel area follow).
  const float scale = theme::ui_scale_for(io.DisplaySize.x, io.DisplaySize.y);
  theme::set_ui_scale(scale);
  io.DisplaySize = ImVec2(io.DisplaySize.x / scale, io.DisplaySize.y / scale);
  // Fonts at the device's pixel ratio (a high-density screen, or the window moved to one)
  // times the layout's scale.
  const float ratio = std::max(1.0f, io.DisplayFramebufferScale.x) * scale;
  io.DisplayFramebufferScale = ImVec2(io.DisplayFramebufferScale.x * scale, io.DisplayFramebufferScale.y * scale);
  if (ratio != window.font_scale) {
    const bool uploaded = window.font_scale != 0;
    io.Fonts->Clear();
    theme::setup_fonts(*io.Fonts, ratio);
    if (uploaded) {
      ImGui_ImplOpenGL3_DestroyFontsTexture();
      ImGui_ImplOpenGL3_CreateFontsTexture();
    }
    window.font_scale = ratio;
  }
  ImGui_ImplOpenGL3_NewFrame();
  // The backend polled the mouse's state now; the queue says what this frame should see.
  window.input.next_frame();
  feed_imgui(window.input, io);
  io.MousePos = ImVec2(io.MousePos.x / scale, io.MousePos.y / scale);  // in the layout's units
  ImGui::NewFrame();
}

bool end_frame(Window& window, const char* screenshot_path, std::string& error) {
  ImGui::Render();
  const ImGuiIO& io = ImGui::GetIO();
  const int w = int(io.DisplaySize.x * io.DisplayFramebufferScale.x);
  const int h = int(io.DisplaySize.y * io.DisplayFramebufferScale.y);
  glViewport(0, 0, w, h);
  const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  glClearColor(bg.x, bg.y, bg.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  const bool saved = screenshot_path == nullptr || save_screenshot(screenshot_path, w, h, error);
  SDL_GL_SwapWindow(window.window);
  return saved;
}

void close_window(Window& window) {
  if (ImGui::GetCurrentContext() != nullptr) {
    render::shutdown_page_renderer();
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplSDL2_Shutdown();
    ImGui::DestroyContext();
  }
  if (window.gl_context != nullptr) SDL_GL_DeleteContext(window.gl_context);
  if (window.window != nullptr) SDL_DestroyWindow(window.window);
  SDL_Quit();
  window = {};
}

}  // namespace tl::app::platform
