// The fonts compiled into the program (src/app/CMakeLists.txt embeds Debian's Inter and
// JetBrains Mono); empty spans when they were not installed at build time.
#pragma once
#include <span>

namespace tl::app::fonts {

std::span<const unsigned char> text();  // Inter Regular (OpenType)
std::span<const unsigned char> mono();  // JetBrains Mono Regular (TrueType)

}  // namespace tl::app::fonts
