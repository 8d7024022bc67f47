// The memory view's per-frame CPU work at n, 2n, 4n, 8n resident pages (n = 100 000): what the
// page renderer needs before GL sees anything. Two processes: a parent with n/2 pages (code,
// data, a big heap, two stacks) and its forked child; while the playhead advances, the child's
// heap is copied 16 pages at a time, so frames apply page events, re-lay out and re-colour.
//   BM_PageFrame:     a frame as the view does it: seek the replay to the playhead, lay out
//                     again if an event was applied, fill one instance per page.
//   BM_PageInstances: the fill alone (a paused playhead whose pages still fade).
// Reported: CPU per frame (target < 1 ms at 100 000 pages natively) and per page (flat).
// Run: build/native/bench/bench_pages.
#include "app/views/memory_scene.h"

#include <benchmark/benchmark.h>

namespace {

using namespace tl;

constexpr TimeNs kForkAt = 1000;
constexpr TimeNs kCopyEvery = 1000;
constexpr std::uint32_t kCopyPages = 16;

struct Workload {
  PageEvents pages;
  std::uint32_t copies = 0;  // copy events after the fork
};

PageChange map(AddressSpaceId space, RegionId region, RegionKind kind, std::uint32_t count, std::uint32_t tag = 0) {
  PageChange c;
  c.kind = PageChangeKind::Map;
  c.region_kind = kind;
  c.space = space;
  c.region = region;
  c.count = count;
  c.tag = tag;
  return c;
}

Workload make_workload(std::uint32_t total_pages) {
  const std::uint32_t half = total_pages / 2;
  const std::uint32_t code = half / 16, data = half / 16, stack = 8;
  const std::uint32_t heap = half - code - data - 2 * stack;
  Workload w;
  w.pages.space_process = {0, 1};
  w.pages.events.push_back({0, map(0, 0, RegionKind::Code, code)});
  w.pages.events.push_back({0, map(0, 1, RegionKind::Data, data)});
  w.pages.events.push_back({0, map(0, 2, RegionKind::Heap, heap)});
  w.pages.events.push_back({0, map(0, 3, RegionKind::Stack, stack, 0)});
  w.pages.events.push_back({0, map(0, 4, RegionKind::Stack, stack, 1)});
  PageChange fork;
  fork.kind = PageChangeKind::Fork;
  fork.space = 1;
  fork.from_space = 0;
  fork.from = 0;
  fork.tag = 2;
  w.pages.events.push_back({kForkAt, fork});
  for (std::uint32_t first = 0; first + kCopyPages <= heap; first += kCopyPages) {
    PageChange copy;
    copy.kind = PageChangeKind::Copy;
    copy.space = 1;
    copy.region = 2;
    copy.first = first;
    copy.count = kCopyPages;
    w.pages.events.push_back({kForkAt + TimeNs(++w.copies) * kCopyEvery, copy});
  }
  return w;
}

tl::app::MemoryLayoutInput input() {
  tl::app::MemoryLayoutInput in;
  in.area = {0, 80, 1920, 1080};  // a full-HD window under the controls
  return in;
}

void report(benchmark::State& state, std::size_t pages) {
  state.counters["pages"] = double(pages);
  // Seconds of CPU per page, printed with an SI prefix ("3.3n" = 3.3 ns); the CPU column is
  // the time per frame.
  state.counters["s_per_page"] = benchmark::Counter(
      double(pages), benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

void BM_PageFrame(benchmark::State& state) {
  const Workload w = make_workload(std::uint32_t(state.range(0)));
  tl::app::MemoryScene scene;
  scene.reset(w.pages);
  const TimeNs end = kForkAt + TimeNs(w.copies) * kCopyEvery;
  const TimeNs step = kCopyEvery / 4;  // an event every fourth frame: playing at speed
  TimeNs playhead = kForkAt;
  std::size_t pages = 0;
  for (auto _ : state) {
    playhead += step;
    if (playhead > end) {  // start over outside the timing: a backward seek replays all
      state.PauseTiming();
      scene.reset(w.pages);
      playhead = kForkAt + step;
      state.ResumeTiming();
    }
    scene.update(playhead, 10 * kCopyEvery, 2, input());
    pages = scene.batch().instances.size();
    benchmark::DoNotOptimize(scene.batch().instances.data());
  }
  report(state, pages);
}

void BM_PageInstances(benchmark::State& state) {
  const Workload w = make_workload(std::uint32_t(state.range(0)));
  tl::app::MemoryScene scene;
  scene.reset(w.pages);
  const TimeNs middle = kForkAt + TimeNs(w.copies / 2) * kCopyEvery;
  scene.update(middle, 10 * kCopyEvery, 2, input());
  std::vector<tl::app::PageInstance> out;
  for (auto _ : state) {
    tl::app::fill_page_instances(scene.layout(), scene.replay(), middle, 10 * kCopyEvery, out);
    benchmark::DoNotOptimize(out.data());
  }
  report(state, out.size());
}

}  // namespace

BENCHMARK(BM_PageFrame)->Arg(100'000)->Arg(200'000)->Arg(400'000)->Arg(800'000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_PageInstances)->Arg(100'000)->Arg(200'000)->Arg(400'000)->Arg(800'000)->Unit(benchmark::kMicrosecond);
BENCHMARK_MAIN();
