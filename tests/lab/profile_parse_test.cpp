// "machine": {"profile": ...} as a built-in name, an inline profile object, or a profile file
// (what `threadlab-cli measure --profile-out` writes): defaults, overrides, and errors that
// name their JSON path (and the file).
#include "lab/subprocess.h"
#include "sim/scenario/scenario.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

namespace tl {
namespace {

std::string scenario(const std::string& machine) {
  return R"({"machine": )" + machine + R"(, "processes": [{"threads": [{"program": [{"compute_us": 10}]}]}]})";
}

std::string all_errors(const ParseResult& p) {
  std::string s;
  for (const ScenarioError& e : p.errors) s += format_error(e) + "\n";
  return s;
}

TEST(ProfileObject, BaseFieldsAndCoresApply) {
  const ParseResult p = parse_scenario(scenario(R"({"profile": {"name": "my box", "base": "python", "cores": 3, "fork_us": 123.5}})"));
  ASSERT_TRUE(p.scenario) << all_errors(p);
  const MachineSpec& m = p.scenario->machine;
  EXPECT_EQ(m.cores, 3u);
  EXPECT_EQ(m.costs.fork, 123'500);
  EXPECT_EQ(m.costs.thread_create, cost_profile(CostProfileKind::Python).thread_create);  // from the base
}

TEST(ProfileObject, MachineFieldsOverrideTheProfile) {
  const ParseResult p = parse_scenario(scenario(R"({"cores": 4, "fork_us": 7, "profile": {"cores": 3, "fork_us": 123}})"));
  ASSERT_TRUE(p.scenario) << all_errors(p);
  EXPECT_EQ(p.scenario->machine.cores, 4u);
  EXPECT_EQ(p.scenario->machine.costs.fork, 7'000);
}

// A measured machine of 4 cores with 2 hardware threads each: the profile gives both, and a
// scenario's own "cores" or "smt" overrides either (its cores are then cores of the profile's
// hardware threads per core).
TEST(ProfileObject, SmtIsTheDefaultHardwareThreadsPerCore) {
  const ParseResult p = parse_scenario(scenario(R"({"profile": {"cores": 4, "smt": 2}})"));
  ASSERT_TRUE(p.scenario) << all_errors(p);
  EXPECT_EQ(p.scenario->machine.cores, 4u);
  EXPECT_EQ(p.scenario->machine.smt, 2u);
  EXPECT_EQ(hardware_threads(p.scenario->machine), 8u);

  const ParseResult fewer = parse_scenario(scenario(R"({"cores": 1, "profile": {"cores": 4, "smt": 2}})"));
  ASSERT_TRUE(fewer.scenario) << all_errors(fewer);
  EXPECT_EQ(hardware_threads(fewer.scenario->machine), 2u);
  const ParseResult off = parse_scenario(scenario(R"({"smt": 1, "profile": {"cores": 4, "smt": 2}})"));
  ASSERT_TRUE(off.scenario) << all_errors(off);
  EXPECT_EQ(hardware_threads(off.scenario->machine), 4u);

  const std::string bad = all_errors(parse_scenario(scenario(R"({"profile": {"smt": 9}})")));
  EXPECT_NE(bad.find("error: machine.profile.smt: expected an integer in 1 .. 8"), std::string::npos) << bad;
  const std::string big = all_errors(parse_scenario(scenario(R"({"profile": {"cores": 200, "smt": 2}})")));
  EXPECT_NE(big.find("error: machine.profile.smt: cores x smt is 400 hardware threads; at most 256"), std::string::npos)
      << big;
  const std::string mixed = all_errors(parse_scenario(scenario(R"({"cores": 200, "profile": {"cores": 4, "smt": 2}})")));
  EXPECT_NE(mixed.find("error: machine.smt: cores x smt is 400 hardware threads; at most 256 (smt 2 is the profile's)"),
            std::string::npos)
      << mixed;
}

TEST(ProfileObject, BaseDefaultsToNative) {
  const ParseResult p = parse_scenario(scenario(R"({"profile": {"wake_us": 9}})"));
  ASSERT_TRUE(p.scenario) << all_errors(p);
  EXPECT_EQ(p.scenario->machine.costs.wake, 9'000);
  EXPECT_EQ(p.scenario->machine.costs.fork, cost_profile(CostProfileKind::Native).fork);
  EXPECT_EQ(p.scenario->machine.cores, 1u);
}

TEST(ProfileObject, ErrorsNameTheirPath) {
  const ParseResult p =
      parse_scenario(scenario(R"({"profile": {"fork_us": -1, "bogus": 1, "base": "fast", "cores": 0, "name": 5}})"));
  ASSERT_FALSE(p.scenario);
  const std::string e = all_errors(p);
  EXPECT_NE(e.find("error: machine.profile.fork_us: must not be negative"), std::string::npos) << e;
  EXPECT_NE(e.find("error: machine.profile: unknown key 'bogus'"), std::string::npos) << e;
  EXPECT_NE(e.find("error: machine.profile.base: unknown base profile 'fast'"), std::string::npos) << e;
  EXPECT_NE(e.find("error: machine.profile.cores: expected an integer in 1 .. 256"), std::string::npos) << e;
  EXPECT_NE(e.find("error: machine.profile.name: expected a string"), std::string::npos) << e;
}

TEST(ProfileFile, WithoutAReaderSaysToInlineIt) {
  const ParseResult p = parse_scenario(scenario(R"({"profile": "my-machine.json"})"));
  ASSERT_FALSE(p.scenario);
  const std::string e = all_errors(p);
  EXPECT_NE(e.find("error: machine.profile: profile file 'my-machine.json' cannot be read here"), std::string::npos) << e;
  EXPECT_NE(e.find("inline"), std::string::npos) << e;
}

TEST(ProfileFile, UnknownNamesAreStillNamedAsSuch) {
  const ParseResult p = parse_scenario(scenario(R"({"profile": "turbo"})"));
  ASSERT_FALSE(p.scenario);
  EXPECT_NE(all_errors(p).find("unknown profile 'turbo'"), std::string::npos) << all_errors(p);
}

TEST(ProfileFile, TheReaderSuppliesItsText) {
  std::map<std::string, std::string> files = {
      {"good.json", R"({"base": "native", "cores": 2, "spawn_us": 1500})"},
      {"bad.json", R"({"spawn_us": "fast"})"},
      {"broken.json", R"({"spawn_us": )"},
      {"dup.json", R"({"fork_us": 1, "fork_us": 2})"},
  };
  ParseOptions options;
  options.read_profile_file = [&](const std::string& name, std::string& reason) -> std::optional<std::string> {
    if (auto it = files.find(name); it != files.end()) return it->second;
    reason = "cannot open for reading";
    return std::nullopt;
  };
  const ParseResult good = parse_scenario(scenario(R"({"profile": "good.json"})"), options);
  ASSERT_TRUE(good.scenario) << all_errors(good);
  EXPECT_EQ(good.scenario->machine.costs.spawn, 1'500'000);
  EXPECT_EQ(good.scenario->machine.cores, 2u);

  const std::string bad = all_errors(parse_scenario(scenario(R"({"profile": "bad.json"})"), options));
  EXPECT_NE(bad.find("error: machine.profile.spawn_us: expected a number, got string (in profile file 'bad.json')"),
            std::string::npos)
      << bad;
  const std::string broken = all_errors(parse_scenario(scenario(R"({"profile": "broken.json"})"), options));
  EXPECT_NE(broken.find("error: machine.profile: invalid JSON"), std::string::npos) << broken;
  EXPECT_NE(broken.find("'broken.json'"), std::string::npos) << broken;
  const std::string dup = all_errors(parse_scenario(scenario(R"({"profile": "dup.json"})"), options));
  EXPECT_NE(dup.find("'dup.json'"), std::string::npos) << dup;
  const std::string missing = all_errors(parse_scenario(scenario(R"({"profile": "none.json"})"), options));
  EXPECT_NE(missing.find("error: machine.profile: profile file 'none.json': cannot open for reading"), std::string::npos)
      << missing;
}

// The CLI resolves a profile file relative to the scenario file, for run, validate and compare.
TEST(ProfileFile, TheCliReadsItBesideTheScenario) {
  const std::filesystem::path dir = std::filesystem::path(TL_TEST_TMP_DIR) / "profile_file";
  std::filesystem::create_directories(dir / "profiles");
  std::ofstream(dir / "profiles" / "box.json") << R"({"base": "native", "cores": 2, "fork_us": 250})";
  std::ofstream(dir / "uses_box.json") << scenario(R"({"profile": "profiles/box.json"})");
  std::ofstream(dir / "uses_missing.json") << scenario(R"({"profile": "profiles/missing.json"})");
  std::ofstream(dir / "compare_box.json")
      << R"({"machine": {"profile": "profiles/box.json"}, "workload": {"as": "threads", "workers": 2, "program": [{"compute_us": 1000}]}})";
  const std::string cli = TL_CLI_PATH;
  // From another working directory, so only the scenario's own folder can explain success.
  const lab::ProgramRun ok = lab::run_program({cli, "validate", (dir / "uses_box.json").string()}, 30'000'000'000);
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  const lab::ProgramRun run = lab::run_program({cli, "run", "--json", (dir / "uses_box.json").string()}, 30'000'000'000);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  const lab::ProgramRun cmp = lab::run_program({cli, "compare", (dir / "compare_box.json").string()}, 30'000'000'000);
  EXPECT_EQ(cmp.exit_code, 0) << cmp.err;
  const lab::ProgramRun missing = lab::run_program({cli, "validate", (dir / "uses_missing.json").string()}, 30'000'000'000);
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("error: machine.profile: profile file 'profiles/missing.json':"), std::string::npos)
      << missing.err;
}

}  // namespace
}  // namespace tl
