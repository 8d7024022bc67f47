#include "app/state/progress_events.h"

#include <cmath>

namespace tl::app {

bool task_ever_passed(const LessonState& lesson, std::size_t t) {
  if (!lesson.open() || t >= lesson.lesson().tasks.size()) return false;
  if (lesson.task_passed(t) && !lesson.pending()) return true;
  const auto it = lesson.progress.lessons.find(lesson.lesson().id);
  return it != lesson.progress.lessons.end() && it->second.passed.count(lesson.lesson().tasks[t].id) != 0;
}

int lesson_score(const LessonState& lesson) {
  if (!lesson.open()) return 0;
  if (lesson.done()) return 100;
  const lessons::Lesson& l = lesson.lesson();
  int parts = int(l.tasks.size()), got = 0;
  for (std::size_t t = 0; t < l.tasks.size(); ++t)
    if (task_ever_passed(lesson, t)) ++got;
  if (l.question.kind != lessons::Question::Kind::None) {
    ++parts;
    if (lesson.grade && lesson.grade->correct) ++got;
  }
  return parts == 0 ? 100 : int(std::lround(100.0 * got / parts));
}

std::vector<nlohmann::json> take_progress_events(ProgressTracker& tracker, const LessonState& lesson) {
  std::vector<nlohmann::json> events;
  if (!lesson.open()) {
    tracker = ProgressTracker{};
    return events;
  }
  const lessons::Lesson& l = lesson.lesson();
  if (tracker.lesson != &l) {
    tracker = ProgressTracker{};
    tracker.lesson = &l;
    tracker.tasks_reported.assign(l.tasks.size(), false);
    tracker.completed_reported = lesson.done();  // done on an earlier visit: said at the start
    events.push_back({{"type", "lesson-started"},
                      {"lesson", l.id},
                      {"title", l.title},
                      {"tasks", l.tasks.size()},
                      {"completed", lesson.done()},
                      {"score", lesson_score(lesson)}});
  }
  if (!lesson.pending()) {  // verdicts of the newest runs only
    for (std::size_t t = 0; t < l.tasks.size(); ++t) {
      if (lesson.task_passed(t) && !tracker.tasks_reported[t]) {
        tracker.tasks_reported[t] = true;
        events.push_back({{"type", "task-passed"}, {"lesson", l.id}, {"task", l.tasks[t].id}, {"index", t}});
      }
    }
  }
  if (lesson.grade) {
    const bool changed = !tracker.answered || tracker.choice != lesson.choice || tracker.number != lesson.number ||
                         tracker.correct != lesson.grade->correct;
    if (changed) {
      tracker.answered = true;
      tracker.choice = lesson.choice;
      tracker.number = lesson.number;
      tracker.correct = lesson.grade->correct;
      nlohmann::json e = {{"type", "question-answered"}, {"lesson", l.id}, {"correct", lesson.grade->correct}};
      if (l.question.kind == lessons::Question::Kind::Choice)
        e["choice"] = lesson.choice;
      else
        e["number"] = lesson.number;
      events.push_back(std::move(e));
    }
  }
  if (lesson.done() && !tracker.completed_reported) {
    tracker.completed_reported = true;
    events.push_back({{"type", "lesson-completed"}, {"lesson", l.id}, {"score", lesson_score(lesson)}});
  }
  return events;
}

}  // namespace tl::app
