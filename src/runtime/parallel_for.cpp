#include "runtime/parallel_for.h"

#include <algorithm>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace hlsnn::runtime {

int default_thread_count() {
  if (const char* requested = std::getenv("HLSNN_NUM_THREADS")) {
    const int value = std::atoi(requested);
    if (value > 0) return value;
  }
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

void parallel_for(int64_t count, int threads,
                  const std::function<void(int64_t begin, int64_t end)>& body) {
  if (count <= 0) return;
  const int64_t workers = std::clamp<int64_t>(threads, 1, count);
  const int64_t chunk = (count + workers - 1) / workers;
  std::exception_ptr first_error;
  std::mutex error_mutex;
  auto run_chunk = [&](int64_t begin) {
    try {
      body(begin, std::min(count, begin + chunk));
    } catch (...) {
      const std::lock_guard<std::mutex> lock(error_mutex);
      if (!first_error) first_error = std::current_exception();
    }
  };
  std::vector<std::thread> pool;
  for (int64_t begin = chunk; begin < count; begin += chunk) pool.emplace_back(run_chunk, begin);
  run_chunk(0);
  for (std::thread& thread : pool) thread.join();
  if (first_error) std::rethrow_exception(first_error);
}

}  // namespace hlsnn::runtime
