// Basic vocabulary of the simulation core. Time is integer nanoseconds everywhere inside the
// core so that runs are bit-identical on every platform; microseconds exist only at the edges
// (scenario files, CLI output).
#pragma once
#include <cstdint>
#include <limits>

namespace tl {

using TimeNs = std::int64_t;
using ThreadId = std::uint32_t;   // index into Scenario::threads (declaration order, all processes)
using ProcessId = std::uint32_t;  // index into Scenario::processes
using CoreId = std::uint32_t;     // 0 .. cores-1
using VarId = std::uint32_t;      // index into ProcessSpec::vars of the owning process
using MutexId = std::uint32_t;    // index into ProcessSpec::mutexes of the owning process

inline constexpr ThreadId kNoThread = std::numeric_limits<ThreadId>::max();
inline constexpr CoreId kNoCore = std::numeric_limits<CoreId>::max();
inline constexpr TimeNs kForever = std::numeric_limits<TimeNs>::max();

}  // namespace tl
