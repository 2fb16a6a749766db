#include "cli/progress.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <iostream>
#include <mutex>
#include <thread>

namespace hlsnn::cli {

namespace {

// Slices small enough for the percentage to move, large enough to keep every core busy.
constexpr int64_t kSlices = 50;
constexpr int64_t kMinimumSliceSamples = 2048;

// "\r" rewrites the line in place; "\033[K" clears what a longer previous text left.
void rewrite_line(const std::string& text) {
  std::cerr << "\rhlsnn: " << text << "\033[K" << std::flush;
}

}  // namespace

Progress::Progress(bool quiet) : enabled_(!quiet && ::isatty(STDERR_FILENO) == 1) {}

void Progress::step(const std::string& message) const {
  if (enabled_) std::cerr << "hlsnn: " << message << std::endl;
}

void Progress::while_running(const std::string& message, const std::function<void()>& work) const {
  if (!enabled_) {
    work();
    return;
  }
  std::mutex mutex;
  std::condition_variable finished_signal;
  bool finished = false;
  const auto start = std::chrono::steady_clock::now();
  std::thread ticker([&] {
    std::unique_lock<std::mutex> lock(mutex);
    do {
      const auto seconds =
          std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - start)
              .count();
      rewrite_line(message + " (" + std::to_string(seconds) + " s)");
    } while (!finished_signal.wait_for(lock, std::chrono::seconds(1), [&] { return finished; }));
  });
  const auto stop_ticker = [&] {
    {
      const std::lock_guard<std::mutex> lock(mutex);
      finished = true;
    }
    finished_signal.notify_one();
    ticker.join();
    std::cerr << std::endl;
  };
  try {
    work();
  } catch (...) {
    stop_ticker();
    throw;
  }
  stop_ticker();
}

void Progress::over_samples(const std::string& message, int64_t total,
                            const std::function<void(int64_t, int64_t)>& work) const {
  if (!enabled_ || total <= kMinimumSliceSamples) {
    work(0, total);
    return;
  }
  const int64_t slice = std::max(kMinimumSliceSamples, (total + kSlices - 1) / kSlices);
  for (int64_t first = 0; first < total; first += slice) {
    rewrite_line(message + " " + std::to_string(100 * first / total) + "% (" +
                 std::to_string(first) + " of " + std::to_string(total) + " samples)");
    work(first, std::min(slice, total - first));
  }
  rewrite_line(message + " 100% (" + std::to_string(total) + " samples)");
  std::cerr << std::endl;
}

}  // namespace hlsnn::cli
