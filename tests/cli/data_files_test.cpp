// The data files of predict and trace (.npy, .npz, .csv) against damaged and hostile content:
// absurd shapes ended in std::bad_alloc or a bare `stoll` before; now each is an hlsnn::Error
// naming the file.
#include <gtest/gtest.h>

#include <cstring>
#include <sstream>
#include <string>

#include "../ir/error_matchers.h"
#include "cli/csv_io.h"
#include "cli/npy_io.h"
#include "cli/npz_io.h"
#include "ir/error.h"

namespace hlsnn::cli {
namespace {

using ir::testing::Contains;
using ir::testing::error_from;

std::string npy(const std::string& header, const std::string& data = {}) {
  std::string bytes("\x93NUMPY\x01\x00", 8);
  bytes += static_cast<char>(header.size() & 0xff);
  bytes += static_cast<char>(header.size() >> 8);
  return bytes + header + data;
}

TEST(NpyFiles, AbsurdShapesAreErrorsNotAllocations) {
  for (const std::string shape : {"(99999999999999999999, 4)", "(4000000000, 4000000000)",
                                  "(3037000500, 3037000500)", "(1, 2, 3)"}) {
    const Error error = error_from([&] {
      parse_npy(npy("{'descr': '<f8', 'fortran_order': False, 'shape': " + shape + ", }",
                    std::string(40, '\0')),
                "x.npy");
    });
    EXPECT_EQ(error.where(), "x.npy") << shape;
    EXPECT_EQ(std::string(error.what()).find("stoll"), std::string::npos) << error.what();
  }
}

TEST(NpyFiles, HeaderLongerThanTheLimitOrMalformedIsAnError) {
  EXPECT_TRUE(Contains(
      error_from([] { parse_npy(npy(std::string(60000, ' ')), "x.npy"); }).problem(), "malformed"));
  std::string version2("\x93NUMPY\x02\x00\xff\xff\xff\x7f", 12);
  EXPECT_TRUE(Contains(error_from([&] { parse_npy(version2, "x.npy"); }).problem(),
                       "more than the limit of 65536"));
  EXPECT_TRUE(Contains(error_from([] {
                         parse_npy(npy("{'descr': '<f8', 'shape': (1,), 'fortran_order': Maybe}"),
                                   "x.npy");
                       }).problem(),
                       "neither True nor False"));
}

TEST(NpyFiles, TextArraysRoundTripTheirCodePoints) {
  const std::string bytes = npy_text_bytes({"dense", "größe_層", "\xff"});
  EXPECT_NE(bytes.find("'descr': '<U7'"), std::string::npos);  // g r ö ß e _ 層
  const size_t data = bytes.size() - 3 * 7 * 4;
  EXPECT_EQ(data % 64, 0u);
  char32_t letter;
  std::memcpy(&letter, bytes.data() + data + 7 * 4 + 2 * 4, 4);
  EXPECT_EQ(letter, U'ö');
  std::memcpy(&letter, bytes.data() + data + 2 * 7 * 4, 4);
  EXPECT_EQ(letter, U'\ufffd');
}

TEST(CsvFiles, BinaryAndHostileContentIsAnErrorWithAPrintableExcerpt) {
  std::istringstream binary(std::string("1,2\n3,\0\x01", 8));
  EXPECT_TRUE(Contains(error_from([&] { parse_csv(binary, "x.csv"); }).where(), "x.csv:2"));
  std::istringstream escape("1,\x1b[2J" + std::string(10000, 'y') + "\n");
  const Error error = error_from([&] { parse_csv(escape, "x.csv"); });
  EXPECT_TRUE(Contains(error.problem(), "\\x1b[2J"));
  EXPECT_LT(error.problem().size(), 100u);
}

TEST(NpzFiles, NonArchiveIsAnErrorNamingIt) {
  EXPECT_TRUE(
      Contains(error_from([] { parse_npz("PK\x03\x04garbage", "x.npz"); }).where(), "x.npz"));
}

}  // namespace
}  // namespace hlsnn::cli
