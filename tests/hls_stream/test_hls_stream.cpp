#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include "hls_stream.h"

namespace {

TEST(HlsStream, ReadsInFifoOrder) {
  hls::stream<int> s("fifo");
  s.write(1);
  s << 2;
  s.write_nb(3);
  int second = 0;
  int third = 0;
  EXPECT_EQ(s.read(), 1);
  s >> second;
  s.read(third);
  EXPECT_EQ(second, 2);
  EXPECT_EQ(third, 3);
  EXPECT_TRUE(s.empty());
}

TEST(HlsStream, ReportsSizeAndNeverFills) {
  hls::stream<int> s;
  EXPECT_TRUE(s.empty());
  for (int i = 0; i < 1000; ++i) EXPECT_TRUE(s.write_nb(i));
  EXPECT_EQ(s.size(), 1000u);
  EXPECT_FALSE(s.full());
  EXPECT_FALSE(s.empty());
}

TEST(HlsStream, ReadingEmptyStreamThrowsNamingTheStream) {
  hls::stream<int> s("layer2_out");
  try {
    s.read();
    FAIL() << "reading an empty stream must throw";
  } catch (const hls::stream_read_empty& error) {
    EXPECT_NE(std::string(error.what()).find("'layer2_out'"), std::string::npos) << error.what();
  }
}

TEST(HlsStream, NonBlockingReadOnEmptyLeavesArgumentUnchanged) {
  hls::stream<int> s;
  int value = 42;
  EXPECT_FALSE(s.read_nb(value));
  EXPECT_EQ(value, 42);
  s.write(7);
  EXPECT_TRUE(s.read_nb(value));
  EXPECT_EQ(value, 7);
}

TEST(HlsStream, KeepsFifoOrderWhenNeverEmptied) {
  // A producer always one word ahead: the storage is compacted without losing order.
  hls::stream<int> s("ahead");
  s.write(0);
  for (int i = 1; i < 10000; ++i) {
    s.write(i);
    ASSERT_EQ(s.read(), i - 1);
    ASSERT_EQ(s.size(), 1u);
  }
  EXPECT_EQ(s.read(), 9999);
  EXPECT_TRUE(s.empty());
  EXPECT_EQ(s.max_occupancy(), 2u);
}

TEST(HlsStream, RecordsMaximumOccupancy) {
  hls::stream<int> s;
  s.write(1);
  s.write(2);
  s.write(3);
  s.read();
  s.read();
  s.write(4);
  EXPECT_EQ(s.size(), 2u);
  EXPECT_EQ(s.max_occupancy(), 3u);
}

TEST(HlsStream, DepthSpellingIsAStreamOfTheSameElements) {
  hls::stream<int, 4> s("with_depth");
  hls::stream<int>& base = s;
  base.write(5);
  EXPECT_EQ(s.read(), 5);
  EXPECT_EQ(s.name(), "with_depth");
}

/// Records (stream, 'w' or 'r') in order.
class OperationLog : public hls::stream_observer {
 public:
  void on_write(const std::string& stream_name) override {
    operations.emplace_back(stream_name, 'w');
  }
  void on_read(const std::string& stream_name) override {
    operations.emplace_back(stream_name, 'r');
  }
  std::vector<std::pair<std::string, char>> operations;
};

TEST(HlsStream, ObserverSeesTheOperationsOfStreamsMadeWhileInstalled) {
  OperationLog log;
  hls::stream<int> before("before");
  EXPECT_EQ(hls::set_stream_observer(&log), nullptr);
  hls::stream<int> a("a");
  hls::stream<int> b("b");
  EXPECT_EQ(hls::set_stream_observer(nullptr), &log);
  a.write(1);
  b.write(a.read());
  before.write(2);  // made before the observer: not seen
  int value = 0;
  EXPECT_FALSE(a.read_nb(value));  // nothing read: not an operation
  b.read();
  const std::vector<std::pair<std::string, char>> expected = {
      {"a", 'w'}, {"a", 'r'}, {"b", 'w'}, {"b", 'r'}};
  EXPECT_EQ(log.operations, expected);
}

TEST(HlsStream, ObserverIsPerThread) {
  OperationLog log;
  hls::set_stream_observer(&log);
  std::thread other([] {
    hls::stream<int> elsewhere("elsewhere");
    elsewhere.write(1);
  });
  other.join();
  hls::set_stream_observer(nullptr);
  EXPECT_TRUE(log.operations.empty());
}

TEST(HlsStream, IsNotCopyable) {
  static_assert(!std::is_copy_constructible_v<hls::stream<int>>);
  static_assert(!std::is_copy_assignable_v<hls::stream<int>>);
}

}  // namespace
