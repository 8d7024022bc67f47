// What one timeline frame costs the CPU with very many spans: culling (binary search of the
// visible window) and folding (spans under kFoldPx joined, each fold found by one more binary
// search), first alone, then as a whole headless ImGui frame of TimelineView (fold, draw lists,
// gutter, axis). Traces of n, 2n, 4n, 8n core spans (8n = 1 000 000), at full zoom-out and at a
// deep zoom (a 2 us window). Target: under 1 ms per frame natively; cost must not grow with n.
// Each figure is the median over its frames (fold: 200 rounds, frame: 100 frames).
// Zoomed out, lanes fold from their summaries (lane_lod.h), built once per run: their build time
// and size are printed too.
//   build/<dir>/bench/timeline_frame
#include "app/state/thread_spans.h"
#include "app/theme.h"
#include "app/timeline/fold.h"
#include "app/timeline/timeline_view.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <ctime>
#include <cstdio>
#include <imgui.h>
#include <memory>
#include <string>
#include <vector>

namespace {

using namespace tl;
using namespace tl::app;
// CPU time of this thread, not wall time: the figure is what a frame costs, and stays meaningful
// when other programs share the machine.
struct Clock {
  using duration = std::chrono::nanoseconds;
  using time_point = std::chrono::time_point<Clock, duration>;
  static time_point now() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return time_point(duration(std::int64_t(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec));
  }
};

constexpr int kCores = 4;
constexpr int kThreads = 8;
constexpr float kWidth = 1600;

// `spans` core spans of 1..9 us over kCores cores, threads taking turns with a switch cost
// every fourth span; each thread's lane gets the matching Running/Ready states.
std::shared_ptr<RunResult> make_trace(std::size_t spans) {
  auto result = std::make_shared<RunResult>();
  Trace& trace = result->trace;
  trace.cores.resize(kCores);
  trace.threads.resize(kThreads);
  std::vector<TimeNs> core_t(kCores, 0);
  std::vector<TimeNs> thread_t(kThreads, 0);
  std::uint32_t seed = 1;
  for (std::size_t i = 0; i < spans; ++i) {
    seed = seed * 1664525u + 1013904223u;
    const int core = int(i % kCores);
    const ThreadId thread = ThreadId((i / kCores + std::size_t(core) * 3) % kThreads);
    const TimeNs length = 1000 + TimeNs(seed >> 20) % 8000;
    const TimeNs start = std::max(core_t[std::size_t(core)], thread_t[thread]);
    const bool overhead = i % 4 == 0;
    if (start > thread_t[thread]) trace.threads[thread].push_back({thread_t[thread], start, ThreadState::Ready});
    trace.cores[std::size_t(core)].push_back(
        {start, start + length, thread, overhead ? CoreSpanKind::Overhead : CoreSpanKind::Run});
    trace.threads[thread].push_back({start, start + length, ThreadState::Running});
    core_t[std::size_t(core)] = thread_t[thread] = start + length;
  }
  for (TimeNs t : core_t) trace.makespan = std::max(trace.makespan, t);
  return result;
}

ShownRun make_run(std::size_t spans) {
  ShownRun run;
  ProcessSpec process;
  process.name = "p";
  for (int t = 0; t < kThreads; ++t) {
    ThreadSpec thread;
    thread.name = "T" + std::to_string(t);
    thread.process = 0;
    process.threads.push_back(ThreadId(t));
    run.scenario.threads.push_back(thread);
    run.thread_labels.push_back(thread.name);
  }
  run.scenario.processes.push_back(process);
  run.scenario.machine.cores = kCores;
  auto result = make_trace(spans);
  run.thread_spans = thread_lane_spans(result->trace);
  const auto begin = Clock::now();
  run.lod = build_run_lod(result->trace, run.thread_spans);
  const double build_ms = std::chrono::duration<double, std::milli>(Clock::now() - begin).count();
  std::size_t bytes = 0;
  for (const auto* lanes : {&run.lod.cores, &run.lod.threads})
    for (const LaneLod& lane : *lanes)
      for (const LodLevel& level : lane.levels) bytes += level.buckets.size() * sizeof(LodBucket);
  std::printf("%10zu  summaries built once per run in %.1f ms CPU, %.1f bytes per span\n", spans, build_ms,
              double(bytes) / double(spans));
  run.result = result;
  return run;
}

// The median: on a shared virtual machine a few frames are interrupted (other guests, other
// programs) and would weigh in a mean as if every frame were.
double median(std::vector<double> times) {
  std::nth_element(times.begin(), times.begin() + std::ptrdiff_t(times.size() / 2), times.end());
  return times[times.size() / 2];
}

struct Figures {
  double fold_us;
  double frame_us;
  std::uint64_t visible;
  std::uint64_t rects;
};

Figures measure(const ShownRun& run, TimeNs t0, TimeNs t1) {
  // Folding alone: every lane, as a frame does.
  TimelineContext ctx;
  ctx.t0 = t0;
  ctx.t1 = t1;
  ctx.px_per_ns = double(kWidth) / double(t1 - t0);
  ctx.clip = ImRect(0, 0, kWidth, 40);
  std::vector<FoldRect> out;
  out.reserve(8192);
  TimelineStats stats;
  constexpr int kFoldRounds = 200;
  std::vector<double> fold_times;
  fold_times.reserve(kFoldRounds);
  for (int round = 0; round < kFoldRounds; ++round) {
    const auto begin = Clock::now();
    stats = {};
    for (std::size_t c = 0; c < run.result->trace.cores.size(); ++c) {
      out.clear();
      fold_spans(run.result->trace.cores[c], ctx, out, stats, &run.lod.cores[c]);
    }
    for (std::size_t t = 0; t < run.thread_spans.size(); ++t) {
      out.clear();
      fold_spans(run.thread_spans[t], ThreadId(t), ctx, out, stats, &run.lod.threads[t]);
    }
    fold_times.push_back(std::chrono::duration<double, std::micro>(Clock::now() - begin).count());
  }

  // The whole frame, headless: NewFrame, the view, Render.
  TimelineView view;
  TimeRange range;
  fit_range(range, run.result->trace.makespan);
  range.t0 = t0;
  range.t1 = t1;
  Playback playback;
  playback.playing = false;
  playback.playhead = (t0 + t1) / 2;
  constexpr int kFrames = 100;
  std::vector<double> frame_times;
  frame_times.reserve(kFrames);
  for (int frame = 0; frame < kFrames + 5; ++frame) {
    const auto start = Clock::now();
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
    ImGui::Begin("bench", nullptr, ImGuiWindowFlags_NoDecoration);
    view.draw(run, range, playback, false, ImVec2(kWidth + 180, 700));
    ImGui::End();
    ImGui::Render();
    if (frame >= 5) frame_times.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
  }
  return {median(fold_times), median(frame_times), view.stats().spans_visible,
          view.stats().spans_drawn + view.stats().folds_drawn};
}

}  // namespace

int main() {
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.DisplaySize = ImVec2(kWidth + 220, 800);
  io.DeltaTime = 1.0f / 60.0f;
  theme::apply_style();
  theme::setup_fonts(*io.Fonts);

  std::printf("timeline frame: %d cores, %d threads, %.0f px lanes; figures per frame (CPU)\n", kCores, kThreads,
              double(kWidth));
  std::printf("%10s  %-9s %12s %10s %12s %12s %14s\n", "spans", "zoom", "visible", "rects", "fold us",
              "frame us", "frame ns/span");
  for (std::size_t spans : {125'000u, 250'000u, 500'000u, 1'000'000u}) {
    const ShownRun run = make_run(spans);
    const TimeNs makespan = run.result->trace.makespan;
    const Figures fit = measure(run, 0, makespan);
    const Figures deep = measure(run, makespan / 2, makespan / 2 + 2'000);
    for (const auto& [name, f] : {std::pair{"full", fit}, std::pair{"deep 2us", deep}})
      std::printf("%10zu  %-9s %12llu %10llu %12.1f %12.1f %14.4f\n", spans, name, (unsigned long long)f.visible,
                  (unsigned long long)f.rects, f.fold_us, f.frame_us, f.frame_us * 1000.0 / double(spans));
  }
  ImGui::DestroyContext();
  return 0;
}
