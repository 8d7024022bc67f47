#include "app/state/progress_store.h"

#include "app/platform/storage.h"

#include <string>
#include <utility>

namespace tl::app {
namespace {

// Loading and saving happen without the learner asking, so the answer would sit unseen under a
// closed "Your progress" header; the panel opens it once.
void tell_unasked(LessonState& state, std::string message) {
  state.progress_message = std::move(message);
  state.progress_message_unasked = true;
}

}  // namespace

void carry_out(LessonState& state, const ProgressAsk& ask) {
  if (ask.export_file) export_progress(state, ask.path);
  if (ask.import_file) import_progress_from(state, ask.path);
  if (ask.reset) {
    reset_progress(state);
    state.progress_message = "progress reset: no lesson is marked done";
  }
}

void load_stored_progress(LessonState& state) {
  std::string error;
  const std::optional<std::string> text = platform::load_progress_text(error);
  if (!text) {
    if (!error.empty()) tell_unasked(state, "progress not loaded: " + error);
    return;
  }
  std::optional<lessons::Progress> progress = lessons::progress_from_json(*text, error);
  if (!progress) {
    // Leave the stored file as it is (no save until the learner changes something).
    tell_unasked(state, "progress not loaded: " + platform::progress_location() + ": " + error);
    return;
  }
  state.progress = std::move(*progress);
  state.progress_changed = false;
}

void save_progress_if_changed(LessonState& state) {
  if (!state.progress_changed) return;
  state.progress_changed = false;  // one attempt per change: a refusing store is not retried every frame
  std::string error;
  if (!platform::save_progress_text(lessons::progress_to_json(state.progress), error))
    tell_unasked(state, "progress not saved: " + error);
}

void export_progress(LessonState& state, const std::string& path) {
  platform::export_progress_file(path, lessons::progress_to_json(state.progress), state.progress_message);
}

void import_progress_from(LessonState& state, const std::string& path) {
  std::optional<std::string> text = platform::import_progress_file(path, state.progress_message);
  if (text) import_progress_text(state, path, *text);
}

bool import_progress_text(LessonState& state, std::string_view source, std::string_view text) {
  std::string error;
  std::optional<lessons::Progress> progress = lessons::progress_from_json(text, error);
  if (!progress) {
    state.progress_message = "import failed: " + std::string(source) + ": " + error;
    return false;
  }
  import_progress(state, *progress);
  state.progress_message = "imported " + std::string(source) + ": " + std::to_string(progress->done_count()) +
                           " lesson(s) done in the file, " + std::to_string(state.progress.done_count()) + " now";
  return true;
}

}  // namespace tl::app
