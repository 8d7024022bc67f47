// Seeded mutations of the examples: the parser either accepts (and the engine then runs within
// its limits) or returns errors; it never crashes, hangs or returns neither.
#include "support/scenarios.h"

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

namespace tl::test {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> example_texts() {
  std::vector<std::string> out;
  for (const auto& entry : fs::directory_iterator(fs::path(TL_SOURCE_DIR) / "examples")) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream in(entry.path());
    std::stringstream ss;
    ss << in.rdbuf();
    out.push_back(ss.str());
  }
  std::sort(out.begin(), out.end());  // directory order is not portable
  return out;
}

std::string mutate(std::string s, std::mt19937_64& rng) {
  static const char* kTokens[] = {"-1", "0", "1e308", "-0.0", "1.5", "\"\"", "null", "[]", "{}", "true",
                                  "99999999999999999999", "\"m\"", "\"counter\"", "1000000000", "0.0000001"};
  const int edits = 1 + static_cast<int>(rng() % 4);
  for (int e = 0; e < edits && !s.empty(); ++e) {
    const std::size_t pos = rng() % s.size();
    switch (rng() % 5) {
      case 0: s.erase(pos, 1 + rng() % 8); break;
      case 1: s[pos] = static_cast<char>(rng() % 128); break;
      case 2: s.insert(pos, kTokens[rng() % std::size(kTokens)]); break;
      case 3: {  // replace a number with a token
        const std::size_t d = s.find_first_of("0123456789", pos);
        if (d != std::string::npos) {
          std::size_t end = s.find_first_not_of("0123456789.", d);
          if (end == std::string::npos) end = s.size();
          s.replace(d, end - d, kTokens[rng() % std::size(kTokens)]);
        }
        break;
      }
      case 4: {  // duplicate a slice somewhere else
        const std::size_t len = rng() % 40, from = rng() % s.size();
        s.insert(pos, s.substr(from, len));
        break;
      }
    }
  }
  return s;
}

TEST(ParserFuzz, MutatedExamplesParseOrFailCleanly) {
  const std::vector<std::string> texts = example_texts();
  ASSERT_FALSE(texts.empty());
  std::mt19937_64 rng(12345);
  int accepted = 0, rejected = 0;
  for (int i = 0; i < 3000; ++i) {
    const std::string doc = mutate(texts[i % texts.size()], rng);
    ParseResult r = parse_scenario(doc);
    ASSERT_NE(r.scenario.has_value(), !r.errors.empty()) << doc;
    if (!r.scenario) {
      ++rejected;
      for (const ScenarioError& e : r.errors) ASSERT_FALSE(e.message.empty()) << doc;
      continue;
    }
    ++accepted;
    Scenario sc = *r.scenario;
    sc.limits.max_events = std::min<std::uint64_t>(sc.limits.max_events, 200'000);
    const RunResult run_result = run(sc);
    EXPECT_LE(run_result.events, 200'001u);
  }
  EXPECT_GT(accepted, 100);
  EXPECT_GT(rejected, 1000);
}

}  // namespace
}  // namespace tl::test
