#include "cli/npy_io.h"

#include <cstring>
#include <fstream>
#include <iterator>
#include <regex>
#include <sstream>
#include <string>

#include "ir/error.h"

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

std::string header_field(const std::string& header, const std::string& key,
                         const std::string& value_pattern, const std::string& label) {
  std::smatch match;
  if (!std::regex_search(header, match,
                         std::regex("'" + key + "'\\s*:\\s*(" + value_pattern + ")"))) {
    throw Error("the .npy header has no readable '" + key + "'", label);
  }
  return match[1];
}

std::vector<int64_t> parse_shape(const std::string& tuple) {
  std::vector<int64_t> shape;
  const std::regex number("\\d+");
  for (auto it = std::sregex_iterator(tuple.begin(), tuple.end(), number);
       it != std::sregex_iterator(); ++it) {
    shape.push_back(std::stoll(it->str()));
  }
  return shape;
}

}  // namespace

SampleTable read_npy(const fs::path& path) {
  std::ifstream stream(path, std::ios::binary);
  if (!stream) throw Error("cannot open the input file", path.string());
  const std::string bytes((std::istreambuf_iterator<char>(stream)),
                          std::istreambuf_iterator<char>());
  return parse_npy(bytes, path.string());
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
  const size_t data_offset = 8 + length_size + header_length;
  if (bytes.size() < data_offset) throw Error("the .npy header is cut short", label);
  const std::string header = bytes.substr(8 + length_size, header_length);

  const std::string descr = header_field(header, "descr", "'[^']*'", label);
  if (header_field(header, "fortran_order", "True|False", label) == "True") {
    throw Error("the array is in Fortran order", label, "save numpy.ascontiguousarray(x) instead");
  }
  SampleTable table;
  table.shape = parse_shape(header_field(header, "shape", "\\([^)]*\\)", label));
  if (descr == "'<f4'") {
    table.single_precision = true;
  } else if (descr != "'<f8'") {
    throw Error("unsupported element type " + descr, label,
                "save the array as float32 or float64 (x.astype('float32'))");
  }
  if (table.shape.empty()) throw Error("the array is a scalar, not a batch", label);
  size_t count = 1;
  for (int64_t dim : table.shape) count *= static_cast<size_t>(dim);
  const size_t element_size = table.single_precision ? 4 : 8;
  if (bytes.size() - data_offset < count * element_size) {
    throw Error("the file holds fewer values than its shape says", label);
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

std::string npy_bytes(const SampleTable& table) {
  std::string shape = "(";
  for (size_t i = 0; i < table.shape.size(); ++i) {
    shape += (i > 0 ? ", " : "") + std::to_string(table.shape[i]);
  }
  shape += table.shape.size() == 1 ? ",)" : ")";  // Python's one-element tuple
  std::string header = std::string("{'descr': '") + (table.single_precision ? "<f4" : "<f8") +
                       "', 'fortran_order': False, 'shape': " + shape + ", }";
  // The data starts at a multiple of 64 bytes; the header ends with a newline.
  const size_t unpadded = kMagicSize + 4 + header.size() + 1;
  header += std::string((64 - unpadded % 64) % 64, ' ') + "\n";

  std::ostringstream stream;
  stream.write(kMagic, kMagicSize);
  stream.put(1).put(0);
  stream.put(static_cast<char>(header.size() & 0xff)).put(static_cast<char>(header.size() >> 8));
  stream << header;
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

void write_npy(const fs::path& path, const SampleTable& table) {
  const std::string bytes = npy_bytes(table);
  std::ofstream stream(path, std::ios::binary);
  stream.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!stream) throw Error("cannot write the output file", path.string());
}

}  // namespace hlsnn::cli
