// An .npz archive of inputs (numpy.savez / savez_compressed).

#include "cli/npz_io.h"
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes = hlsnn::fuzz::bytes_of(data, size);
  hlsnn::fuzz::run_reader([&] { hlsnn::cli::parse_npz(std::move(bytes), "fuzz.npz"); });
  return 0;
}
