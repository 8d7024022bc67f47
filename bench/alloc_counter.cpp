#include "alloc_counter.h"

#include <atomic>
#include <cstdlib>
#include <new>

namespace {
// A size header in front of every block lets delete know how much to subtract without
// relying on malloc_usable_size.
constexpr std::size_t kHeader = alignof(std::max_align_t);
std::atomic<std::size_t> g_live{0};
std::atomic<std::size_t> g_peak{0};

void* counted_alloc(std::size_t n) {
  auto* raw = static_cast<unsigned char*>(std::malloc(n + kHeader));
  if (!raw) throw std::bad_alloc();
  *reinterpret_cast<std::size_t*>(raw) = n;
  const std::size_t live = g_live.fetch_add(n) + n;
  std::size_t peak = g_peak.load();
  while (live > peak && !g_peak.compare_exchange_weak(peak, live)) {}
  return raw + kHeader;
}
void counted_free(void* p) {
  if (!p) return;
  auto* raw = static_cast<unsigned char*>(p) - kHeader;
  g_live.fetch_sub(*reinterpret_cast<std::size_t*>(raw));
  std::free(raw);
}
}  // namespace

void* operator new(std::size_t n) { return counted_alloc(n); }
void* operator new[](std::size_t n) { return counted_alloc(n); }
void operator delete(void* p) noexcept { counted_free(p); }
void operator delete[](void* p) noexcept { counted_free(p); }
void operator delete(void* p, std::size_t) noexcept { counted_free(p); }
void operator delete[](void* p, std::size_t) noexcept { counted_free(p); }

namespace tl::bench {
std::size_t alloc_live_bytes() { return g_live.load(); }
std::size_t alloc_peak_bytes() { return g_peak.load(); }
void alloc_reset_peak() { g_peak.store(g_live.load()); }
}  // namespace tl::bench
