// The argument lists of `threadlab-cli run|compare|sweep` (one word per line of the input; the
// first word picks the command): accepted with a file named, or refused with a one-line reason.
#include "fuzz_support.h"

#include "cli/commands.h"

#include <span>

namespace {

void check_refusal(const std::string& why) {
  tl::fuzz::require(why.find('\n') == std::string::npos, "a refusal is one line");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tl;
  const std::vector<std::string> words = fuzz::split_words(fuzz::as_text(data, size));
  if (words.empty()) return 0;
  const std::span<const std::string> rest(words.data() + 1, words.size() - 1);
  if (words[0] == "run") {
    cli::RunArgs a;
    const std::string why = cli::parse_run_args(rest, a);
    if (why.empty()) fuzz::require(!a.file.empty(), "an accepted run names its file");
    else check_refusal(why);
  } else if (words[0] == "compare") {
    cli::CompareArgs a;
    const std::string why = cli::parse_compare_args(rest, a);
    if (why.empty()) fuzz::require(!a.file.empty(), "an accepted compare names its file");
    else check_refusal(why);
  } else if (words[0] == "sweep") {
    cli::SweepArgs a;
    const std::string why = cli::parse_sweep_args(rest, a);
    if (why.empty()) {
      fuzz::require(!a.file.empty(), "an accepted sweep names its file");
      fuzz::require(!a.cores.empty() && a.cores.size() <= 256, "a sweep has 1 .. 256 core counts");
      for (std::uint32_t c : a.cores) fuzz::require(c >= 1 && c <= 256, "core counts 1 .. 256");
    } else {
      check_refusal(why);
    }
  }
  return 0;
}
