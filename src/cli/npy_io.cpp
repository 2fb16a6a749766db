#include "cli/npy_io.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

#include "input/input_file.h"
#include "input/input_limits.h"
#include "ir/error.h"
#include "ir/names.h"

namespace hlsnn::cli {

namespace fs = std::filesystem;

namespace {

constexpr char kMagic[] = "\x93NUMPY";
constexpr size_t kMagicSize = 6;

uint32_t little_endian(const std::string& bytes, size_t offset, size_t size) {
  uint32_t value = 0;
  for (size_t i = 0; i < size; ++i) {
    value |= static_cast<uint32_t>(static_cast<unsigned char>(bytes[offset + i])) << (8 * i);
  }
  return value;
}

/// The header of an .npy file is a Python dict literal, e.g.
/// {'descr': '<f8', 'fortran_order': False, 'shape': (8, 4), }. This reads exactly that grammar
/// (strings, True/False, tuples of integers), without regular expressions: std::regex recurses
/// once per character and the header comes from the file.
class NpyHeaderParser {
 public:
  NpyHeaderParser(const std::string& text, const std::string& label) : text_(text), label_(label) {}

  struct Header {
    std::string descr;
    bool fortran_order = false;
    std::vector<int64_t> shape;
  };

  Header parse() {
    Header header;
    bool has_descr = false;
    bool has_order = false;
    bool has_shape = false;
    expect('{');
    while (!accept('}')) {
      const std::string key = string();
      expect(':');
      if (key == "descr") {
        header.descr = string();
        has_descr = true;
      } else if (key == "fortran_order") {
        header.fortran_order = boolean();
        has_order = true;
      } else if (key == "shape") {
        header.shape = tuple();
        has_shape = true;
      } else {
        fail("unknown key " + ir::single_quoted(key));
      }
      if (!accept(',')) {
        expect('}');
        break;
      }
    }
    if (!has_descr || !has_order || !has_shape) {
      fail("the header lacks one of 'descr', 'fortran_order' and 'shape'");
    }
    return header;
  }

 private:
  void skip_space() {
    while (at_ < text_.size() && (text_[at_] == ' ' || text_[at_] == '\n')) ++at_;
  }
  bool accept(char c) {
    skip_space();
    if (at_ < text_.size() && text_[at_] == c) {
      ++at_;
      return true;
    }
    return false;
  }
  void expect(char c) {
    if (!accept(c)) fail(std::string("expected '") + c + "' at byte " + std::to_string(at_));
  }
  std::string string() {
    skip_space();
    if (at_ >= text_.size() || (text_[at_] != '\'' && text_[at_] != '"')) {
      fail("expected a quoted string at byte " + std::to_string(at_));
    }
    const char quote = text_[at_++];
    const size_t end = text_.find(quote, at_);
    if (end == std::string::npos) fail("a string is not closed");
    std::string value = text_.substr(at_, end - at_);
    at_ = end + 1;
    return value;
  }
  bool boolean() {
    skip_space();
    for (const auto& [word, value] :
         {std::pair<const char*, bool>{"True", true}, {"False", false}}) {
      if (text_.compare(at_, std::strlen(word), word) == 0) {
        at_ += std::strlen(word);
        return value;
      }
    }
    fail("'fortran_order' is neither True nor False");
  }
  std::vector<int64_t> tuple() {
    expect('(');
    std::vector<int64_t> values;
    while (!accept(')')) {
      skip_space();
      uint64_t value = 0;
      const size_t start = at_;
      while (at_ < text_.size() && text_[at_] >= '0' && text_[at_] <= '9') {
        if (!input::multiply_within(value, 10, input::kMaxTensorValues * 1024) ||
            value + static_cast<uint64_t>(text_[at_] - '0') > input::kMaxTensorValues * 1024) {
          fail("a dimension of 'shape' is absurdly large");
        }
        value += static_cast<uint64_t>(text_[at_++] - '0');
      }
      if (at_ == start) fail("'shape' holds something other than integers");
      values.push_back(static_cast<int64_t>(value));
      if (values.size() > static_cast<size_t>(input::kMaxRank)) {
        fail("'shape' has more than " + std::to_string(input::kMaxRank) + " dimensions");
      }
      if (!accept(',')) {
        expect(')');
        break;
      }
    }
    return values;
  }
  [[noreturn]] void fail(const std::string& problem) const {
    throw Error("the .npy header is malformed: " + problem, label_,
                "save the array with numpy.save");
  }

  const std::string& text_;
  const std::string& label_;
  size_t at_ = 0;
};

}  // namespace

SampleTable read_npy(const fs::path& path) {
  // Bounded by the file's size only: a data file holds as many samples as the user gives.
  return parse_npy(input::read_input_file(path, UINT64_MAX, ".npy file"), path.string());
}

SampleTable parse_npy(const std::string& bytes, const std::string& label) {
  if (bytes.size() < 10 || bytes.compare(0, kMagicSize, kMagic, kMagicSize) != 0) {
    throw Error("not a .npy file (no \\x93NUMPY magic)", label,
                "save it with numpy.save, or give a .csv file");
  }
  const int major_version = static_cast<unsigned char>(bytes[6]);
  const size_t length_size = major_version == 1 ? 2 : 4;
  if (major_version < 1 || major_version > 3 || bytes.size() < 8 + length_size) {
    throw Error("unsupported .npy format version " + std::to_string(major_version), label);
  }
  const size_t header_length = little_endian(bytes, 8, length_size);
  if (header_length > input::kMaxNpyHeaderBytes) {
    throw Error("the .npy header is " + std::to_string(header_length) +
                    " bytes, more than the limit of " + std::to_string(input::kMaxNpyHeaderBytes),
                label, "save the array with numpy.save");
  }
  const size_t data_offset = 8 + length_size + header_length;
  if (bytes.size() < data_offset) throw Error("the .npy header is cut short", label);
  const NpyHeaderParser::Header header =
      NpyHeaderParser(bytes.substr(8 + length_size, header_length), label).parse();
  if (header.fortran_order) {
    throw Error("the array is in Fortran order", label, "save numpy.ascontiguousarray(x) instead");
  }
  SampleTable table;
  table.shape = header.shape;
  if (header.descr == "<f4") {
    table.single_precision = true;
  } else if (header.descr != "<f8") {
    throw Error("unsupported element type " + ir::single_quoted(header.descr), label,
                "save the array as float32 or float64 (x.astype('float32'))");
  }
  if (table.shape.empty()) throw Error("the array is a scalar, not a batch", label);
  // The values the shape declares must be in the file before anything is allocated for them.
  const size_t element_size = table.single_precision ? 4 : 8;
  const uint64_t available = (bytes.size() - data_offset) / element_size;
  uint64_t count = 1;
  for (int64_t dimension : table.shape) {
    if (!input::multiply_within(count, static_cast<uint64_t>(dimension), available)) {
      throw Error(
          "the shape declares more values than the file's " + std::to_string(available) + " hold",
          label, "the file is truncated or damaged; save the array again");
    }
  }
  table.values.resize(count);
  const char* data = bytes.data() + data_offset;
  for (size_t i = 0; i < count; ++i) {
    if (table.single_precision) {
      float value;
      std::memcpy(&value, data + 4 * i, 4);
      table.values[i] = value;
    } else {
      std::memcpy(&table.values[i], data + 8 * i, 8);
    }
  }
  return table;
}

namespace {

/// The header and the magic of a version 1.0 file: data starts at a multiple of 64 bytes.
std::string npy_preamble(const std::string& descr, const std::string& shape) {
  std::string header =
      "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
  const size_t unpadded = kMagicSize + 4 + header.size() + 1;
  header += std::string((64 - unpadded % 64) % 64, ' ') + "\n";
  std::string bytes(kMagic, kMagicSize);
  bytes += '\x01';
  bytes += '\x00';
  bytes += static_cast<char>(header.size() & 0xff);
  bytes += static_cast<char>(header.size() >> 8);
  return bytes + header;
}

/// The code points of UTF-8 text; a byte that starts no valid sequence becomes U+FFFD.
std::u32string code_points(const std::string& text) {
  std::u32string result;
  for (size_t at = 0; at < text.size();) {
    const auto lead = static_cast<unsigned char>(text[at]);
    const size_t length = lead < 0x80           ? 1
                          : (lead >> 5) == 0x6  ? 2
                          : (lead >> 4) == 0xe  ? 3
                          : (lead >> 3) == 0x1e ? 4
                                                : 0;
    char32_t value = length == 1   ? lead
                     : length == 2 ? lead & 0x1f
                     : length == 3 ? lead & 0x0f
                                   : lead & 0x07;
    bool valid = length != 0 && at + length <= text.size();
    for (size_t offset = 1; valid && offset < length; ++offset) {
      const auto next = static_cast<unsigned char>(text[at + offset]);
      valid = (next & 0xc0) == 0x80;
      value = (value << 6) | (next & 0x3f);
    }
    result += valid ? value : U'\ufffd';
    at += valid ? length : 1;
  }
  return result;
}

}  // namespace

std::string npy_bytes(const SampleTable& table) {
  std::string shape = "(";
  for (size_t i = 0; i < table.shape.size(); ++i) {
    shape += (i > 0 ? ", " : "") + std::to_string(table.shape[i]);
  }
  shape += table.shape.size() == 1 ? ",)" : ")";  // Python's one-element tuple
  std::ostringstream stream;
  stream << npy_preamble(table.single_precision ? "<f4" : "<f8", shape);
  for (double value : table.values) {
    if (table.single_precision) {
      const float narrow = static_cast<float>(value);
      stream.write(reinterpret_cast<const char*>(&narrow), 4);
    } else {
      stream.write(reinterpret_cast<const char*>(&value), 8);
    }
  }
  return stream.str();
}

std::string npy_text_bytes(const std::vector<std::string>& texts) {
  std::vector<std::u32string> decoded;
  size_t width = 1;
  for (const std::string& text : texts) {
    decoded.push_back(code_points(text));
    width = std::max(width, decoded.back().size());
  }
  std::string bytes =
      npy_preamble("<U" + std::to_string(width), "(" + std::to_string(texts.size()) + ",)");
  for (const std::u32string& text : decoded) {
    for (size_t index = 0; index < width; ++index) {
      const uint32_t value = index < text.size() ? text[index] : 0;
      for (int byte = 0; byte < 4; ++byte) bytes += static_cast<char>((value >> (8 * byte)) & 0xff);
    }
  }
  return bytes;
}

void write_npy(const fs::path& path, const SampleTable& table) {
  const std::string bytes = npy_bytes(table);
  std::ofstream stream(path, std::ios::binary);
  stream.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!stream) throw Error("cannot write the output file", path.string());
}

}  // namespace hlsnn::cli
