// parse_scenario: the compiled form of valid input, and every error path (right JSON path,
// clear reason, all errors collected, nothing absurd allocated).
#include "support/scenarios.h"

#include <algorithm>

namespace tl::test {
namespace {

std::vector<ScenarioError> errors_of(const std::string& json) {
  ParseResult r = parse_scenario(json);
  EXPECT_FALSE(r.scenario.has_value());
  return r.errors;
}

// True if some error has exactly `path` and a message containing `needle`.
::testing::AssertionResult has_error(const std::vector<ScenarioError>& errors, const std::string& path,
                                     const std::string& needle) {
  for (const ScenarioError& e : errors)
    if (e.path == path && e.message.find(needle) != std::string::npos) return ::testing::AssertionSuccess();
  std::string all;
  for (const ScenarioError& e : errors) all += "\n  " + format_error(e);
  return ::testing::AssertionFailure() << "no error at '" << path << "' containing '" << needle << "' in:" << all;
}

// A valid one-thread document with `program` spliced in.
std::string with_program(const std::string& program, const std::string& shared = R"({"counter":0})") {
  return R"({"processes":[{"name":"P","shared":)" + shared + R"(,"threads":[{"name":"t","program":)" + program +
         "}]}]}";
}
const std::string kProg = "processes[0].threads[0].program";

TEST(Parser, BriefExampleCompiles) {
  const std::string json = R"({ "seed": 1,
    "machine":   { "cores": 2 },
    "scheduler": { "policy": "rr", "quantum_us": 10000 },
    "processes": [
      { "name": "P0", "shared": { "counter": 0 },
        "threads": [
          { "name": "cpu", "program": [ { "compute_us": 400000 } ] },
          { "name": "io",  "program": [ { "repeat": 200, "do": [ { "io_us": 1000 }, { "compute_us": 10 } ] } ] },
          { "name": "inc", "program": [ { "repeat": 1000, "do": [ { "lock": "m" }, { "increment": "counter" }, { "unlock": "m" } ] } ] }
        ] } ] })";
  ParseResult r = parse_scenario(json);
  ASSERT_TRUE(r.scenario) << (r.errors.empty() ? "" : format_error(r.errors[0]));
  const Scenario& s = *r.scenario;
  EXPECT_EQ(s.machine.cores, 2u);
  EXPECT_EQ(s.scheduler.policy, PolicyKind::Rr);
  EXPECT_EQ(s.scheduler.quantum, 10 * kMs);
  ASSERT_EQ(s.threads.size(), 3u);
  EXPECT_EQ(s.threads[0].program.size(), 1u);
  EXPECT_EQ(s.threads[0].program[0].duration, 400 * kMs);
  EXPECT_EQ(program_cpu_demand(s.threads[0].program, s.machine), 400 * kMs);
  // repeat -> LoopBegin(200), io, compute, LoopEnd(0)
  const auto& io = s.threads[1].program;
  ASSERT_EQ(io.size(), 4u);
  EXPECT_EQ(io[0].kind, OpKind::LoopBegin);
  EXPECT_EQ(io[0].arg, 200u);
  EXPECT_EQ(io[3].kind, OpKind::LoopEnd);
  EXPECT_EQ(io[3].arg, 0u);
  EXPECT_EQ(s.threads[1].op_paths[io[1].source], "processes[0].threads[1].program[0].do[0]");
  // increment -> load, add, store on var 0; lock/unlock on mutex 0 named "m"
  const auto& inc = s.threads[2].program;
  ASSERT_EQ(inc.size(), 7u);
  EXPECT_EQ(inc[1].kind, OpKind::Lock);
  EXPECT_EQ(inc[2].kind, OpKind::Load);
  EXPECT_EQ(inc[3].kind, OpKind::Add);
  EXPECT_EQ(inc[4].kind, OpKind::Store);
  EXPECT_EQ(inc[5].kind, OpKind::Unlock);
  EXPECT_EQ(s.processes[0].mutexes, std::vector<std::string>{"m"});
  EXPECT_EQ(s.processes[0].vars, std::vector<std::string>{"counter"});
  EXPECT_EQ(s.processes[0].threads, (std::vector<ThreadId>{0, 1, 2}));
}

TEST(Parser, DecimalMicrosecondsConvertExactly) {
  ParseResult r = parse_scenario(with_program(
      R"([{"compute_us":0.001},{"compute_us":1.5},{"compute_us":0.0015},{"compute_us":0.0025},{"compute_us":2.675},{"compute_us":1e3},{"compute_us":123456789.123}])"));
  ASSERT_TRUE(r.scenario);
  const auto& p = r.scenario->threads[0].program;
  EXPECT_EQ(p[0].duration, 1);
  EXPECT_EQ(p[1].duration, 1500);
  EXPECT_EQ(p[2].duration, 2);     // 1.5 ns: ties to even
  EXPECT_EQ(p[3].duration, 2);     // 2.5 ns: ties to even
  EXPECT_EQ(p[4].duration, 2675);  // binary 2.675 is 2.67499999..., the decimal is not
  EXPECT_EQ(p[5].duration, 1'000'000);
  EXPECT_EQ(p[6].duration, 123'456'789'123);
}

TEST(Parser, DefaultsAndPolicyOptions) {
  ParseResult r = parse_scenario(R"({"scheduler":{"policy":"mlfq","levels":[{"quantum_us":10},{"quantum_us":20,"allotment":2}],
      "boost_us":100,"io_bump":true,"io_reset":true},"processes":[{"threads":[{"program":[]}]}]})");
  ASSERT_TRUE(r.scenario);
  const SchedulerSpec& s = r.scenario->scheduler;
  ASSERT_EQ(s.levels.size(), 2u);
  EXPECT_EQ(s.levels[1].quantum, us(20));
  EXPECT_EQ(s.levels[1].allotment, 2u);
  EXPECT_EQ(s.boost, us(100));
  EXPECT_TRUE(s.io_bump && s.io_reset);
  EXPECT_EQ(r.scenario->processes[0].name, "P0");
  EXPECT_EQ(r.scenario->threads[0].name, "T0");

  ParseResult c = parse_scenario(R"({"scheduler":{"policy":"cyclic","wake":"immediate","io":"hold"},
      "processes":[{"threads":[{"program":[]}]}]})");
  ASSERT_TRUE(c.scenario);
  EXPECT_TRUE(c.scenario->scheduler.wake_preempts);
  EXPECT_TRUE(c.scenario->scheduler.io_holds_core);
  EXPECT_TRUE(c.scenario->scheduler.dispatch_before_wakes);
}

TEST(Parser, PolicyNamesRoundTrip) {
  for (PolicyKind k : {PolicyKind::Fifo, PolicyKind::Sjf, PolicyKind::Stcf, PolicyKind::Rr, PolicyKind::Priority,
                       PolicyKind::Mlfq, PolicyKind::Cyclic}) {
    ParseResult r = parse_scenario(std::string(R"({"scheduler":{"policy":")") + to_string(k) +
                                   R"("},"processes":[{"threads":[{"program":[]}]}]})");
    ASSERT_TRUE(r.scenario) << to_string(k);
    EXPECT_EQ(r.scenario->scheduler.policy, k);
  }
  EXPECT_STREQ(to_string(PolicyKind::Cyclic), "cyclic");
}

TEST(ParserErrors, InvalidJsonGivesLineAndColumn) {
  auto e = errors_of("{\n  \"seed\": 1,\n  \"machine\": { cores: 2 }\n}");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].path, "");
  EXPECT_NE(e[0].message.find("line 3, column 16"), std::string::npos) << e[0].message;
  EXPECT_EQ(format_error(e[0]).rfind("error: invalid JSON", 0), 0u);
  EXPECT_EQ(e[0].message.find("[json.exception"), std::string::npos) << e[0].message;
  EXPECT_TRUE(has_error(errors_of(with_program(R"([{"compute_us":1e400}])")), "", "number overflow"));
  EXPECT_EQ(errors_of("").size(), 1u);
  EXPECT_EQ(errors_of("[1,2").size(), 1u);
}

TEST(ParserErrors, RootMustBeAnObjectWithProcesses) {
  EXPECT_TRUE(has_error(errors_of("[]"), "", "JSON object"));
  EXPECT_TRUE(has_error(errors_of("{}"), "", "needs \"processes\""));
  EXPECT_TRUE(has_error(errors_of(R"({"processes":[]})"), "processes", "at least one process"));
  EXPECT_TRUE(has_error(errors_of(R"({"processes":{}})"), "processes", "expected an array"));
}

TEST(ParserErrors, UnknownKeysAnywhere) {
  auto e = errors_of(R"({"sead":1,"machine":{"cores":1,"corez":2},"limits":{"max_time":1},
      "processes":[{"thread":[],"threads":[{"nam":"x","program":[{"compute_us":1,"extra":2}]}]}]})");
  EXPECT_TRUE(has_error(e, "", "unknown key 'sead'"));
  EXPECT_TRUE(has_error(e, "machine", "unknown key 'corez'"));
  EXPECT_TRUE(has_error(e, "limits", "unknown key 'max_time'"));
  EXPECT_TRUE(has_error(e, "processes[0]", "unknown key 'thread'"));
  EXPECT_TRUE(has_error(e, "processes[0].threads[0]", "unknown key 'nam'"));
  EXPECT_TRUE(has_error(e, kProg + "[0]", "unknown key 'extra'"));
}

TEST(ParserErrors, DuplicateJsonKeys) {
  auto e = errors_of(R"({"machine":{"cores":1,"cores":2},"processes":[{"threads":[{"program":[]}]}]})");
  EXPECT_TRUE(has_error(e, "machine", "duplicate key 'cores'"));
}

TEST(ParserErrors, WrongTypes) {
  auto e = errors_of(R"({"seed":"x","machine":{"cores":"two","switch_us":true},"scheduler":{"policy":3},
      "processes":[{"name":5,"shared":[],"threads":[{"program":{}}, 7]}]})");
  EXPECT_TRUE(has_error(e, "seed", "non-negative integer"));
  EXPECT_TRUE(has_error(e, "machine.cores", "expected an integer"));
  EXPECT_TRUE(has_error(e, "machine.switch_us", "expected a number of microseconds"));
  EXPECT_TRUE(has_error(e, "scheduler.policy", "expected a policy name"));
  EXPECT_TRUE(has_error(e, "processes[0].name", "expected a name"));
  EXPECT_TRUE(has_error(e, "processes[0].shared", "expected an object"));
  EXPECT_TRUE(has_error(e, "processes[0].threads[0].program", "expected an array of steps"));
  EXPECT_TRUE(has_error(e, "processes[0].threads[1]", "expected an object"));
}

TEST(ParserErrors, BadTimes) {
  auto e = errors_of(with_program(R"([{"compute_us":-1},{"io_us":-0.5},{"sleep_us":1e300},{"compute_us":"5"}])"));
  EXPECT_TRUE(has_error(e, kProg + "[0].compute_us", "must not be negative"));
  EXPECT_TRUE(has_error(e, kProg + "[1].io_us", "must not be negative"));
  EXPECT_TRUE(has_error(e, kProg + "[2].sleep_us", "too large"));
  EXPECT_TRUE(has_error(e, kProg + "[3].compute_us", "expected a number"));
  EXPECT_EQ(e.size(), 4u);
}

TEST(ParserErrors, StepKinds) {
  auto e = errors_of(with_program(R"([{"comput_us":5},{},{"compute_us":1,"io_us":2},"cpu",{"do":[]},{"repeat":2}])"));
  EXPECT_TRUE(has_error(e, kProg + "[0]", "unknown step kind 'comput_us'"));
  EXPECT_TRUE(has_error(e, kProg + "[1]", "empty step"));
  EXPECT_TRUE(has_error(e, kProg + "[2]", "one step per object"));
  EXPECT_TRUE(has_error(e, kProg + "[3]", "must be an object"));
  EXPECT_TRUE(has_error(e, kProg + "[4]", "\"do\" needs \"repeat\""));
  EXPECT_TRUE(has_error(e, kProg + "[5]", "needs \"do\""));
}

TEST(ParserErrors, RepeatLimitsAndNesting) {
  auto e = errors_of(with_program(R"([{"repeat":-1,"do":[{"compute_us":1}]},{"repeat":1.5,"do":[{"compute_us":1}]},
      {"repeat":2000000000,"do":[{"compute_us":1}]},{"repeat":2,"do":[]}])"));
  EXPECT_TRUE(has_error(e, kProg + "[0].repeat", "out of range"));
  EXPECT_TRUE(has_error(e, kProg + "[1].repeat", "whole number"));
  EXPECT_TRUE(has_error(e, kProg + "[2].repeat", "out of range"));
  EXPECT_TRUE(has_error(e, kProg + "[3].do", "must not be empty"));

  std::string deep = R"({"compute_us":1})";
  for (int i = 0; i < 17; ++i) deep = R"({"repeat":1,"do":[)" + deep + "]}";
  auto d = errors_of(with_program("[" + deep + "]"));
  ASSERT_EQ(d.size(), 1u);
  EXPECT_NE(d[0].message.find("nested more than 16"), std::string::npos);
  EXPECT_EQ(d[0].path.find(kProg + "[0]"), 0u);
}

TEST(ParserErrors, DynamicOpsBeyondMaxEvents) {
  // 1e9 x 1e9 iterations: rejected without expanding anything.
  auto e = errors_of(R"({"processes":[{"threads":[{"program":[{"repeat":1000000000,"do":[{"repeat":1000000000,"do":[{"compute_us":1}]}]}]}]}]})");
  EXPECT_TRUE(has_error(e, "processes[0].threads[0].program", "more than limits.max_events"));
  auto small = errors_of(R"({"limits":{"max_events":10},"processes":[{"threads":[{"program":[{"repeat":3,"do":[{"compute_us":1},{"compute_us":1}]}]},
      {"program":[{"repeat":3,"do":[{"compute_us":1}]}]}]}]})");
  EXPECT_TRUE(has_error(small, "processes", "steps in all"));
}

TEST(ParserErrors, UnlockNotHeldFoundByStaticWalk) {
  auto e = errors_of(with_program(R"([{"lock":"m"},{"unlock":"m"},{"unlock":"m"},
      {"repeat":3,"do":[{"lock":"a"},{"unlock":"a"},{"unlock":"b"}]},
      {"lock":"c"},{"repeat":2,"do":[{"unlock":"c"}]}])"));
  EXPECT_TRUE(has_error(e, kProg + "[2]", "unlock of mutex 'm' that this thread does not hold"));
  EXPECT_TRUE(has_error(e, kProg + "[3].do[2]", "mutex 'b'"));
  // The first iteration unlocks c legitimately, the second does not.
  EXPECT_TRUE(has_error(e, kProg + "[5].do[0]", "mutex 'c'"));
  EXPECT_EQ(e.size(), 3u);
  // Balanced loops and a lock taken in one iteration and released in the next are fine.
  EXPECT_TRUE(parse_scenario(with_program(R"([{"lock":"m"},{"repeat":5,"do":[{"unlock":"m"},{"lock":"m"}]},{"unlock":"m"}])")).scenario);
  // repeat 0 never runs its body.
  EXPECT_TRUE(parse_scenario(with_program(R"([{"repeat":0,"do":[{"unlock":"m"}]}])")).scenario);
}

TEST(ParserErrors, UndeclaredSharedVariable) {
  auto e = errors_of(with_program(R"([{"increment":"count"},{"atomic_increment":"x"}])"));
  EXPECT_TRUE(has_error(e, kProg + "[0].increment", "undeclared shared variable 'count'"));
  EXPECT_TRUE(has_error(e, kProg + "[1].atomic_increment", "undeclared shared variable 'x'"));
  auto v = errors_of(with_program("[]", R"({"n":1.5,"m":"x"})"));
  EXPECT_TRUE(has_error(v, "processes[0].shared.n", "whole number"));
  EXPECT_TRUE(has_error(v, "processes[0].shared.m", "expected an integer"));
}

TEST(ParserErrors, SchedulerAndMachineRanges) {
  auto e = errors_of(R"({"machine":{"cores":0},"scheduler":{"policy":"rr","quantum_us":0},"processes":[{"threads":[{"program":[]}]}]})");
  EXPECT_TRUE(has_error(e, "machine.cores", "out of range (1 .. 256)"));
  EXPECT_TRUE(has_error(e, "scheduler.quantum_us", "greater than 0"));
  EXPECT_TRUE(has_error(errors_of(R"({"machine":{"cores":257},"processes":[{"threads":[{"program":[]}]}]})"),
                        "machine.cores", "out of range"));
  EXPECT_TRUE(has_error(errors_of(R"({"scheduler":{"policy":"SJF"},"processes":[{"threads":[{"program":[]}]}]})"),
                        "scheduler.policy", "unknown policy 'SJF'"));
  EXPECT_TRUE(has_error(errors_of(R"({"scheduler":{"policy":"fifo","quantum_us":5},"processes":[{"threads":[{"program":[]}]}]})"),
                        "scheduler.quantum_us", "applies only to policy rr priority mlfq"));
  EXPECT_TRUE(has_error(errors_of(R"({"scheduler":{"policy":"cyclic","wake":"soon"},"processes":[{"threads":[{"program":[]}]}]})"),
                        "scheduler.wake", "\"later\" or \"immediate\""));
  auto m = errors_of(R"({"scheduler":{"policy":"mlfq","levels":[{"quantum_us":0,"allotment":0}]},"processes":[{"threads":[{"program":[]}]}]})");
  EXPECT_TRUE(has_error(m, "scheduler.levels[0].quantum_us", "greater than 0"));
  EXPECT_TRUE(has_error(m, "scheduler.levels[0].allotment", "out of range"));
}

TEST(ParserErrors, NamesEmptyAndDuplicate) {
  auto e = errors_of(R"({"processes":[{"name":"A","threads":[{"name":"x","program":[]},{"name":"x","program":[]},{"name":"","program":[]}]},
      {"name":"A","threads":[{"name":"x","program":[{"lock":""}]}]}]})");
  EXPECT_TRUE(has_error(e, "processes[0].threads[1].name", "duplicate thread name 'x'"));
  EXPECT_TRUE(has_error(e, "processes[0].threads[2].name", "must not be empty"));
  EXPECT_TRUE(has_error(e, "processes[1].name", "duplicate process name 'A'"));
  EXPECT_TRUE(has_error(e, "processes[1].threads[0].program[0].lock", "must not be empty"));
}

TEST(ParserErrors, TooManyThreadsCheckedBeforeBuilding) {
  std::string j = R"({"processes":[{"threads":[)";
  for (int i = 0; i < 100001; ++i) j += i ? ",{}" : "{}";
  auto e = errors_of(j + "]}]}");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].path, "processes[0].threads");
  EXPECT_NE(e[0].message.find("too many threads"), std::string::npos);
}

TEST(ParserErrors, HugeDocumentsAreRefusedBeforeBuildingThem) {
  std::string big = "[";
  for (int i = 0; i < 4'100'000; ++i) big += i ? ",0" : "0";
  auto e = errors_of(big + "]");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_NE(e[0].message.find("more than 4000000 JSON values"), std::string::npos);
}

TEST(ParserErrors, EveryErrorIsCollectedInOneRun) {
  auto e = errors_of(R"({"machine":{"cores":0,"switch_us":-1},"processes":[{"threads":[
      {"program":[{"comput_us":5},{"unlock":"m"}]},{"program":[{"increment":"nope"}]}]}]})");
  EXPECT_GE(e.size(), 4u);
  EXPECT_TRUE(has_error(e, "machine.cores", "out of range"));
  EXPECT_TRUE(has_error(e, "machine.switch_us", "negative"));
  EXPECT_TRUE(has_error(e, "processes[0].threads[0].program[0]", "comput_us"));
  EXPECT_TRUE(has_error(e, "processes[0].threads[1].program[0].increment", "nope"));
  for (const ScenarioError& err : e) EXPECT_EQ(format_error(err).rfind("error: " + err.path + ": ", 0), 0u);
}

TEST(ParserErrors, LimitsRanges) {
  auto e = errors_of(R"({"limits":{"max_sim_time_us":-5,"max_events":0},"processes":[{"threads":[{"program":[]}]}]})");
  EXPECT_TRUE(has_error(e, "limits.max_sim_time_us", "negative"));
  EXPECT_TRUE(has_error(e, "limits.max_events", "out of range"));
}

}  // namespace
}  // namespace tl::test
