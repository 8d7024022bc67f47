// How much recorded trace one Session request may hold. The engine's own limit
// (Limits::max_trace_bytes, 1 GiB) assumes a desktop's memory; a browser tab has far less, and
// running out there is not an error message but a dead page (wasm memory growth refused:
// "Aborted(OOM)"). A Session caps each cell of a request at its share of this budget, so a run
// that would outgrow the tab stops with Outcome::MemoryLimit and says so instead.
#pragma once
#include <cstddef>
#include <cstdint>

namespace tl {

#if defined(__EMSCRIPTEN_PTHREADS__)
// The threads variant has a fixed 128 MB heap (memory growth with pthreads slows every access):
// the program, a shown run and the one being computed must all fit beside each other.
inline constexpr std::uint64_t kSessionTraceBudget = std::uint64_t{8} << 20;
#elif defined(__EMSCRIPTEN__)
// The single variant grows its heap up to the browser's limit (2 GB in wasm32).
inline constexpr std::uint64_t kSessionTraceBudget = std::uint64_t{256} << 20;
#else
inline constexpr std::uint64_t kSessionTraceBudget = 0;  // no cap beyond the scenario's own
#endif

// A sweep's cells share the budget, each keeping at least an eighth of it (a chart of 32 cells
// of ordinary size must still draw).
inline std::uint64_t cell_trace_budget(std::uint64_t budget, std::size_t cells) {
  if (budget == 0) return 0;
  const std::uint64_t share = budget / (cells == 0 ? 1 : cells);
  return share > budget / 8 ? share : budget / 8;
}

}  // namespace tl
