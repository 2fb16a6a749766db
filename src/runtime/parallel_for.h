#ifndef HLSNN_RUNTIME_PARALLEL_FOR_H
#define HLSNN_RUNTIME_PARALLEL_FOR_H

#include <cstdint>
#include <functional>

namespace hlsnn::runtime {

/// The number of worker threads to use: $HLSNN_NUM_THREADS when set to a positive number, else
/// the number of hardware threads.
int default_thread_count();

/// Calls body(begin, end) on contiguous, disjoint chunks covering [0, count), on at most
/// `threads` threads (the calling thread is one of them). Chunks are independent, so the result
/// does not depend on the thread count. The first exception thrown by a chunk is rethrown here
/// after every thread has finished.
void parallel_for(int64_t count, int threads,
                  const std::function<void(int64_t begin, int64_t end)>& body);

}  // namespace hlsnn::runtime

#endif  // HLSNN_RUNTIME_PARALLEL_FOR_H
