// Desktop progress storage: plain files. The config folder follows the XDG base directory
// convention, so tests (and users) can point it elsewhere with XDG_CONFIG_HOME.
#include "app/platform/storage.h"
#include "lessons/progress.h"
#include "sim/core/text_file.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace tl::app::platform {
namespace {

namespace fs = std::filesystem;

fs::path config_folder() {
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg != nullptr && xdg[0] == '/') return fs::path(xdg) / "threadlab";
  if (const char* home = std::getenv("HOME"); home != nullptr && home[0] != '\0')
    return fs::path(home) / ".config" / "threadlab";
  return {};
}

// Writes beside the target, then renames: a crash mid-write never leaves half a file.
bool write_file(const fs::path& path, const std::string& text, std::string& error) {
  std::error_code ec;
  if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
  if (ec) {
    error = path.parent_path().string() + ": cannot create the folder (" + ec.message() + ")";
    return false;
  }
  const fs::path temporary = path.string() + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out || !(out << text) || !out.flush()) {
      error = temporary.string() + ": cannot write";
      return false;
    }
  }
  fs::rename(temporary, path, ec);
  if (ec) {
    error = path.string() + ": cannot replace (" + ec.message() + ")";
    fs::remove(temporary, ec);
    return false;
  }
  return true;
}

// The stored file and an imported one alike: nothing past the progress limit is read.
std::optional<std::string> read_progress_file(const std::string& path, std::string& reason) {
  return tl::read_text_file(path, lessons::kMaxProgressBytes, "a progress file", reason);
}

}  // namespace

std::string progress_location() {
  const fs::path folder = config_folder();
  return folder.empty() ? "nowhere (neither XDG_CONFIG_HOME nor HOME is set)" : (folder / "progress.json").string();
}

std::optional<std::string> load_progress_text(std::string& error) {
  error.clear();
  const fs::path folder = config_folder();
  if (folder.empty()) return std::nullopt;
  const fs::path path = folder / "progress.json";
  std::error_code ec;
  if (!fs::exists(path, ec)) return std::nullopt;  // a first visit
  std::string reason;
  std::optional<std::string> text = read_progress_file(path.string(), reason);
  if (!text) error = path.string() + ": " + reason;
  return text;
}

bool save_progress_text(const std::string& text, std::string& error) {
  const fs::path folder = config_folder();
  if (folder.empty()) {
    error = "progress is not kept: neither XDG_CONFIG_HOME nor HOME is set";
    return false;
  }
  return write_file(folder / "progress.json", text, error);
}

bool progress_files_have_paths() { return true; }

bool export_progress_file(const std::string& path, const std::string& text, std::string& message) {
  if (path.empty()) {
    message = "export: name a file to write";
    return false;
  }
  std::string error;
  if (!write_file(fs::path(path), text, error)) {
    message = "export failed: " + error;
    return false;
  }
  std::error_code ec;
  const fs::path absolute = fs::absolute(path, ec);
  message = "progress written to " + (ec ? path : absolute.string());
  return true;
}

std::optional<std::string> import_progress_file(const std::string& path, std::string& message) {
  if (path.empty()) {
    message = "import: name a file to read";
    return std::nullopt;
  }
  std::string reason;
  std::optional<std::string> text = read_progress_file(path, reason);
  if (!text) message = "import failed: " + path + ": " + reason;
  return text;
}

}  // namespace tl::app::platform
