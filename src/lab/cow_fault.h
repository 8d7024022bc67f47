// The cost of copy-on-write after fork: the parent fills a buffer, forks, and the child writes
// one byte into each page of it. Every first write to a page still shared with the parent
// faults and copies 4 KiB; time / pages = one fault plus one page copy (the profile's
// cow_fault_us). The same writes to the child's own fresh pages afterwards (no fault: they
// are already private) give the loop's own cost, reported beside it.
#pragma once
#include "lab/clock.h"

#include <cstddef>
#include <string>
#include <vector>

namespace tl::lab {

struct CowFaultCost {
  Nanos per_page_ns = 0;       // median over repeats
  Nanos private_write_ns = 0;  // the same write once the page is private
  std::size_t pages = 0;
  std::size_t page_bytes = 0;
  std::vector<Nanos> samples;
};

CowFaultCost measure_cow_fault(std::size_t pages, int min_repeats, int max_repeats, Nanos budget_ns, std::string& error);

}  // namespace tl::lab
