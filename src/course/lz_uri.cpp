// The lz-string format, written from its description: an LZW variant whose code width grows
// by one bit each time the dictionary outgrows it; codes 0 and 1 introduce a literal UTF-16
// unit of 8 or 16 bits, 2 ends the stream; the bits of each code go out least significant
// first, packed six to a character of the URL-safe alphabet.
#include "course/lz_uri.h"

#include <cstdint>
#include <unordered_map>
#include <vector>

namespace tl::course {
namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$";
constexpr int kBitsPerChar = 6;

int alphabet_index(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return 26 + (c - 'a');
  if (c >= '0' && c <= '9') return 52 + (c - '0');
  if (c == '+' || c == ' ') return 62;  // a '+' that went through form decoding comes back as ' '
  if (c == '-') return 63;
  if (c == '$') return 64;
  return -1;
}

std::u16string utf8_to_utf16(std::string_view in) {
  std::u16string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size();) {
    const auto b = static_cast<unsigned char>(in[i]);
    std::uint32_t cp = 0xFFFD;
    std::size_t len = 1;
    if (b < 0x80) {
      cp = b;
    } else if ((b >> 5) == 0x6 && i + 1 < in.size()) {
      cp = ((b & 0x1Fu) << 6) | (static_cast<unsigned char>(in[i + 1]) & 0x3Fu);
      len = 2;
    } else if ((b >> 4) == 0xE && i + 2 < in.size()) {
      cp = ((b & 0x0Fu) << 12) | ((static_cast<unsigned char>(in[i + 1]) & 0x3Fu) << 6) |
           (static_cast<unsigned char>(in[i + 2]) & 0x3Fu);
      len = 3;
    } else if ((b >> 3) == 0x1E && i + 3 < in.size()) {
      cp = ((b & 0x07u) << 18) | ((static_cast<unsigned char>(in[i + 1]) & 0x3Fu) << 12) |
           ((static_cast<unsigned char>(in[i + 2]) & 0x3Fu) << 6) | (static_cast<unsigned char>(in[i + 3]) & 0x3Fu);
      len = 4;
    }
    bool continuation_ok = true;
    for (std::size_t k = 1; k < len; ++k)
      continuation_ok = continuation_ok && (static_cast<unsigned char>(in[i + k]) >> 6) == 0x2;
    if (!continuation_ok || cp > 0x10FFFF) {
      cp = 0xFFFD;
      len = 1;
    }
    i += len;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      out.push_back(char16_t(0xD800 + (cp >> 10)));
      out.push_back(char16_t(0xDC00 + (cp & 0x3FF)));
    } else {
      out.push_back(char16_t(cp));
    }
  }
  return out;
}

bool utf16_to_utf8(const std::u16string& in, std::string& out) {
  out.clear();
  for (std::size_t i = 0; i < in.size(); ++i) {
    std::uint32_t cp = in[i];
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      if (i + 1 >= in.size() || in[i + 1] < 0xDC00 || in[i + 1] > 0xDFFF) return false;
      cp = 0x10000 + ((cp - 0xD800) << 10) + (in[i + 1] - 0xDC00u);
      ++i;
    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
      return false;
    }
    if (cp < 0x80) {
      out.push_back(char(cp));
    } else if (cp < 0x800) {
      out.push_back(char(0xC0 | (cp >> 6)));
      out.push_back(char(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out.push_back(char(0xE0 | (cp >> 12)));
      out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(char(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(char(0xF0 | (cp >> 18)));
      out.push_back(char(0x80 | ((cp >> 12) & 0x3F)));
      out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(char(0x80 | (cp & 0x3F)));
    }
  }
  return true;
}

class BitWriter {
 public:
  void write(std::uint32_t value, int bits) {  // least significant bit first
    for (int i = 0; i < bits; ++i) {
      value_ = (value_ << 1) | (value & 1u);
      value >>= 1;
      if (position_ == kBitsPerChar - 1) {
        out_.push_back(kAlphabet[value_]);
        position_ = 0;
        value_ = 0;
      } else {
        ++position_;
      }
    }
  }
  std::string finish() {
    // Pads the last character with zero bits (lz-string always ends with at least one).
    for (;;) {
      value_ <<= 1;
      if (position_ == kBitsPerChar - 1) {
        out_.push_back(kAlphabet[value_]);
        break;
      }
      ++position_;
    }
    return std::move(out_);
  }

 private:
  std::string out_;
  std::uint32_t value_ = 0;
  int position_ = 0;
};

class BitReader {
 public:
  explicit BitReader(std::string_view in) : in_(in) { next(); }
  // False once a character outside the alphabet was met.
  bool ok() const { return ok_; }
  bool exhausted() const { return index_ > in_.size(); }
  std::uint32_t read(int bits) {
    std::uint32_t out = 0;
    for (int i = 0; i < bits; ++i) {
      if ((value_ & position_) != 0) out |= 1u << i;
      position_ >>= 1;
      if (position_ == 0) next();
    }
    return out;
  }

 private:
  void next() {
    position_ = 32;
    if (index_ < in_.size()) {
      const int v = alphabet_index(in_[index_]);
      if (v < 0) ok_ = false;
      value_ = std::uint32_t(v < 0 ? 0 : v);
    } else {
      value_ = 0;  // past the end reads zeros, as the reference does
    }
    ++index_;
  }
  std::string_view in_;
  std::size_t index_ = 0;
  std::uint32_t value_ = 0;
  std::uint32_t position_ = 32;
  bool ok_ = true;
};

}  // namespace

std::string lz_compress_uri(std::string_view utf8) {
  const std::u16string text = utf8_to_utf16(utf8);
  std::unordered_map<std::u16string, std::uint32_t> dictionary;
  std::unordered_map<std::u16string, bool> to_create;
  std::u16string w;
  std::uint32_t enlarge_in = 2, dict_size = 3;
  int num_bits = 2;
  BitWriter out;
  const auto grow = [&] {
    if (--enlarge_in == 0) {
      enlarge_in = 1u << num_bits;
      ++num_bits;
    }
  };
  const auto emit_w = [&] {
    if (to_create.count(w) != 0) {
      const std::uint32_t unit = w[0];
      if (unit < 256) {
        out.write(0, num_bits);
        out.write(unit, 8);
      } else {
        out.write(1, num_bits);
        out.write(unit, 16);
      }
      grow();
      to_create.erase(w);
    } else {
      out.write(dictionary[w], num_bits);
    }
    grow();
  };
  for (const char16_t c : text) {
    const std::u16string single(1, c);
    if (dictionary.count(single) == 0) {
      dictionary[single] = dict_size++;
      to_create[single] = true;
    }
    std::u16string wc = w + c;
    if (dictionary.count(wc) != 0) {
      w = std::move(wc);
    } else {
      emit_w();
      dictionary[wc] = dict_size++;
      w = single;
    }
  }
  if (!w.empty()) emit_w();
  out.write(2, num_bits);
  return out.finish();
}

std::optional<std::string> lz_decompress_uri(std::string_view encoded, std::size_t max_bytes, std::string& error) {
  if (encoded.empty()) {
    error = "empty";
    return std::nullopt;
  }
  // Each UTF-16 unit becomes at most three UTF-8 bytes; bound the units first, bytes at the end.
  const std::size_t max_units = max_bytes;
  BitReader in(encoded);
  std::vector<std::u16string> dictionary(3);
  std::uint32_t enlarge_in = 4;
  int num_bits = 3;
  std::u16string result;
  const auto truncated = [&] {
    error = "truncated or corrupt compressed data";
    return std::nullopt;
  };

  std::u16string w;
  switch (in.read(2)) {
    case 0: w = std::u16string(1, char16_t(in.read(8))); break;
    case 1: w = std::u16string(1, char16_t(in.read(16))); break;
    default: return truncated();
  }
  dictionary.push_back(w);
  result = w;
  for (;;) {
    if (!in.ok()) {
      error = "a character outside the URL-safe alphabet (A-Z a-z 0-9 + - $)";
      return std::nullopt;
    }
    if (in.exhausted()) return truncated();
    std::uint32_t code = in.read(num_bits);
    if (code == 0 || code == 1) {
      dictionary.push_back(std::u16string(1, char16_t(in.read(code == 0 ? 8 : 16))));
      code = std::uint32_t(dictionary.size() - 1);
      --enlarge_in;
    } else if (code == 2) {
      if (!in.ok()) return truncated();
      std::string utf8;
      if (!utf16_to_utf8(result, utf8)) {
        error = "the text is not valid Unicode (a lone surrogate)";
        return std::nullopt;
      }
      if (utf8.size() > max_bytes) {
        error = "longer than " + std::to_string(max_bytes) + " bytes";
        return std::nullopt;
      }
      return utf8;
    }
    if (enlarge_in == 0) {
      enlarge_in = 1u << num_bits;
      ++num_bits;
    }
    std::u16string entry;
    if (code < dictionary.size() && code >= 3) {
      entry = dictionary[code];
    } else if (code == dictionary.size()) {
      entry = w + w[0];
    } else {
      return truncated();
    }
    if (result.size() + entry.size() > max_units) {
      error = "longer than " + std::to_string(max_bytes) + " bytes";
      return std::nullopt;
    }
    result += entry;
    dictionary.push_back(w + entry[0]);
    --enlarge_in;
    w = std::move(entry);
    if (enlarge_in == 0) {
      enlarge_in = 1u << num_bits;
      ++num_bits;
    }
    if (num_bits > 24) return truncated();  // more codes than any bounded output could need
  }
}

}  // namespace tl::course
