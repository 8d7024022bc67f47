#include "sim/core/text_file.h"

#include "sim/core/format.h"

#include <filesystem>
#include <fstream>

namespace tl {

std::optional<std::string> read_text_file(const std::string& path, std::size_t max_bytes, std::string_view what,
                                          std::string& reason) {
  // A directory opens like a file on Linux and then fails on its first read; saying so up front
  // names the mistake instead of "read error".
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    reason = "is a directory, not a file";
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    reason = "cannot open for reading";
    return std::nullopt;
  }
  const auto too_large = [&] {
    reason = "larger than " + format_byte_size(max_bytes) + ", the limit for " + std::string(what);
    return std::nullopt;
  };
  std::string text;
  // A regular file says its size: one allocation, and a file past the limit is refused unread.
  // Devices and pipes say nothing, and the loop below stops them at the limit.
  if (const std::uintmax_t size = std::filesystem::file_size(path, ec); !ec) {
    if (size > max_bytes) return too_large();
    text.reserve(static_cast<std::size_t>(size));
  }
  char buf[1 << 16];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    text.append(buf, static_cast<std::size_t>(in.gcount()));
    if (text.size() > max_bytes) return too_large();
  }
  if (in.bad()) {
    reason = "read error";
    return std::nullopt;
  }
  if (text.empty()) {
    reason = "is empty";
    return std::nullopt;
  }
  return text;
}

}  // namespace tl
