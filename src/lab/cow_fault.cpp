#include "lab/cow_fault.h"

#include "lab/launch.h"

#include <cerrno>
#include <cstring>
#include <sys/mman.h>
#include <unistd.h>

namespace tl::lab {

CowFaultCost measure_cow_fault(std::size_t pages, int min_repeats, int max_repeats, Nanos budget_ns, std::string& error) {
  CowFaultCost c;
  c.pages = pages;
  c.page_bytes = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  const std::size_t bytes = pages * c.page_bytes;
  // Private anonymous memory, filled so every page is resident before the fork.
  void* mem = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mem == MAP_FAILED) {
    error = std::string("mmap: ") + std::strerror(errno);
    return c;
  }
  volatile char* buf = static_cast<volatile char*>(mem);
  std::memset(mem, 7, bytes);
  std::vector<Nanos> private_samples;
  Budget budget(budget_ns, min_repeats, max_repeats);
  for (int rep = 0; budget.another(rep); ++rep) {
    int fds[2];
    if (pipe(fds) != 0) break;
    const pid_t pid = fork();
    if (pid == 0) {
      close(fds[0]);
      Nanos times[2];
      for (int pass = 0; pass < 2; ++pass) {  // pass 0 faults and copies, pass 1 does not
        const Nanos t0 = now_ns();
        for (std::size_t p = 0; p < pages; ++p) buf[p * c.page_bytes] = static_cast<char>(pass + p);
        times[pass] = now_ns() - t0;
      }
      const bool ok = write(fds[1], times, sizeof times) == static_cast<ssize_t>(sizeof times);
      _exit(ok ? 0 : 1);
    }
    close(fds[1]);
    Nanos times[2] = {-1, -1};
    const bool got = pid > 0 && read(fds[0], times, sizeof times) == static_cast<ssize_t>(sizeof times);
    close(fds[0]);
    if (pid < 0 || !wait_ok(pid) || !got) {
      error = "copy-on-write child failed";
      break;
    }
    c.samples.push_back(times[0] / static_cast<Nanos>(pages));
    private_samples.push_back(times[1] / static_cast<Nanos>(pages));
  }
  munmap(mem, bytes);
  c.per_page_ns = median(c.samples);
  c.private_write_ns = median(private_samples);
  return c;
}

}  // namespace tl::lab
