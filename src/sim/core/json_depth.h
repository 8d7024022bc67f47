// A cheap guard before the JSON library sees untrusted text: nesting deeper than a limit is
// refused by a scan (strings skipped), so hostile input never drives the parser's recursion.
#pragma once
#include <cstddef>
#include <string_view>

namespace tl {

inline bool json_nesting_exceeds(std::string_view text, int limit) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > limit) return true;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return false;
}

}  // namespace tl
