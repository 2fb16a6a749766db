#include "cli/csv_io.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>

#include "input/input_file.h"
#include "ir/error.h"
#include "ir/names.h"

namespace hlsnn::cli {

namespace fs = std::filesystem;

SampleTable read_csv(const fs::path& path) {
  input::check_regular_file(path, ".csv file");
  std::ifstream stream(path, std::ios::binary);
  if (!stream) throw Error("cannot open the input file", path.string());
  return parse_csv(stream, path.string());
}

SampleTable parse_csv(std::istream& stream, const std::string& label) {
  SampleTable table;
  int64_t width = -1;
  int64_t rows = 0;
  std::string line;
  for (int64_t line_number = 1; std::getline(stream, line); ++line_number) {
    for (char& character : line) {
      if (character == ',') character = ' ';
    }
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    if (line.find('\0') != std::string::npos) {
      throw Error("the line holds a NUL byte: this is not a text file",
                  label + ":" + std::to_string(line_number),
                  "give a .csv text file or a .npy file");
    }
    const char* cursor = line.c_str();
    int64_t count = 0;
    while (true) {
      while (*cursor == ' ' || *cursor == '\t' || *cursor == '\r') ++cursor;
      if (*cursor == '\0') break;
      char* end = nullptr;
      const double value = std::strtod(cursor, &end);
      if (end == cursor || (*end != '\0' && *end != ' ' && *end != '\t' && *end != '\r')) {
        const std::string field(cursor, std::strcspn(cursor, " \t\r"));
        throw Error("not a number: " + ir::single_quoted(field.substr(0, 40)) +
                        (field.size() > 40 ? " (cut)" : ""),
                    label + ":" + std::to_string(line_number));
      }
      table.values.push_back(value);
      ++count;
      cursor = end;
    }
    if (width >= 0 && count != width) {
      throw Error("the line has " + std::to_string(count) + " values, the first had " +
                      std::to_string(width),
                  label + ":" + std::to_string(line_number));
    }
    width = count;
    ++rows;
  }
  if (rows == 0) throw Error("the file holds no samples", label);
  table.shape = {rows, width};
  return table;
}

void write_csv(const fs::path& path, const SampleTable& table) {
  std::FILE* file = std::fopen(path.c_str(), "w");
  if (file == nullptr) throw Error("cannot write the output file", path.string());
  const size_t width = table.shape.empty() || table.shape[0] == 0
                           ? 0
                           : table.values.size() / static_cast<size_t>(table.shape[0]);
  for (size_t i = 0; width != 0 && i < table.values.size(); ++i) {
    std::fprintf(file, "%.17g%s", table.values[i], (i + 1) % width == 0 ? "\n" : ",");
  }
  std::fclose(file);
}

}  // namespace hlsnn::cli
