#ifndef HLSNN_CLI_PROGRESS_H
#define HLSNN_CLI_PROGRESS_H

#include <cstdint>
#include <functional>
#include <string>

namespace hlsnn::cli {

/// Progress for a person watching ("compiling ... 12 s", "predicting 40%"): written to stderr
/// only when it is a terminal and -q was not given, so that scripts and logs see results and
/// errors alone.
class Progress {
 public:
  explicit Progress(bool quiet);

  /// One line saying what happens next.
  void step(const std::string& message) const;

  /// Runs `work`, a blocking call of unknown length (a compile, a vendor build), while one line
  /// shows `message` and the seconds elapsed.
  void while_running(const std::string& message, const std::function<void()>& work) const;

  /// Runs work(first, count) over the samples [0, total): in one call when quiet, else in slices
  /// with a percentage after `message`. Each sample is independent, so slicing changes no result.
  void over_samples(const std::string& message, int64_t total,
                    const std::function<void(int64_t first, int64_t count)>& work) const;

 private:
  bool enabled_;
};

}  // namespace hlsnn::cli

#endif  // HLSNN_CLI_PROGRESS_H
