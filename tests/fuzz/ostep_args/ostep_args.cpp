// `threadlab-cli ostep ...` with any argument words (one per line of the input): the command
// parses the OSTEP flags, solves and prints, or refuses with one "error:" line and exit 2. An
// internal error (exit 1) is a bug.
#include "fuzz_support.h"

#include "cli/commands.h"

#include <sstream>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tl;
  const std::vector<std::string> words = fuzz::split_words(fuzz::as_text(data, size));
  std::ostringstream out, err;
  const int code = cli::cmd_ostep(words, cli::Streams{out, err});
  fuzz::require(code == cli::kExitOk || code == cli::kExitBadInput, "exit 0 or 2, never an internal error");
  const std::string e = err.str();
  if (code == cli::kExitOk) {
    fuzz::require(e.empty(), "success prints nothing on stderr");
  } else {
    fuzz::require(e.rfind("error: ", 0) == 0, "a refusal starts with 'error: '");
    fuzz::require(e.find('\n') == e.size() - 1, "a refusal is exactly one line");
  }
  return 0;
}
