// Converts a saved Keras model with the C++ API alone (no Python), compiles its C simulation and
// predicts one sample of zeros.
//
//   hlsnn_cpp_example model.h5 [output_dir]
#include <iostream>

#include "api/model.h"
#include "ir/error.h"

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::cerr << "usage: " << argv[0] << " MODEL.h5|MODEL.keras [OUTPUT_DIR]\n";
    return 2;
  }
  try {
    hlsnn::ConvertSettings settings;
    settings.output_dir = argc == 3 ? argv[2] : "hlsnn-cpp-example";
    hlsnn::Model model = hlsnn::Model::from_keras_file(argv[1], std::nullopt, settings);
    const bool cached = model.compile();
    std::cout << "compiled " << settings.output_dir << (cached ? " (from cache)" : "") << "\n";

    std::vector<std::vector<double>> zeros;
    for (const auto& input : model.manifest().inputs) {
      zeros.emplace_back(static_cast<size_t>(input.element_count()), 0.0);
    }
    const std::vector<std::vector<double>> outputs = model.predict(zeros);
    for (size_t k = 0; k < outputs.size(); ++k) {
      std::cout << model.manifest().outputs[k].name << ":";
      for (double value : outputs[k]) std::cout << " " << value;
      std::cout << "\n";
    }
  } catch (const hlsnn::Error& error) {
    std::cerr << "error: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
