// A .csv data file of predict / trace.

#include <sstream>

#include "cli/csv_io.h"
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::istringstream stream(hlsnn::fuzz::bytes_of(data, size));
  hlsnn::fuzz::run_reader([&] { hlsnn::cli::parse_csv(stream, "fuzz.csv"); });
  return 0;
}
