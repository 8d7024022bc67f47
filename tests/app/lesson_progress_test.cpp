// Progress between visits (a file in the config folder, found through XDG_CONFIG_HOME),
// export, import and reset through the lesson column's buttons; a lesson control's range
// enforced with a reason on screen; lesson runs in the background; a teacher's lesson file.
#include "app/platform/storage.h"
#include "app/state/progress_store.h"
#include "lesson_input.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>

namespace tl::app::test {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Each test gets its own config folder and working folder, removed afterwards.
class LessonProgress : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("threadlab-progress-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_ / "work");
    old_cwd_ = fs::current_path();
    fs::current_path(root_ / "work");
    ::setenv("XDG_CONFIG_HOME", (root_ / "config").c_str(), 1);
  }
  void TearDown() override {
    fs::current_path(old_cwd_);
    ::unsetenv("XDG_CONFIG_HOME");
    fs::remove_all(root_);
  }
  fs::path stored() const { return root_ / "config" / "threadlab" / "progress.json"; }

  // Completes the races lesson directly (the input test does it with the mouse).
  static void complete_races(AppState& state) {
    ASSERT_TRUE(open_lesson(state, "races"));
    wait_for_lesson(state.lesson);
    const lessons::Lesson& lesson = state.lesson.lesson();
    for (const lessons::Task& task : lesson.tasks) {
      for (const auto& [name, value] : lessons::starting_state(lesson))
        ASSERT_EQ(set_lesson_control(state, name + "=" + value.display()), "");
      for (const auto& [name, value] : task.solution) ASSERT_EQ(set_lesson_control(state, name + "=" + value.display()), "");
      wait_for_lesson(state.lesson);
    }
    for (std::size_t c = 0; c < lesson.question.choices.size(); ++c)
      if (lesson.question.choices[c].correct) answer_choice(state.lesson, int(c));
    ASSERT_TRUE(state.lesson.done());
  }

  fs::path root_, old_cwd_;
};

TEST_F(LessonProgress, KeptInTheConfigFolderBetweenVisits) {
  EXPECT_EQ(platform::progress_location(), stored().string());
  {
    HeadlessUi ui(1280, 720);
    AppState state;
    load_stored_progress(state.lesson);
    EXPECT_EQ(state.lesson.progress_message, "") << "a first visit is not an error";
    complete_races(state);
    ui.frame(state);  // the frame saves what changed
    ASSERT_TRUE(fs::exists(stored()));
    EXPECT_NE(slurp(stored()).find("\"races\""), std::string::npos);
  }
  HeadlessUi ui(1280, 720);
  AppState next_visit;
  load_stored_progress(next_visit.lesson);
  EXPECT_TRUE(next_visit.lesson.progress.done("races"));
  // The list shows the mark.
  LessonInput input(ui, next_visit);
  ASSERT_TRUE(open_lesson(next_visit, "processes-and-threads"));
  input.settle();
  ASSERT_TRUE(input.click([&] { return next_visit.layout.lesson.list_header; }));
  EXPECT_TRUE(LessonInput::visible(next_visit.layout.lesson.list[std::size_t(find_lesson("races"))]));
}

TEST_F(LessonProgress, ACorruptStoredFileIsReportedAndNotOverwrittenUnread) {
  fs::create_directories(stored().parent_path());
  std::ofstream(stored()) << "{\"format\": \"threadlab-progress\", \"version\": 1, \"lessons\": {\"races\": {\"done\": 3}}}";
  AppState state;
  load_stored_progress(state.lesson);
  EXPECT_EQ(state.lesson.progress_message,
            "progress not loaded: " + stored().string() + ": lessons.races.done: expected true or false");
  save_progress_if_changed(state.lesson);
  EXPECT_NE(slurp(stored()).find("\"done\": 3"), std::string::npos) << "nothing changed, nothing written";
}

// A stored file that never ends (here a link to /dev/zero) is refused at the progress limit,
// before it fills the memory; the program goes on with no progress.
TEST_F(LessonProgress, AnEndlessStoredFileIsRefusedAtTheLimit) {
  fs::create_directories(stored().parent_path());
  fs::create_symlink("/dev/zero", stored());
  AppState state;
  load_stored_progress(state.lesson);
  EXPECT_EQ(state.lesson.progress_message, "progress not loaded: " + stored().string() +
                                               ": larger than 256 KiB, the limit for a progress file");
  EXPECT_FALSE(state.lesson.progress.done("races"));
}

// A load that fails says so where the learner looks: "Your progress" opens by itself, once. A
// start without a problem leaves it closed.
TEST_F(LessonProgress, AFailedLoadOpensYourProgressToSayWhy) {
  {
    HeadlessUi ui(1280, 720);
    AppState state;
    load_stored_progress(state.lesson);
    LessonInput input(ui, state);
    ASSERT_TRUE(open_lesson(state, "races"));
    input.settle();
    EXPECT_FALSE(input.reveal([&] { return state.layout.lesson.import_button; })) << "closed after a clean start";
  }
  fs::create_directories(stored().parent_path());
  std::ofstream(stored()) << "{\"format\": \"threadlab-progress\", \"version\": 1, \"lessons\": {\"races\": {\"done\": 3}}}";
  HeadlessUi ui(1280, 720);
  AppState state;
  load_stored_progress(state.lesson);
  LessonInput input(ui, state);
  ASSERT_TRUE(open_lesson(state, "races"));
  input.settle();
  EXPECT_TRUE(input.reveal([&] { return state.layout.lesson.import_button; })) << state.lesson.progress_message;
  EXPECT_FALSE(state.lesson.progress_message_unasked) << "opened once; the learner may close it again";
}

TEST_F(LessonProgress, ExportImportAndResetThroughTheColumnsButtons) {
  HeadlessUi ui(1280, 720);
  AppState state;
  LessonInput input(ui, state);
  complete_races(state);
  input.settle();
  const LessonPanelLayout& layout = state.layout.lesson;
  ASSERT_TRUE(input.click([&] { return layout.progress_header; }));
  ASSERT_TRUE(input.click([&] { return layout.export_button; }));
  const fs::path exported = root_ / "work" / kProgressFileName;
  ASSERT_TRUE(fs::exists(exported)) << state.lesson.progress_message;
  EXPECT_EQ(state.lesson.progress_message, "progress written to " + exported.string());

  // Reset asks once more, then forgets.
  ASSERT_TRUE(input.click([&] { return layout.reset_button; }));
  EXPECT_TRUE(state.lesson.progress.done("races")) << "the first click only asks";
  ASSERT_TRUE(input.click([&] { return layout.reset_button; }));
  EXPECT_FALSE(state.lesson.progress.done("races"));
  EXPECT_FALSE(state.lesson.done());
  EXPECT_NE(slurp(stored()).find("\"lessons\": {}"), std::string::npos) << slurp(stored());

  ASSERT_TRUE(input.click([&] { return layout.import_button; }));
  EXPECT_TRUE(state.lesson.progress.done("races")) << state.lesson.progress_message;
  EXPECT_EQ(state.lesson.progress_message.rfind("imported threadlab-progress.json: 1 lesson(s) done", 0), 0u)
      << state.lesson.progress_message;

  // A file that is not progress is refused with its reason; the progress stays.
  std::ofstream(exported) << "{\"format\": \"something-else\"}";
  ASSERT_TRUE(input.click([&] { return layout.import_button; }));
  EXPECT_EQ(state.lesson.progress_message,
            "import failed: threadlab-progress.json: format: expected \"threadlab-progress\" (this is not a threadlab "
            "progress file)");
  EXPECT_TRUE(state.lesson.progress.done("races"));
  fs::remove(exported);
  ASSERT_TRUE(input.click([&] { return layout.import_button; }));
  EXPECT_EQ(state.lesson.progress_message, "import failed: threadlab-progress.json: cannot open for reading");

  // One that never ends is refused at the limit; the progress stays.
  fs::create_symlink("/dev/zero", exported);
  ASSERT_TRUE(input.click([&] { return layout.import_button; }));
  EXPECT_EQ(state.lesson.progress_message,
            "import failed: threadlab-progress.json: larger than 256 KiB, the limit for a progress file");
  EXPECT_TRUE(state.lesson.progress.done("races"));
}

TEST_F(LessonProgress, AControlOutsideTheLessonsRangeIsRefusedOnScreen) {
  HeadlessUi ui(1280, 720);
  AppState state;
  LessonInput input(ui, state);
  ASSERT_TRUE(open_lesson(state, "races"));
  input.settle();
  const lessons::Control* quantum = nullptr;
  for (const lessons::Control& c : state.lesson.lesson().controls)
    if (c.name == "quantum_us") quantum = &c;
  ASSERT_NE(quantum, nullptr);
  const std::string before = state.lesson.controls.at("quantum_us").display();
  lessons::ControlValue too_big = quantum->start;
  too_big.number = quantum->max + 1000;
  ASSERT_TRUE(input.set_control("quantum_us", too_big));
  input.settle();
  EXPECT_EQ(state.lesson.controls.at("quantum_us").display(), before);
  EXPECT_NE(state.lesson.refusal.find("quantum_us: " + too_big.display() + " us is outside this lesson's range"),
            std::string::npos)
      << state.lesson.refusal;
  EXPECT_NE(set_lesson_control(state, "cores=" + std::to_string(lessons::find_control("cores")->max)), "");
}

// With no threads (the web single variant) each frame runs one of the lesson's runs: a frame
// never waits for all of them, and the verdicts change only once the last is done.
TEST_F(LessonProgress, LessonRunsHappenOverFramesNotInside) {
  HeadlessUi ui(1280, 720);
  AppState state;
  state.lesson.background.mode = Session::Mode::Sliced;
  state.run.mode = Session::Mode::Sliced;
  ASSERT_TRUE(open_lesson(state, "races"));
  EXPECT_TRUE(state.lesson.pending());
  const std::size_t runs = state.lesson.lesson().runs.size();
  ASSERT_GE(runs, 2u);
  std::size_t frames = 0;
  while (state.lesson.pending() && frames < 100) {
    ui.frame(state);
    ++frames;
  }
  EXPECT_EQ(frames, runs) << "one run per frame";
  EXPECT_FALSE(state.lesson.task_passed(0));
  ASSERT_EQ(set_lesson_control(state, "cores=1"), "");
  ASSERT_EQ(set_lesson_control(state, "quantum_us=1"), "");
  EXPECT_FALSE(state.lesson.task_passed(0)) << "the old verdict stays until the new runs are done";
  ui.frame(state);
  EXPECT_TRUE(state.lesson.pending());
  for (int f = 0; f < 100 && state.lesson.pending(); ++f) ui.frame(state);
  EXPECT_TRUE(state.lesson.task_passed(0));
}

TEST_F(LessonProgress, ATeachersLessonFileOpensAndABadOneSaysWhereAndWhy) {
  const std::string good = slurp(fs::path(TL_SOURCE_DIR) / "tests" / "lessons" / "worked_example.json");
  AppState state;
  ASSERT_TRUE(open_lesson_text(state, "one-core-race.json", good)) << state.lesson.load_error;
  wait_for_lesson(state.lesson);
  EXPECT_EQ(state.lesson.current, -1);
  EXPECT_EQ(state.lesson.source, "one-core-race.json");
  EXPECT_EQ(state.lesson.lesson().id, "one-core-race");
  EXPECT_FALSE(state.lesson.task_passed(0));
  ASSERT_EQ(set_lesson_control(state, "quantum_us=1"), "");
  wait_for_lesson(state.lesson);
  EXPECT_TRUE(state.lesson.task_passed(0));

  std::string bad = good;
  bad.replace(bad.find("\"max_running\""), 13, "\"max_runing\"");
  EXPECT_FALSE(open_lesson_text(state, "https://example.org/l.json", bad));
  EXPECT_EQ(state.lesson.load_error.rfind("error: https://example.org/l.json: tasks[0].check.all[0].metric: unknown metric 'max_runing'", 0), 0u)
      << state.lesson.load_error;
  EXPECT_EQ(state.lesson.lesson().id, "one-core-race") << "the open lesson stays";
}

}  // namespace
}  // namespace tl::app::test
