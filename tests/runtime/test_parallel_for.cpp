#include <gtest/gtest.h>

#include <stdexcept>
#include <vector>

#include "runtime/parallel_for.h"

namespace hlsnn::runtime {
namespace {

TEST(ParallelFor, CoversEveryIndexExactlyOnceForAnyThreadCount) {
  for (int threads : {1, 2, 3, 7, 64}) {
    for (int64_t count : {0, 1, 5, 1000}) {
      std::vector<int> visits(static_cast<size_t>(count), 0);
      parallel_for(count, threads, [&](int64_t begin, int64_t end) {
        for (int64_t i = begin; i < end; ++i) ++visits[static_cast<size_t>(i)];
      });
      for (int visit : visits) EXPECT_EQ(visit, 1) << threads << " threads, " << count << " items";
    }
  }
}

TEST(ParallelFor, RethrowsTheErrorOfAChunkAfterAllFinish) {
  std::vector<int> visits(100, 0);
  EXPECT_THROW(parallel_for(100, 4,
                            [&](int64_t begin, int64_t end) {
                              for (int64_t i = begin; i < end; ++i)
                                ++visits[static_cast<size_t>(i)];
                              if (begin == 0) throw std::runtime_error("chunk failed");
                            }),
               std::runtime_error);
  for (int visit : visits) EXPECT_EQ(visit, 1);
}

TEST(DefaultThreadCount, HonoursTheEnvironmentVariable) {
  setenv("HLSNN_NUM_THREADS", "3", 1);
  EXPECT_EQ(default_thread_count(), 3);
  setenv("HLSNN_NUM_THREADS", "junk", 1);
  EXPECT_GE(default_thread_count(), 1);
  unsetenv("HLSNN_NUM_THREADS");
}

}  // namespace
}  // namespace hlsnn::runtime
