#include "lab/pipe_bandwidth.h"

#include "lab/launch.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace tl::lab {

namespace {

bool write_all(int fd, const char* p, std::size_t n) {
  while (n > 0) {
    const ssize_t w = write(fd, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    p += w;
    n -= static_cast<std::size_t>(w);
  }
  return true;
}

bool read_all(int fd, char* p, std::size_t n) {
  while (n > 0) {
    const ssize_t r = read(fd, p, n);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return false;
    p += r;
    n -= static_cast<std::size_t>(r);
  }
  return true;
}

// One repeat: `count` messages of `size` bytes parent -> child. Returns the parent's time from
// the first write to the child's acknowledgement, or -1.
Nanos one_transfer(std::vector<char>& message, std::size_t count) {
  int data[2], ack[2];
  if (pipe(data) != 0) return -1;
  if (pipe(ack) != 0) {
    close(data[0]);
    close(data[1]);
    return -1;
  }
  const std::size_t size = message.size();
  const pid_t pid = fork();
  if (pid < 0) {
    for (int fd : {data[0], data[1], ack[0], ack[1]}) close(fd);
    return -1;
  }
  if (pid == 0) {
    close(data[1]);
    close(ack[0]);
    std::vector<char> buffer(size, 1);  // touched before "ready", so no page fault is timed
    char c = 'r';
    bool ok = write_all(ack[1], &c, 1);
    for (std::size_t i = 0; ok && i < count; ++i) ok = read_all(data[0], buffer.data(), size);
    ok = ok && write_all(ack[1], &c, 1);
    _exit(ok ? 0 : 1);
  }
  close(data[0]);
  close(ack[1]);
  char c;
  Nanos elapsed = -1;
  if (read_all(ack[0], &c, 1)) {
    const Nanos t0 = now_ns();
    bool ok = true;
    for (std::size_t i = 0; ok && i < count; ++i) ok = write_all(data[1], message.data(), size);
    if (ok && read_all(ack[0], &c, 1)) elapsed = now_ns() - t0;
  }
  close(data[1]);
  close(ack[0]);
  return wait_ok(pid) ? elapsed : -1;
}

}  // namespace

std::vector<std::size_t> standard_message_sizes(bool quick) {
  if (quick) return {4096, 65536, 1 << 20, 16 << 20};
  return {4096, 16384, 65536, 262144, 1 << 20, 4 << 20, 16 << 20};
}

std::vector<BandwidthPoint> measure_pipe_bandwidth(const std::vector<std::size_t>& sizes, std::size_t bytes_per_repeat,
                                                   int min_repeats, int max_repeats, Nanos budget_ns,
                                                   std::string& error, const ProgressFn& progress) {
  std::vector<BandwidthPoint> points;
  const Nanos per_size = budget_ns / static_cast<Nanos>(std::max<std::size_t>(1, sizes.size()));
  for (std::size_t s = 0; s < sizes.size(); ++s) {
    BandwidthPoint p;
    p.message_bytes = std::max<std::size_t>(1, sizes[s]);
    std::vector<char> message(p.message_bytes, 'x');
    const std::size_t count = std::max<std::size_t>(2, bytes_per_repeat / p.message_bytes);
    std::vector<Nanos> times;
    Budget budget(per_size, min_repeats, max_repeats);
    for (int rep = 0; budget.another(rep); ++rep) {
      const Nanos t = one_transfer(message, count);
      if (t <= 0) {
        error = "pipe transfer of " + std::to_string(p.message_bytes) + "-byte messages failed";
        return points;
      }
      times.push_back(t / static_cast<Nanos>(count));
      p.samples.push_back(static_cast<double>(p.message_bytes) * count / (static_cast<double>(t) / 1e9) / 1e6);
    }
    p.per_message_ns = median(times);
    p.mb_per_s = p.per_message_ns > 0 ? static_cast<double>(p.message_bytes) / (static_cast<double>(p.per_message_ns) / 1e9) / 1e6 : 0;
    points.push_back(std::move(p));
    report(progress, "pipe bandwidth", (s + 1.0) / sizes.size());
  }
  return points;
}

}  // namespace tl::lab
