// Reading a file the user named (desktop: `threadlab FILE.json`). Plain std::ifstream, so it
// compiles everywhere; the web never passes a file.
#pragma once
#include <optional>
#include <string>

namespace tl::app::platform {

// The file's bytes, or nullopt with `reason` in the CLI's words ("cannot open for reading",
// "is empty or not a regular file"), which callers print as "error: PATH: reason".
std::optional<std::string> read_text_file(const std::string& path, std::string& reason);

}  // namespace tl::app::platform
