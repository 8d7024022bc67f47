// Pipe bandwidth between two processes by message size: the parent write()s messages of S
// bytes, a forked child read()s each whole message into its own buffer (a real receiver copies
// the data out), then acknowledges the total. Bytes / time = MB/s (1 MB = 1e6 bytes, as the
// profile's ipc_mb_per_s). Small messages are dominated by the per-call cost, large ones by
// the copies through the kernel's 64 KiB pipe buffer.
#pragma once
#include "lab/clock.h"
#include "lab/progress.h"

#include <cstddef>
#include <string>
#include <vector>

namespace tl::lab {

struct BandwidthPoint {
  std::size_t message_bytes = 0;
  double mb_per_s = 0;       // median over repeats
  Nanos per_message_ns = 0;  // median time per message
  std::vector<double> samples;
};

// Sizes 4 KiB .. 16 MiB; each repeat moves at least `bytes_per_repeat` (and 2 messages).
std::vector<BandwidthPoint> measure_pipe_bandwidth(const std::vector<std::size_t>& sizes, std::size_t bytes_per_repeat,
                                                   int min_repeats, int max_repeats, Nanos budget_ns,
                                                   std::string& error, const ProgressFn& progress = {});

std::vector<std::size_t> standard_message_sizes(bool quick);

}  // namespace tl::lab
