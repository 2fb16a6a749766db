#ifndef HLSNN_FRONTEND_KERAS_FILE_READERS_H
#define HLSNN_FRONTEND_KERAS_FILE_READERS_H

// The Keras file readers as they run in the process that calls them. read_keras_file and
// read_keras_weights_file (keras_file.h) run these in an isolated child process, because the HDF5
// library can crash or loop on a damaged file; the fuzz targets call them directly (from bytes,
// so that no file is written per input), and the child sends its result back in the byte form
// below.

#include <filesystem>
#include <string>

#include "frontend/keras_file.h"

namespace hlsnn::frontend {

KerasModelFile read_keras_file_in_process(const std::filesystem::path& path);
WeightsByLayer read_keras_weights_file_in_process(const std::filesystem::path& path,
                                                  const std::string& model_config_json);

/// A legacy .h5 model file held in memory; `label` names it in errors.
KerasModelFile read_keras_h5_bytes(const std::string& bytes, const std::string& label);
/// A .keras archive held in memory.
KerasModelFile read_keras_archive_bytes(std::string bytes, const std::string& label);
/// A weights-only HDF5 file held in memory.
WeightsByLayer read_keras_weights_bytes(const std::string& bytes, const std::string& label,
                                        const std::string& model_config_json);

/// The byte form of reader results, for sending them from the child process (same machine, same
/// build: native byte order).
std::string encode_model_file(const KerasModelFile& model_file);
KerasModelFile decode_model_file(const std::string& bytes);
std::string encode_weights(const WeightsByLayer& weights);
WeightsByLayer decode_weights(const std::string& bytes);

}  // namespace hlsnn::frontend

#endif  // HLSNN_FRONTEND_KERAS_FILE_READERS_H
