// A weights-only HDF5 file (model.save_weights, legacy or Keras 3 layout) with the model JSON it
// belongs to: the JSON, a "\n#H5\n" line, then the HDF5 bytes.

#include "frontend/keras_file_readers.h"
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto [model_json, h5_bytes] =
      hlsnn::fuzz::split_at(hlsnn::fuzz::bytes_of(data, size), "\n#H5\n");
  hlsnn::fuzz::run_reader([&, &model_json = model_json, &h5_bytes = h5_bytes] {
    hlsnn::frontend::read_keras_weights_bytes(h5_bytes, "fuzz.weights.h5", model_json);
  });
  return 0;
}
