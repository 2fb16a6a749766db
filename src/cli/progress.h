#ifndef HLSNN_CLI_PROGRESS_H
#define HLSNN_CLI_PROGRESS_H

#include <string>

namespace hlsnn::cli {

/// Progress lines ("converting ...", "compiling ...") for a person watching: written to stderr
/// only when it is a terminal, so that scripts and logs see results and errors alone.
class Progress {
 public:
  explicit Progress(bool quiet);
  void step(const std::string& message) const;

 private:
  bool enabled_;
};

}  // namespace hlsnn::cli

#endif  // HLSNN_CLI_PROGRESS_H
