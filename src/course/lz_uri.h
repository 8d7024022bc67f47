// URL-safe compression in the lz-string format ("compressToEncodedURIComponent"): the same
// text a page gets from the lz-string npm package, so a link made by either side opens on the
// other. Used for scenarios carried in the URL fragment, which a hostile link controls: the
// decoder checks every symbol and stops once the output would exceed a bound.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace tl::course {

// UTF-8 in; characters from A-Z a-z 0-9 + - $ out. Invalid UTF-8 is encoded as U+FFFD.
std::string lz_compress_uri(std::string_view utf8);

// The inverse: UTF-8 text, or nullopt with `error` saying why (a character outside the
// alphabet, a truncated or inconsistent stream, output beyond `max_bytes`, a lone surrogate).
std::optional<std::string> lz_decompress_uri(std::string_view encoded, std::size_t max_bytes, std::string& error);

}  // namespace tl::course
