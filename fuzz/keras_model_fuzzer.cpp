// Keras JSON -> IR -> passes: a model JSON (model.to_json()) and, after a "\n#WEIGHTS\n" line, its
// weights in the byte form of keras_file_readers.h, converted as Model::from_keras_json does
// (the default HLSConfig, canonicalization and optimization passes; nothing is written). An input
// starting with the line "#io_stream" is converted for io_stream (the stream passes and checks).

#include "api/model.h"
#include "frontend/keras_file_readers.h"
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  constexpr std::string_view kStreamLine = "#io_stream\n";
  std::string bytes = hlsnn::fuzz::bytes_of(data, size);
  hlsnn::ConvertSettings settings;
  if (bytes.rfind(kStreamLine, 0) == 0) {
    settings.io_type = "io_stream";
    bytes.erase(0, kStreamLine.size());
  }
  const auto [model_json, weights_bytes] = hlsnn::fuzz::split_at(bytes, "\n#WEIGHTS\n");
  hlsnn::fuzz::run_reader([&, &model_json = model_json, &weights_bytes = weights_bytes] {
    const hlsnn::frontend::WeightsByLayer weights =
        weights_bytes.empty() ? hlsnn::frontend::WeightsByLayer{}
                              : hlsnn::frontend::decode_weights(weights_bytes);
    const int keras_major = model_json.find("\"keras_version\": \"2.") != std::string::npos ? 2 : 3;
    hlsnn::Model::from_keras_json(model_json, weights, keras_major, std::nullopt, settings);
  });
  return 0;
}
