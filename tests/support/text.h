// Text helpers of the CLI and OSTEP adapter tests: a tool's output as lines, and the part of it
// that holds the answers.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace tl::test {

inline std::vector<std::string> lines_of(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

// The non-blank lines after the first line equal to `marker`, minus any listed in `skip`,
// each with its newline: the part of a tool's output that holds the answers.
inline std::string lines_after(std::string_view text, std::string_view marker,
                               std::vector<std::string> skip = {}) {
  std::string out;
  bool on = false;
  for (const std::string& line : lines_of(text)) {
    if (!on) {
      on = line == marker;
      continue;
    }
    if (line.empty()) continue;
    bool skipped = false;
    for (const std::string& s : skip) skipped |= line == s;
    if (!skipped) out += line + "\n";
  }
  return out;
}

}  // namespace tl::test
