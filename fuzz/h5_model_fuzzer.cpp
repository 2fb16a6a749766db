// A legacy Keras .h5 model file (HDF5), read in this process from memory as the isolated reader
// does from disk: HDF5 structure, string attributes, model JSON structure, weight datasets.

#include "frontend/keras_file_readers.h"
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes = hlsnn::fuzz::bytes_of(data, size);
  hlsnn::fuzz::run_reader([&] { hlsnn::frontend::read_keras_h5_bytes(bytes, "fuzz.h5"); });
  return 0;
}
