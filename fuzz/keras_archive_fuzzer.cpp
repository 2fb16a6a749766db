// A .keras archive (zip of config.json, metadata.json, model.weights.h5) from memory.

#include "frontend/keras_file_readers.h"
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes = hlsnn::fuzz::bytes_of(data, size);
  hlsnn::fuzz::run_reader(
      [&] { hlsnn::frontend::read_keras_archive_bytes(std::move(bytes), "fuzz.keras"); });
  return 0;
}
