// threadlab-cli commands. Each takes the arguments after its name, prints to `out`/`err` and
// returns the process exit code; none simulates anything itself (that is tlsim's job).
#pragma once
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <span>
#include <string>

namespace tl::cli {

enum ExitCode : int {
  kExitOk       = 0,
  kExitInternal = 1,   // a bug: an exception escaped, or the engine broke a promise
  kExitBadInput = 2,   // unknown flag, unreadable file, invalid scenario, bad flag value
};

struct Streams {
  std::ostream& out;
  std::ostream& err;
};

int cmd_run(std::span<const std::string> args, Streams io);
int cmd_validate(std::span<const std::string> args, Streams io);
int cmd_ostep(std::span<const std::string> args, Streams io);
int cmd_compare(std::span<const std::string> args, Streams io);
int cmd_sweep(std::span<const std::string> args, Streams io);
int cmd_lesson(std::span<const std::string> args, Streams io);
void print_usage(std::ostream& out);

// The whole file, or nullopt with `reason` set (for "error: FILE: reason").
std::optional<std::string> read_text_file(const std::string& path, std::string& reason);

}  // namespace tl::cli
