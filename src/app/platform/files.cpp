#include "app/platform/files.h"

#include <fstream>
#include <sstream>

namespace tl::app::platform {

std::optional<std::string> read_text_file(const std::string& path, std::string& reason) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    reason = "cannot open for reading";
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) {
    reason = "read error";
    return std::nullopt;
  }
  // A directory opens like a file and then reads nothing; no scenario is empty either.
  if (text.str().empty()) {
    reason = "is empty or not a regular file";
    return std::nullopt;
  }
  return text.str();
}

}  // namespace tl::app::platform
