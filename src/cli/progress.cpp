#include "cli/progress.h"

#include <unistd.h>

#include <iostream>

namespace hlsnn::cli {

Progress::Progress(bool quiet) : enabled_(!quiet && ::isatty(STDERR_FILENO) == 1) {}

void Progress::step(const std::string& message) const {
  if (enabled_) std::cerr << "hlsnn: " << message << std::endl;
}

}  // namespace hlsnn::cli
