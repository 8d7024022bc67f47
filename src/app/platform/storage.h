// Where the learner's progress lives between visits, and how it leaves and enters the program
// as a file. Desktop (storage_native.cpp): a file in the user's config folder
// ($XDG_CONFIG_HOME/threadlab/progress.json, else ~/.config/threadlab/progress.json), and
// export/import to a path the learner names (relative to the working folder). Web
// (storage_web.cpp): the browser's localStorage, a download, and the browser's file picker,
// whose file arrives later through tl_import_progress.
#pragma once
#include <optional>
#include <string>

namespace tl::app::platform {

// Where the progress is kept, in words for the panel ("/home/a/.config/threadlab/progress.json").
std::string progress_location();
// The stored text, or nullopt when nothing was stored yet or it cannot be read (`error` then
// says why; empty when there is simply nothing yet).
std::optional<std::string> load_progress_text(std::string& error);
bool save_progress_text(const std::string& text, std::string& error);

// Whether export/import take a path the learner types (desktop) or use the browser's own
// download and file picker (web).
bool progress_files_have_paths();
// Desktop: writes `path`; web: offers `text` as a download named after `path`. `message` says
// where it went, or why it failed.
bool export_progress_file(const std::string& path, const std::string& text, std::string& message);
// Desktop: reads `path` now. Web: opens the file picker and returns nullopt at once; the
// chosen file's text arrives later through tl_import_progress. `message` says what happened.
std::optional<std::string> import_progress_file(const std::string& path, std::string& message);

}  // namespace tl::app::platform
