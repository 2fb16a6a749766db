// A .npy data file of predict / trace.

#include "cli/npy_io.h"
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes = hlsnn::fuzz::bytes_of(data, size);
  hlsnn::fuzz::run_reader([&] { hlsnn::cli::parse_npy(bytes, "fuzz.npy"); });
  return 0;
}
