// One main() for desktop and web: arguments, the scenario (a file or an embedded one), the
// window, the loop.
#include "app/api.h"
#include "app/app.h"
#include "app/platform/platform.h"
#include "app/state/args.h"
#include "app/state/catalog.h"
#include "app/state/progress_store.h"
#include "app/theme.h"
#include "lessons/lesson.h"
#include "sim/core/text_file.h"
#include "sim/scenario/scenario.h"

#include <cstdio>
#include <filesystem>
#include <imgui.h>
#include <optional>
#include <span>

namespace {

using namespace tl::app;

constexpr int kScreenshotFrames = 5;  // tables and text settle after the first frames
constexpr int kSettleFrames = 3;      // frames drawn after the last change (hover, auto-sized windows)

struct Program {
  AppState app;  // Worker session; Sliced where there are no threads
  Options options;
  platform::Window window;
  int exit_code = 0;
  int quiet_frames = 0;  // frames drawn since the last input or animation
};

// Static: on the web main() returns into the browser's loop while frames keep using it.
Program g_program;

// Draws a frame only when something changed: input arrived, the playhead moves, a run is being
// simulated, or the last change is a few frames old at most. Otherwise nothing is drawn (the
// desktop sleeps in SDL_WaitEventTimeout; the browser's loop returns at once).
void frame(void* user) {
  Program& program = *static_cast<Program*>(user);
  AppState& app = program.app;
  const Options& options = program.options;
  const bool idle = options.frames == 0 && !animating(app) && program.quiet_frames >= kSettleFrames &&
                    !platform::input_pending(program.window);
  const platform::Events events = platform::pump_events(program.window, idle);
  if (!events.open) {
    platform::stop_main_loop();
    return;
  }
  if (events.received > 0 || animating(app)) program.quiet_frames = 0;
  if (idle && events.received == 0) return;

  platform::begin_frame(program.window);
  draw_frame(app);
  ++program.quiet_frames;

  const bool last = options.frames > 0 && app.frame >= std::uint64_t(options.frames);
  std::string error;
  if (!platform::end_frame(program.window, last && !options.screenshot.empty() ? options.screenshot.c_str() : nullptr,
                           error)) {
    std::fprintf(stderr, "error: %s\n", error.c_str());
    program.exit_code = 1;
  }
  const Rect& wheel = wheel_area(app);
  // The areas in window pixels (the layout works in units of `scale`): the view's, and the
  // lesson column when its text is longer than the window (it scrolls with the wheel).
  const float scale = theme::ui_scale();
  platform::set_wheel_area(0, wheel.x0 * scale, wheel.y0 * scale, wheel.x1 * scale, wheel.y1 * scale);
  const LessonPanelLayout& lesson = app.layout.lesson;
  const bool column_scrolls = app.lesson.open() && lesson.scroll_max > 0;
  const Rect column = column_scrolls ? lesson.column : Rect{};
  platform::set_wheel_area(1, column.x0 * scale, column.y0 * scale, column.x1 * scale, column.y1 * scale);
  if (app.frame == 1) platform::notify_first_frame();
  if (last || (app.quit_requested && platform::quits_on_request())) platform::stop_main_loop();
}

}  // namespace

int main(int argc, char** argv) {
  Program& program = g_program;
  const ParsedArgs parsed = parse_args(std::span<const char* const>(argv + 1, argv + argc));
  for (const std::string& error : parsed.errors) platform::report_argument_error(error);
  if (!parsed.errors.empty() && platform::argument_errors_are_fatal()) return 2;
  program.options = parsed.options;
  if (program.options.help) {
    platform::print_usage(usage_text().c_str());
    return 0;
  }
  if (!program.options.screenshot.empty() && program.options.frames == 0)
    program.options.frames = kScreenshotFrames;

  if (!program.options.file.empty()) {
    // A file the user named: bad input exits 2 with the CLI's lines, before any window opens.
    const std::string& path = program.options.file;
    std::string reason;
    // A lesson is smaller still; its parser says so with the size.
    const std::optional<std::string> text = tl::read_text_file(path, tl::kMaxScenarioDocumentBytes, "a scenario", reason);
    if (!text) {
      std::fprintf(stderr, "error: %s: %s\n", path.c_str(), reason.c_str());
      return 2;
    }
    const std::string name = std::filesystem::path(path).filename().string();
    if (tl::lessons::is_lesson_document(*text)) {
      // A teacher's lesson file: it opens beside the default scenario's viewer.
      select_scenario(program.app, kDefaultScenario.name);
      if (!open_lesson_text(program.app, path, *text)) {
        std::fprintf(stderr, "%s\n", program.app.lesson.load_error.c_str());
        return 2;
      }
    } else {
      // The picker shows the file's name; errors name the JSON path, as the CLI's do.
      DocumentParse parsed = parse_document(name, *text);
      if (!parsed.document) {
        std::fprintf(stderr, "%s\n", error_lines(parsed.errors).c_str());
        return 2;
      }
      open_document(program.app, std::move(*parsed.document));
    }
  } else {
    // parse_args accepted only embedded names; an empty one (or, on the web, a rejected one)
    // opens the default.
    const char* scenario = program.options.scenario.empty() ? kDefaultScenario.name : program.options.scenario.c_str();
    if (!select_scenario(program.app, scenario)) {
      std::fprintf(stderr, "embedded scenario examples/%s.json:\n%s\n", scenario, program.app.error.c_str());
      return 1;
    }
  }
  if (!program.options.lesson.empty() && !open_lesson(program.app, program.options.lesson)) {
    std::fprintf(stderr, "error: --lesson: lesson '%s' cannot be opened: %s\n", program.options.lesson.c_str(),
                 lesson_catalog()[std::size_t(find_lesson(program.options.lesson))].error.c_str());
    return 2;
  }
  if (program.options.cores != 0) set_cores(program.app, program.options.cores);
  if (const auto view = view_from_name(program.options.view)) set_view(program.app, *view);
  load_stored_progress(program.app.lesson);
  if (!program.options.compare.empty()) {  // the first frame shows it whole, chart included
    program.app.view = ViewKind::Compare;
    open_compare_workload(program.app.compare, program.options.compare);
    if (program.options.cores != 0) set_compare_cores(program.app.compare, program.options.cores);
#ifndef __EMSCRIPTEN__
    // Not in the page: the browser's main thread must not block while the threads variant's
    // sweep needs new workers (they start from it); there the frames show the runs as they land.
    wait_for_compare(program.app.compare);
#endif
  }
  // Later runs never block a frame; this first one does, so that the first frame (the page's
  // `ready`) already shows the timeline.
  wait_for_run(program.app);
  if (program.app.lesson.open()) wait_for_lesson(program.app.lesson);
  attach_api(&program.app);

  std::string error;
  if (!platform::open_window(program.window, "threadlab \xE2\x80\x94 threads vs processes", error)) {
    std::fprintf(stderr, "error: %s\n", error.c_str());
    platform::close_window(program.window);
    return 1;
  }
  platform::run_main_loop(frame, &program);
  // Reached natively only; the web loop never returns.
  attach_api(nullptr);
  platform::close_window(program.window);
  return program.exit_code;
}
