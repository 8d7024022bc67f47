// Reading a file the user named (a scenario, a lesson, a progress file), in the words the CLI
// and the desktop print as "error: PATH: reason". One reader for both, so neither can forget
// the size limit: a path such as /dev/zero or a huge log passed by mistake is refused once it
// passes `max_bytes`, instead of being read until the memory runs out.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace tl {

// The file's bytes, or nullopt with `reason` set to one of: "cannot open for reading",
// "is a directory, not a file", "read error", "is empty",
// "larger than 64 MiB, the limit for <what>" (what: "a scenario", "a progress file", ...).
std::optional<std::string> read_text_file(const std::string& path, std::size_t max_bytes, std::string_view what,
                                          std::string& reason);

}  // namespace tl
