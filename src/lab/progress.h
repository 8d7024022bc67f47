// How a measurement reports progress: the stage it is in and how far along it is (0..1).
// Called on the measuring thread, between timed sections (never inside one).
#pragma once
#include <functional>
#include <string_view>

namespace tl::lab {

using ProgressFn = std::function<void(std::string_view stage, double fraction)>;

inline void report(const ProgressFn& progress, std::string_view stage, double fraction) {
  if (progress) progress(stage, fraction);
}

}  // namespace tl::lab
