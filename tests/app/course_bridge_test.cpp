// What a course page relies on: every lesson's state survives the trip through a link, the
// host-page commands act as the learner's own controls do, progress events come once each,
// and the exports carry the run on screen.
#include "app/course_bridge.h"
#include "app/state/catalog.h"
#include "app/views/export_files.h"
#include "course/lz_uri.h"
#include "app/state/progress_events.h"
#include "headless.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/export/chrome_trace.h"

namespace tl::app::test {
namespace {

using nlohmann::json;

void apply_solution(AppState& state, const lessons::Task& task) {
  for (const auto& [name, value] : task.solution)
    ASSERT_EQ(set_lesson_control(state, name + "=" + value.display()), "") << task.id << ": " << name;
  wait_for_lesson(state.lesson);
}

json host(AppState& state, CourseSettings& settings, std::string_view text) {
  const course::HostMessage m = course::parse_host_message(text);
  if (!m.command) return {{"ok", false}, {"error", m.error}};
  json reply = run_host_command(state, settings, *m.command);
  wait_for_lesson(state.lesson);  // the lesson's runs finish in the background
  return reply;
}

// The comparable part of the state (the link itself, and whether a run is still pending, are
// how the state is carried, not what it is).
json comparable(const AppState& state, const CourseSettings& settings) {
  json s = host_state(state, settings);
  s.erase("pending");
  return s;
}

TEST(CourseBridge, EveryLessonSurvivesALink) {
  for (const LessonEntry& entry : lesson_catalog()) {
    const lessons::Lesson& lesson = *entry.lesson;
    AppState a;
    CourseSettings sa;
    ASSERT_TRUE(open_lesson(a, entry.id));
    wait_for_lesson(a.lesson);
    if (!lesson.tasks.empty()) apply_solution(a, lesson.tasks.back());
    wait_for_run(a);
    a.playback.playing = false;
    a.playback.playhead = a.result().trace.makespan / 3;
    sa.embed = true;
    const std::string link = course::encode_url_state(capture_url_state(a, sa));

    AppState b;
    CourseSettings sb;
    ASSERT_TRUE(select_scenario(b, "race"));  // something else on screen first
    const course::UrlStateParse parsed = course::decode_url_state("#" + link);
    ASSERT_TRUE(parsed.errors.empty()) << entry.id << ": " << parsed.errors.front();
    const std::vector<std::string> errors = apply_url_state(b, sb, parsed.state);
    ASSERT_TRUE(errors.empty()) << entry.id << ": " << errors.front();
    wait_for_lesson(b.lesson);
    wait_for_run(b);
    EXPECT_EQ(comparable(b, sb), comparable(a, sa)) << entry.id << " via " << link;
  }
}

TEST(CourseBridge, AScenarioLinkRestoresCoresAndPlayhead) {
  AppState a;
  CourseSettings sa;
  ASSERT_TRUE(select_scenario(a, "locks"));
  ASSERT_TRUE(set_cores(a, 3));
  wait_for_run(a);
  a.playback.playing = false;
  a.playback.playhead = 12345;
  const std::string link = course::encode_url_state(capture_url_state(a, sa));
  EXPECT_NE(link.find("scenario=locks"), std::string::npos) << link;
  AppState b;
  CourseSettings sb;
  ASSERT_TRUE(select_scenario(b, "slice"));
  EXPECT_TRUE(apply_url_state(b, sb, course::decode_url_state(link).state).empty());
  wait_for_run(b);
  EXPECT_EQ(comparable(b, sb), comparable(a, sa));
}

// A course page embeds one lesson per frame: the column offers no way to another lesson
// (the list, the progress section, Previous/Next, Close); the same link without embed does.
TEST(CourseBridge, AnEmbeddedLessonShowsThatLessonOnly) {
  for (const bool embed : {false, true}) {
    HeadlessUi ui;
    AppState state;
    CourseSettings settings;
    const std::string link = std::string("lesson=races") + (embed ? "&embed=1" : "");
    ASSERT_TRUE(apply_url_state(state, settings, course::decode_url_state(link).state).empty());
    wait_for_lesson(state.lesson);
    ui.frame(state);
    ui.frame(state);
    const LessonPanelLayout& l = state.layout.lesson;
    auto drawn = [](const Rect& r) { return r.x1 > r.x0 && r.y1 > r.y0; };
    EXPECT_EQ(drawn(l.list_header), !embed) << link;
    EXPECT_EQ(drawn(l.progress_header), !embed) << link;
    EXPECT_EQ(drawn(l.previous) || drawn(l.next) || drawn(l.close), !embed) << link;
    EXPECT_FALSE(l.tasks.empty()) << link << ": the lesson itself is there";
    EXPECT_TRUE(drawn(l.tasks.front())) << link;
    EXPECT_EQ(host_state(state, settings)["lesson"]["id"], "races");
  }
}

TEST(CourseBridge, ValuesThatDecodeButDoNotApplyAreReported) {
  AppState state;
  CourseSettings settings;
  ASSERT_TRUE(select_scenario(state, "slice"));
  auto errors = apply_url_state(state, settings, course::decode_url_state("lesson=nope&view=cube").state);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_NE(errors[0].find("lesson: 'nope' is not a lesson here"), std::string::npos) << errors[0];
  EXPECT_NE(errors[1].find("view: 'cube' is not one of: timeline"), std::string::npos) << errors[1];
  errors = apply_url_state(state, settings, course::decode_url_state("lesson=races&set.cores=999").state);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("set.cores: "), std::string::npos) << errors[0];
  errors = apply_url_state(state, settings, course::decode_url_state("scenario=nope").state);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("scenario: 'nope' is not an example here"), std::string::npos);
  const std::string bad_json = course::lz_compress_uri("{\"machine\":{\"cores\":\"many\"}}");
  errors = apply_url_state(state, settings, course::decode_url_state("sc=" + bad_json).state);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("sc: the scenario in the link is not valid"), std::string::npos) << errors[0];
  EXPECT_EQ(state.error, "");
}

TEST(CourseBridge, EachProgressEventComesOnceWithItsIds) {
  AppState state;
  CourseSettings settings;
  ProgressTracker tracker;
  const LessonEntry* entry = nullptr;  // a lesson with tasks and a choice question
  for (const LessonEntry& e : lesson_catalog())
    if (!e.lesson->tasks.empty() && e.lesson->question.kind == lessons::Question::Kind::Choice) {
      entry = &e;
      break;
    }
  ASSERT_NE(entry, nullptr);
  const lessons::Lesson& lesson = *entry->lesson;
  ASSERT_TRUE(host(state, settings, R"({"threadlab":1,"command":"load","lesson":")" + entry->id + "\"}")["ok"]);
  auto events = take_progress_events(tracker, state.lesson);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0]["type"], "lesson-started");
  EXPECT_EQ(events[0]["lesson"], entry->id);
  EXPECT_TRUE(take_progress_events(tracker, state.lesson).empty());

  for (std::size_t t = 0; t < lesson.tasks.size(); ++t) {
    json controls = json::object();
    for (const auto& [name, value] : lesson.tasks[t].solution) controls[name] = value.display();
    ASSERT_TRUE(host(state, settings, json{{"threadlab", 1}, {"command", "set"}, {"controls", controls}}.dump())["ok"]);
    events = take_progress_events(tracker, state.lesson);
    ASSERT_EQ(events.size(), 1u) << lesson.tasks[t].id;  // exactly this task, exactly once
    EXPECT_EQ(events[0]["type"], "task-passed");
    EXPECT_EQ(events[0]["lesson"], entry->id);
    EXPECT_EQ(events[0]["task"], lesson.tasks[t].id);
    // Passing it again (same settings) says nothing new.
    ASSERT_TRUE(host(state, settings, json{{"threadlab", 1}, {"command", "set"}, {"controls", controls}}.dump())["ok"]);
    EXPECT_TRUE(take_progress_events(tracker, state.lesson).empty());
  }
  std::size_t right = 0;
  while (!lesson.question.choices[right].correct) ++right;
  const std::size_t wrong = right == 0 ? 1 : 0;
  json reply = host(state, settings, json{{"threadlab", 1}, {"command", "answer"}, {"choice", wrong}}.dump());
  EXPECT_FALSE(reply["correct"]);
  events = take_progress_events(tracker, state.lesson);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0]["type"], "question-answered");
  EXPECT_FALSE(events[0]["correct"]);
  reply = host(state, settings, json{{"threadlab", 1}, {"command", "answer"}, {"choice", right}}.dump());
  EXPECT_TRUE(reply["correct"]);
  events = take_progress_events(tracker, state.lesson);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0]["type"], "question-answered");
  EXPECT_EQ(events[1]["type"], "lesson-completed");
  EXPECT_EQ(events[1]["lesson"], entry->id);
  EXPECT_EQ(events[1]["score"], 100);
  EXPECT_TRUE(take_progress_events(tracker, state.lesson).empty());
}

TEST(CourseBridge, HostCommandsRefuseWhatTheAppCannotDo) {
  AppState state;
  CourseSettings settings;
  ASSERT_TRUE(select_scenario(state, "slice"));
  EXPECT_EQ(host(state, settings, R"({"threadlab":1,"command":"load","lesson":"nope"})")["error"].get<std::string>().rfind(
                "lesson: 'nope' is not a lesson here", 0),
            0u);
  EXPECT_NE(host(state, settings, R"({"threadlab":1,"command":"set","controls":{"cores":2}})")["error"].get<std::string>().find(
                "no lesson is open"),
            std::string::npos);
  EXPECT_NE(host(state, settings, R"({"threadlab":1,"command":"answer","choice":0})")["error"].get<std::string>().find(
                "no lesson is open"),
            std::string::npos);
  ASSERT_TRUE(host(state, settings, R"({"threadlab":1,"command":"set","cores":4})")["ok"]);
  EXPECT_EQ(state.cores, 4);
  wait_for_run(state);
  ASSERT_TRUE(host(state, settings, R"({"threadlab":1,"command":"pause"})")["ok"]);
  ASSERT_TRUE(host(state, settings, R"({"threadlab":1,"command":"seek","time_us":1e15})").dump().size() > 0);
  ASSERT_TRUE(host(state, settings, R"({"threadlab":1,"command":"seek","time_us":3})")["ok"]);
  EXPECT_EQ(state.playback.playhead, 3000);
  EXPECT_FALSE(state.playback.playing);
}

TEST(CourseBridge, TheTraceExportIsTheSimulatorsTrace) {
  AppState state;
  ASSERT_TRUE(select_scenario(state, "race"));
  wait_for_run(state);
  std::string error;
  const std::string trace = export_text(state, "trace", error);
  EXPECT_EQ(error, "");
  std::ostringstream direct;
  ASSERT_TRUE(write_chrome_trace(direct, state.shown().scenario, state.result()));
  EXPECT_EQ(trace, direct.str());
  const std::string csv = export_text(state, "metrics", error);
  EXPECT_EQ(csv.rfind("thread,process,turnaround_us", 0), 0u);
  EXPECT_EQ(export_text(state, "scenario", error), std::string(find_embedded_scenario("race")->json));
  EXPECT_EQ(export_text(state, "pdf", error), "");
  EXPECT_NE(error.find("unknown export 'pdf'"), std::string::npos);
}

// The desktop's Export button: the same texts as files in the working directory.
TEST(CourseBridge, DesktopExportsWriteFilesIntoADirectory) {
  AppState state;
  ASSERT_TRUE(select_scenario(state, "locks"));
  wait_for_run(state);
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "threadlab-export-test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const SavedExports saved = save_exports(state, dir);
  EXPECT_EQ(saved.error, "");
  ASSERT_EQ(saved.files.size(), 3u);
  EXPECT_EQ(std::filesystem::path(saved.files[0]).filename(), "threadlab-locks.trace.json");
  std::ifstream trace(saved.files[0]);
  std::stringstream text;
  text << trace.rdbuf();
  std::string error;
  EXPECT_EQ(text.str(), export_text(state, "trace", error));
  EXPECT_TRUE(std::filesystem::exists(dir / "threadlab-locks.metrics.csv"));
  EXPECT_TRUE(std::filesystem::exists(dir / "threadlab-locks.scenario.json"));
  const SavedExports failed = save_exports(state, dir / "missing" / "folder");
  EXPECT_NE(failed.error.find("cannot write"), std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST(CourseBridge, TheLessonDescriptionHasEverythingTheMirrorShows) {
  AppState state;
  ASSERT_TRUE(open_lesson(state, "races"));
  wait_for_lesson(state.lesson);
  const json d = lesson_description(state);
  EXPECT_EQ(d["id"], "races");
  EXPECT_FALSE(d["text"].empty());
  EXPECT_EQ(d["tasks"].size(), state.lesson.lesson().tasks.size());
  EXPECT_FALSE(d["controls"].empty());
  for (const json& t : d["tasks"]) EXPECT_FALSE(t["text"].get<std::string>().empty());
}

}  // namespace
}  // namespace tl::app::test
