// Numbers and strings written the same way by every front end and exporter: times from
// integer ns without floating point (so native and wasm builds print the same bytes), ratios
// in thousandths, JSON string literals, and outside text shown in one-line messages.
#pragma once
#include "sim/core/types.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace tl {

// ns as a decimal number of microseconds: 1500 -> "1.5", 2000 -> "2", -1 -> "-0.001".
void append_us(std::string& out, TimeNs ns);
std::string format_us(TimeNs ns);

// A ratio kept in integer thousandths (sweep.h's speedups) as "1.978": three decimals always,
// so table columns line up.
std::string format_thousandths(std::int64_t milli);

// A size in whole MiB or KiB when it is one, else in bytes: "64 MiB", "256 KiB", "1536 bytes".
std::string format_byte_size(std::size_t bytes);

// A JSON string literal (quotes included), escaping what RFC 8259 requires.
void append_json_string(std::string& out, std::string_view text);

// Text from a file, a flag or a link shown inside a one-line message: control characters as
// '?' and at most 80 characters ("..." after), so no input can break the line or flood it.
void append_shown(std::string& out, std::string_view text);
std::string quote_name(std::string_view text);  // the same between single quotes: 'name'
// A whole message kept on one line: its control characters as '?'.
std::string one_line(std::string message);

}  // namespace tl
