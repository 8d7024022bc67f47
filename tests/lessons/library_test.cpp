// The lesson library on small hand-written lessons: markup, control values and their effect
// on the scenario, measures, comparisons between runs, and grading.
#include "lesson_files.h"
#include "lessons/markup.h"

#include <gtest/gtest.h>

namespace tl::test {
namespace {

using namespace tl::lessons;

Lesson lesson_from(const std::string& text) {
  LessonParse p = parse_lesson(text);
  for (const Diagnostic& e : p.errors) ADD_FAILURE() << format_diagnostic("error", "", e);
  if (!p.lesson) throw std::runtime_error("invalid");
  return *p.lesson;
}

// Two CPU-bound threads of 10 ms each; runs "one" (1 core) and "two" (2 cores).
const char* kTwoThreads = R"({
  "id": "two", "title": "t", "text": ["p"],
  "scenarios": {"s": {"inline": {"machine": {"profile": "textbook", "cores": 2},
    "scheduler": {"policy": "rr", "quantum_us": 1000},
    "processes": [{"name": "P", "threads": [{"name": "a", "program": [{"compute_us": 10000}]},
                                            {"name": "b", "program": [{"compute_us": 10000}]}]}]}}},
  "controls": [{"control": "quantum_us", "start": 1000}, {"control": "policy", "start": "rr", "options": ["rr", "fifo"]}],
  "runs": {"one": {"set": {"cores": 1}}, "two": {"set": {"cores": 2}}},
  "quotes": {"speedup": {"metric": "makespan_ms", "run": "one", "decimals": 1}},
  "tasks": [{"id": "t", "text": "x", "check": {"ratio": [{"metric": "makespan_us", "run": "one"}, {"metric": "makespan_us", "run": "two"}], "op": "==", "value": 2, "tolerance": 0.001}, "solution": {"set": {"policy": "fifo"}}}],
  "question": {"text": "q", "number": {"quote": "speedup", "tolerance": 0.5, "unit": "ms"}, "feedback": {"correct": "yes", "low": "more", "high": "less"}}
})";

TEST(Markup, SplitsEmphasisCodeTermsAndQuotes) {
  std::vector<Inline> spans;
  std::string error;
  ASSERT_TRUE(parse_inline("a *b* **c** `d*` [[gil]] [[lost-update|lost]] {{n}} \\*", spans, error)) << error;
  ASSERT_EQ(spans.size(), 13u);
  EXPECT_EQ(spans[1].kind, Inline::Kind::Emphasis);
  EXPECT_EQ(spans[3].kind, Inline::Kind::Strong);
  EXPECT_EQ(spans[5].text, "d*");
  EXPECT_EQ(spans[7].ref, "gil");
  EXPECT_EQ(spans[9].text, "lost");
  EXPECT_EQ(spans[11].ref, "n");
  EXPECT_EQ(spans[12].text, " *");
  EXPECT_EQ(render_plain("- [[lost-update]] of {{n}}", {{"n", "3"}}), "- lost update of 3");
}

TEST(Markup, RejectsWhatWouldShowWrong) {
  std::vector<Inline> spans;
  std::string error;
  for (const char* bad : {"`open", "*open", "**open*", "[[Bad Id]]", "[[x|]]", "{{open", "{{}}"}) {
    EXPECT_FALSE(parse_inline(bad, spans, error)) << bad;
    EXPECT_FALSE(error.empty());
  }
}

TEST(Controls, ValuesAreReadExactlyAndChecked) {
  std::string why;
  EXPECT_EQ(control_value_from_text(*find_control("quantum_us"), "0.5", why)->number, 500);
  EXPECT_EQ(control_value_from_text(*find_control("quantum_us"), "0.5", why)->display(), "0.5");
  EXPECT_FALSE(control_value_from_text(*find_control("quantum_us"), "0", why));
  EXPECT_FALSE(control_value_from_text(*find_control("cores"), "257", why));
  EXPECT_NE(why.find("out of range"), std::string::npos);
  EXPECT_FALSE(control_value_from_text(*find_control("gil"), "maybe", why));
  EXPECT_FALSE(control_value_from_text(*find_control("policy"), "lottery", why));
}

TEST(Controls, SetControlNamesWhatIsWrong) {
  const Lesson l = lesson_from(kTwoThreads);
  ControlState s = starting_state(l);
  EXPECT_EQ(set_control(l, s, "quantum_us=250"), "");
  EXPECT_EQ(s["quantum_us"].number, 250'000);
  EXPECT_NE(set_control(l, s, "quantm_us=1").find("unknown control 'quantm_us' (this lesson has: quantum_us, policy)"), std::string::npos);
  EXPECT_NE(set_control(l, s, "policy=mlfq").find("not offered"), std::string::npos);
  EXPECT_NE(set_control(l, s, "cores").find("CONTROL=VALUE"), std::string::npos);
}

TEST(Controls, SetControlKeepsToTheLessonsRange) {
  Lesson l = lesson_from(kTwoThreads);
  for (Control& c : l.controls)
    if (c.name == "quantum_us") {
      c.min = 100'000;  // 100 us .. 20 ms
      c.max = 20'000'000;
    }
  ControlState s = starting_state(l);
  const ControlState before = s;
  EXPECT_EQ(set_control(l, s, "quantum_us=50"), "quantum_us: 50 us is outside this lesson's range (100 to 20000 us)");
  EXPECT_EQ(set_control(l, s, "quantum_us=20000.001"),
            "quantum_us: 20000.001 us is outside this lesson's range (100 to 20000 us)");
  EXPECT_EQ(s, before);
  EXPECT_EQ(set_control(l, s, "quantum_us=20000"), "");
}

TEST(Controls, ScenarioValuesForControlsTheLearnerHasNotSet) {
  Scenario sc;
  sc.machine.cores = 3;
  sc.gil.enabled = true;
  sc.scheduler.quantum = 2'000;
  EXPECT_EQ(control_value_in(sc, "cores")->display(), "3");
  EXPECT_EQ(control_value_in(sc, "gil")->display(), "on");
  EXPECT_EQ(control_value_in(sc, "quantum_us")->display(), "2");
  EXPECT_FALSE(control_value_in(sc, "profile"));
}

TEST(Controls, ApplyToTheScenario) {
  const Lesson l = lesson_from(kTwoThreads);
  ControlState s = starting_state(l);
  set_control(l, s, "policy=fifo");
  const ControlState eff = effective_state(l, s, l.runs[0]);
  const BuiltScenario b = build_scenario(l, eff, embedded_context());
  ASSERT_TRUE(b.scenario) << b.error;
  EXPECT_EQ(b.scenario->scheduler.policy, PolicyKind::Fifo);
  EXPECT_EQ(b.scenario->machine.cores, 1u);  // the run's fixed value wins
}

// Four CPU-bound threads of 10 ms on 2 cores; the learner sets hardware threads per core.
const char* kFourThreadsSmt = R"({
  "id": "smt", "title": "t", "text": ["p"],
  "scenarios": {"s": {"inline": {"machine": {"profile": "textbook", "cores": 2},
    "processes": [{"name": "P", "threads": [{"name": "a", "program": [{"compute_us": 10000}]},
      {"name": "b", "program": [{"compute_us": 10000}]}, {"name": "c", "program": [{"compute_us": 10000}]},
      {"name": "d", "program": [{"compute_us": 10000}]}]}]}}},
  "controls": [{"control": "cores", "start": 2, "min": 1, "max": 256}, {"control": "smt", "start": 1, "min": 1, "max": 2}],
  "runs": {"main": {}},
  "tasks": [{"id": "t", "text": "x", "check": {"metric": "max_running", "op": "==", "value": 4}, "solution": {"set": {"smt": 2}}}],
  "question": {"text": "q", "choices": [{"text": "a", "correct": true, "feedback": "y"}, {"text": "b", "feedback": "n"}]}
})";

TEST(Controls, SmtGivesEachCoreHardwareThreadsThatShareIt) {
  const Lesson l = lesson_from(kFourThreadsSmt);
  ControlState s = starting_state(l);
  // The main run with the controls as they are: the most threads running at once, and when the
  // last one ends (us).
  struct Seen {
    double running = -1, makespan_us = -1;
  };
  const auto run_main = [&] {
    const Measure running{"main", "max_running", "max_running", 1, "", "", "", "", "", -1};
    const Measure makespan{"main", "makespan_us", "makespan", 1'000, "", "", "", "", "", -1};
    const auto runs = run_lesson(l, s, embedded_context());  // the RunSet points into these
    Seen seen;
    EXPECT_TRUE(runs.at(0).result) << runs.at(0).built.error;
    if (!runs.at(0).result) return seen;
    const RunSet set = RunSet::of(runs);
    seen.running = measure(running, set).number;
    seen.makespan_us = measure(makespan, set).number;
    return seen;
  };
  const Seen one_per_core = run_main();
  EXPECT_EQ(one_per_core.running, 2);
  EXPECT_NEAR(one_per_core.makespan_us, 20'000, 100);

  ASSERT_EQ(set_control(l, s, "smt=2"), "");
  const BuiltScenario b = build_scenario(l, effective_state(l, s, l.runs[0]), embedded_context());
  ASSERT_TRUE(b.scenario) << b.error;
  EXPECT_EQ(b.scenario->machine.smt, 2u);
  EXPECT_EQ(control_value_in(*b.scenario, "smt")->display(), "2");
  // Four run at once, but two siblings do 125 % of one core's work, not 200 %: 16 ms, not 10.
  const Seen two_per_core = run_main();
  EXPECT_EQ(two_per_core.running, 4);
  EXPECT_NEAR(two_per_core.makespan_us, 16'000, 100);

  // More hardware threads than the simulator runs is refused, not quietly cut down.
  ASSERT_EQ(set_control(l, s, "cores=200"), "");
  const BuiltScenario too_many = build_scenario(l, effective_state(l, s, l.runs[0]), embedded_context());
  EXPECT_FALSE(too_many.scenario);
  EXPECT_NE(too_many.error.find("cores and smt"), std::string::npos) << too_many.error;
  EXPECT_NE(too_many.error.find("400"), std::string::npos) << too_many.error;
}

TEST(Requires, WarnsOfWhatIsMissingAndOfWhatNoLongerIs) {
  std::string doc = kFourThreadsSmt;
  doc.insert(doc.find('{') + 1, R"("requires": ["mlfq_queue_view", "smt"],)");
  const LessonParse p = parse_lesson(doc);
  ASSERT_TRUE(p.lesson);
  EXPECT_EQ(p.lesson->requires_features, (std::vector<std::string>{"mlfq_queue_view", "smt"}));
  ASSERT_EQ(p.warnings.size(), 2u);
  EXPECT_NE(p.warnings[0].message.find("does not have yet"), std::string::npos) << p.warnings[0].message;
  // SMT is modelled now: a lesson that still declares it missing probably says so to learners.
  EXPECT_EQ(p.warnings[1].path, "requires[1]");
  EXPECT_NE(p.warnings[1].message.find("in the simulator and the app now"), std::string::npos) << p.warnings[1].message;
}

TEST(Checks, RatiosBetweenRunsQuotesAndNumberAnswers) {
  const Lesson l = lesson_from(kTwoThreads);
  const auto runs = run_lesson(l, starting_state(l), embedded_context());
  const RunSet set = RunSet::of(runs);
  const CheckResult r = evaluate(l.tasks[0].check, set);
  EXPECT_TRUE(r.pass) << r.readings.at(0).measured;
  EXPECT_EQ(quote_values(l, set).at("speedup"), "20.0");
  EXPECT_TRUE(grade_number(l, 20.4, set).correct);
  EXPECT_EQ(grade_number(l, 19, set).feedback, "more");
  EXPECT_EQ(grade_number(l, 21, set).feedback, "less");
}

TEST(Checks, MeasuresReportWhatIsMissing) {
  const Lesson l = lesson_from(kTwoThreads);
  const auto runs = run_lesson(l, starting_state(l), embedded_context());
  Measure m;
  m.metric = "wait_ms";
  m.base = "wait";
  m.unit_ns = 1'000'000;
  m.thread = "c";
  EXPECT_NE(measure(m, RunSet::of(runs)).error.find("no thread 'c'"), std::string::npos);
  m.run = "three";
  EXPECT_EQ(measure(m, RunSet::of(runs)).error, "no run 'three'");
}

TEST(Checks, StateTimesAndMaxRunning) {
  const Lesson l = lesson_from(kTwoThreads);
  const auto runs = run_lesson(l, starting_state(l), embedded_context());
  const RunSet set = RunSet::of(runs);
  Measure ready{"one", "state_ms", "state", 1'000'000, "", "", "", "ready", "", -1};
  Measure running{"two", "max_running", "max_running", 1, "", "", "", "", "", -1};
  // On one core with 1 ms slices, each thread waits while the other runs: 10 ms each, 20 in all.
  EXPECT_NEAR(measure(ready, set).number, 19, 1.01);
  EXPECT_EQ(measure(running, set).number, 2);
}

TEST(Grading, ChoicesGiveTheirOwnFeedback) {
  Question q;
  q.kind = Question::Kind::Choice;
  q.choices = {{"a", false, "not a"}, {"b", true, "yes b"}};
  EXPECT_EQ(grade_choice(q, 0).feedback, "not a");
  EXPECT_FALSE(grade_choice(q, 0).correct);
  EXPECT_TRUE(grade_choice(q, 1).correct);
  EXPECT_FALSE(grade_choice(q, 7).correct);
}

}  // namespace
}  // namespace tl::test
