// The learner's progress between the lesson state and the platform's storage: loaded once at
// start, saved whenever it changed (between frames), exported, imported and reset from the
// lesson panel. Every failure is a sentence in the panel (progress_message), never a crash:
// a corrupt stored file is reported and left alone, so nothing is overwritten unread.
#pragma once
#include "app/state/lesson_state.h"

#include <string>
#include <string_view>

namespace tl::app {

inline constexpr const char* kProgressFileName = "threadlab-progress.json";

// What the learner asked of the progress in the lesson panel this frame.
struct ProgressAsk {
  bool export_file = false;
  bool import_file = false;
  bool reset = false;
  std::string path;  // desktop: the file to write or read
};
void carry_out(LessonState& state, const ProgressAsk& ask);

void load_stored_progress(LessonState& state);
// Writes the progress if it changed since the last save (cheap to call every frame).
void save_progress_if_changed(LessonState& state);
void export_progress(LessonState& state, const std::string& path);
// Desktop: reads `path` and merges it; web: opens the browser's file picker (the file comes
// back through import_progress_text).
void import_progress_from(LessonState& state, const std::string& path);
// Merges a progress document read elsewhere; false (progress unchanged) if it is malformed,
// with the reason in progress_message.
bool import_progress_text(LessonState& state, std::string_view source, std::string_view text);

}  // namespace tl::app
