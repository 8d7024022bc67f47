#include "app/state/progress_events.h"

#include <algorithm>
#include <cmath>

namespace tl::app {

int lesson_score(const LessonState& lesson) {
  if (!lesson.open()) return 0;
  const lessons::Lesson& l = lesson.lesson();
  int parts = int(l.tasks.size()), got = 0;
  for (std::size_t t = 0; t < l.tasks.size(); ++t)
    if (t < lesson.passed_once.size() && lesson.passed_once[t]) ++got;
  if (l.question.kind != lessons::Question::Kind::None) {
    ++parts;
    if (lesson.grade && lesson.grade->correct) ++got;
  }
  return parts == 0 ? 100 : int(std::lround(100.0 * got / parts));
}

std::vector<nlohmann::json> take_progress_events(ProgressTracker& tracker, const LessonState& lesson) {
  std::vector<nlohmann::json> events;
  if (!lesson.open()) {
    tracker.lesson = -1;
    return events;
  }
  const lessons::Lesson& l = lesson.lesson();
  // A lesson opened again starts over: its tasks may be reported again, as a new attempt.
  const bool restarted = std::count(lesson.passed_once.begin(), lesson.passed_once.end(), true) <
                         std::count(tracker.tasks_reported.begin(), tracker.tasks_reported.end(), true);
  if (tracker.lesson != lesson.current || restarted) {
    tracker = ProgressTracker{};
    tracker.lesson = lesson.current;
    tracker.tasks_reported.assign(l.tasks.size(), false);
    events.push_back({{"type", "lesson-started"}, {"lesson", l.id}, {"title", l.title}, {"tasks", l.tasks.size()}});
  }
  for (std::size_t t = 0; t < l.tasks.size(); ++t) {
    if (t < lesson.passed_once.size() && lesson.passed_once[t] && !tracker.tasks_reported[t]) {
      tracker.tasks_reported[t] = true;
      events.push_back({{"type", "task-passed"}, {"lesson", l.id}, {"task", l.tasks[t].id}, {"index", t}});
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
  const bool done = std::size_t(lesson.current) < lesson.done.size() && lesson.done[std::size_t(lesson.current)];
  if (done && !tracker.completed_reported) {
    tracker.completed_reported = true;
    events.push_back({{"type", "lesson-completed"}, {"lesson", l.id}, {"score", lesson_score(lesson)}});
  }
  return events;
}

}  // namespace tl::app
