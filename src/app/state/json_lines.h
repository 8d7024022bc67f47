// Where in a JSON text each value is: the line of every path the scenario parser may name
// ("processes[0].threads[1].program[2]"), so the editor can put an error at its line. A
// tolerant scanner of its own, not a second parser: it reads as far as the text is
// well-formed and records what it saw, which is what an editor needs while the learner types.
#pragma once
#include <cstddef>
#include <map>
#include <string>
#include <string_view>

namespace tl::app {

// path ("" = the document) -> 1-based line where its key (or, in an array, its value) starts.
using JsonLines = std::map<std::string, int>;
JsonLines json_lines(std::string_view text);

// The line of `path`, or of its nearest enclosing path that the text has (an error about a
// missing key belongs to the object that lacks it); 1 when nothing matches.
int line_of(const JsonLines& lines, std::string_view path);

// "invalid JSON at line 12, column 3 ..." -> 12; 0 when the message names no line.
int line_in_message(std::string_view message);

}  // namespace tl::app
