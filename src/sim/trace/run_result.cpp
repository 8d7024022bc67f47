#include "sim/trace/run_result.h"

namespace tl {

const char* to_string(Outcome outcome) {
  switch (outcome) {
    case Outcome::Completed: return "completed";
    case Outcome::Deadlock: return "deadlock";
    case Outcome::TimeLimit: return "time-limit";
    case Outcome::EventLimit: return "event-limit";
    case Outcome::MemoryLimit: return "memory-limit";
    case Outcome::Cancelled: return "cancelled";
  }
  return "?";
}

}  // namespace tl
