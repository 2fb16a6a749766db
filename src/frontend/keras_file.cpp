#include "frontend/keras_file.h"

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <system_error>

#include "frontend/hdf5_file.h"
#include "frontend/isolated_call.h"
#include "frontend/keras_file_readers.h"
#include "frontend/keras_legacy_weights.h"
#include "frontend/keras_model_structure.h"
#include "frontend/keras_v3_weights.h"
#include "frontend/zip_archive.h"
#include "input/input_file.h"
#include "input/json_document.h"
#include "ir/error.h"
#include "ir/names.h"

namespace hlsnn::frontend {
namespace {

namespace fs = std::filesystem;

const char kSaveModelHint[] =
    "pass a model saved with model.save(\"model.keras\") or model.save(\"model.h5\")";

const char kConfigMember[] = "config.json";
const char kMetadataMember[] = "metadata.json";
const char kWeightsMember[] = "model.weights.h5";
const char kNpzWeightsMember[] = "model.weights.npz";

const char kDamagedModelHint[] =
    "the file may be truncated or damaged (an interrupted copy or download?); save the model "
    "again from Keras";

// Existence, kind and emptiness checks shared by the entry points, so that the common mistakes
// get a plain message instead of a library's. Folders are an unzipped .keras model when allowed;
// devices, FIFOs and sockets are refused (reading /dev/zero would never end).
void check_readable_file(const fs::path& path, bool folder_allowed) {
  std::error_code error;
  if (folder_allowed && fs::is_directory(path, error)) return;
  const uint64_t size = input::check_regular_file(path, "Keras model file");
  if (size == 0) {
    throw Error("the file is empty", path.string(),
                "the save was probably interrupted; save the model again from Keras");
  }
}

// The reading library, HDF5, may crash or loop on a damaged file: the reading runs in a child
// process, given a minute plus a second per 10 MB ($HLSNN_READ_SECONDS replaces that), and 2 GiB
// plus 16 bytes per byte of the file (the weights as doubles, the archive member, their byte form).
IsolationLimits limits_for(const fs::path& path) {
  std::error_code error;
  const uint64_t size = fs::is_regular_file(path, error) ? fs::file_size(path, error) : 0;
  IsolationLimits limits;
  limits.seconds = 60 + static_cast<double>(size) / 10e6;
  if (const char* chosen = std::getenv("HLSNN_READ_SECONDS"); chosen != nullptr) {
    const double seconds = std::atof(chosen);
    if (seconds > 0) limits.seconds = seconds;
  }
  limits.memory_bytes = (uint64_t{2} << 30) + 16 * size;
  return limits;
}

// "2.14.0" -> 2; Keras 1 files and unknown strings are refused here rather than misread later.
int keras_major_version_of(const std::string& version, const std::string& where) {
  const int major = std::atoi(version.c_str());
  if (major != 2 && major != 3) {
    throw Error("written by Keras " + ir::single_quoted(version) + ", which is not supported",
                where, "load the model in Keras 2 or 3 and save it again");
  }
  return major;
}

// The parts of a `.keras` model, whether zipped or unzipped: config.json, the optional
// metadata.json, and model.weights.h5 opened as HDF5.
KerasModelFile assemble_keras_v3_model(std::string config_json, const std::string& config_where,
                                       const std::string* metadata_json,
                                       const std::string& metadata_where,
                                       const Hdf5File& weights_file) {
  KerasModelFile model_file;
  // Without metadata.json, assume Keras 3: it writes nearly all .keras files.
  model_file.keras_major_version = 3;
  if (metadata_json != nullptr) {
    const auto metadata = input::parse_json_document<nlohmann::json>(
        *metadata_json, metadata_where, "save the model again from Keras");
    if (!metadata.is_object() || !metadata.contains("keras_version") ||
        !metadata["keras_version"].is_string()) {
      throw Error("expected a JSON object with a \"keras_version\" string", metadata_where,
                  "save the model again from Keras");
    }
    model_file.keras_version_string = metadata["keras_version"].get<std::string>();
    model_file.keras_major_version =
        keras_major_version_of(model_file.keras_version_string, metadata_where);
  }
  const KerasLayerNode model = parse_model_structure(config_json, config_where);
  model_file.weights_by_layer =
      read_v3_weights(weights_file.root(), model, model_file.keras_major_version);
  model_file.model_config_json = std::move(config_json);
  return model_file;
}

KerasModelFile read_keras_archive(const ZipArchive& archive, const std::string& label) {
  if (!archive.has_member(kConfigMember)) {
    throw Error("the .keras archive has no config.json (the model's architecture)", label,
                std::string("this zip file was not written by Keras; ") + kSaveModelHint);
  }
  if (!archive.has_member(kWeightsMember)) {
    if (archive.has_member(kNpzWeightsMember)) {
      throw Error(
          "the .keras archive stores its weights as model.weights.npz, which is not "
          "supported",
          label, "save the model with the default weights format (HDF5)");
    }
    throw Error("the .keras archive has no model.weights.h5 (the weights)", label,
                std::string("save the model again; ") + kSaveModelHint);
  }
  const std::string metadata_json = archive.has_member(kMetadataMember)
                                        ? archive.read_member(kMetadataMember, input::kMaxJsonBytes)
                                        : std::string();
  const Hdf5File weights_file = Hdf5File::open_image(archive.read_member(kWeightsMember),
                                                     archive.member_label(kWeightsMember));
  return assemble_keras_v3_model(archive.read_member(kConfigMember, input::kMaxJsonBytes),
                                 archive.member_label(kConfigMember),
                                 archive.has_member(kMetadataMember) ? &metadata_json : nullptr,
                                 archive.member_label(kMetadataMember), weights_file);
}

// `model.save("dir.keras", zipped=False)` and models from model hubs: the archive's members as
// plain files of a directory.
KerasModelFile read_keras_directory(const fs::path& directory) {
  const fs::path config_path = directory / kConfigMember;
  const fs::path weights_path = directory / kWeightsMember;
  std::error_code error;
  if (!fs::exists(config_path, error)) {
    throw Error("the directory has no config.json (the model's architecture)", directory.string(),
                kSaveModelHint);
  }
  if (!fs::exists(weights_path, error)) {
    throw Error("the directory has no model.weights.h5 (the weights)", directory.string(),
                kSaveModelHint);
  }
  check_readable_file(weights_path, /*folder_allowed=*/false);
  const fs::path metadata_path = directory / kMetadataMember;
  const bool has_metadata = fs::exists(metadata_path, error);
  const std::string metadata_json =
      has_metadata ? input::read_input_file(metadata_path, input::kMaxJsonBytes, "Keras metadata")
                   : std::string();
  return assemble_keras_v3_model(
      input::read_input_file(config_path, input::kMaxJsonBytes, "model JSON"), config_path.string(),
      has_metadata ? &metadata_json : nullptr, metadata_path.string(),
      Hdf5File::open(weights_path));
}

KerasModelFile read_legacy_h5_model(const Hdf5File& file) {
  const std::string& label = file.label();
  const Hdf5Group root = file.root();
  if (!root.has_attribute("model_config")) {
    if (is_legacy_weights_group(root) || is_v3_weights_root(root)) {
      throw Error("the file holds only weights (written by model.save_weights), not a model", label,
                  "pass the model saved with model.save(...), or pass this file as the weights "
                  "together with the model's JSON (model.to_json())");
    }
    throw Error("the HDF5 file is not a Keras model: it has no 'model_config' attribute", label,
                kSaveModelHint);
  }
  KerasModelFile model_file;
  model_file.model_config_json = root.read_string_attribute("model_config");
  if (!root.has_attribute("keras_version")) {
    throw Error(
        "the file does not say which Keras wrote it (no 'keras_version'): Keras 1 files "
        "are not supported",
        label, "load the model in Keras 2 or 3 and save it again");
  }
  model_file.keras_version_string = root.read_string_attribute("keras_version");
  model_file.keras_major_version = keras_major_version_of(model_file.keras_version_string, label);
  if (root.has_attribute("backend")) model_file.backend = root.read_string_attribute("backend");

  const KerasLayerNode model = parse_model_structure(model_file.model_config_json,
                                                     root.where() + ", attribute 'model_config'");
  if (!root.has_child_group("model_weights") ||
      !is_legacy_weights_group(root.open_group("model_weights"))) {
    throw Error("the file has no 'model_weights' group with a 'layer_names' list", label,
                "the file is damaged or was not written by Keras; save the model again");
  }
  model_file.weights_by_layer = read_legacy_weights(root.open_group("model_weights"), model);
  return model_file;
}

WeightsByLayer read_weights(const Hdf5File& file, const std::string& model_config_json) {
  const KerasLayerNode model = parse_model_structure(model_config_json, "the model's JSON");
  const Hdf5Group root = file.root();
  if (is_legacy_weights_group(root)) return read_legacy_weights(root, model);
  // Keras' load_weights accepts a whole legacy model file too.
  if (root.has_child_group("model_weights") &&
      is_legacy_weights_group(root.open_group("model_weights"))) {
    return read_legacy_weights(root.open_group("model_weights"), model);
  }
  if (is_v3_weights_root(root)) {
    // This layout records no version; a Keras 2 model JSON does.
    const std::string version = keras_version_in_json(model_config_json);
    const int major = version.empty() ? 3 : keras_major_version_of(version, "the model's JSON");
    return read_v3_weights(root, model, major);
  }
  throw Error(
      "the HDF5 file holds no Keras weights (no 'layer_names' attribute, no 'layers' "
      "group)",
      file.label(), "pass weights saved with model.save_weights(\"model.weights.h5\")");
}

}  // namespace

KerasModelFile read_keras_file_in_process(const fs::path& path) {
  check_readable_file(path, /*folder_allowed=*/true);
  if (fs::is_directory(path)) return read_keras_directory(path);
  if (ZipArchive::has_zip_signature(path)) {
    return read_keras_archive(ZipArchive::open(path), path.string());
  }
  if (Hdf5File::has_hdf5_signature(path)) return read_legacy_h5_model(Hdf5File::open(path));
  throw Error("the file is neither a Keras .keras archive (zip) nor an HDF5 model file (.h5)",
              path.string(), kSaveModelHint);
}

KerasModelFile read_keras_h5_bytes(const std::string& bytes, const std::string& label) {
  return read_legacy_h5_model(Hdf5File::open_image(bytes, label));
}

KerasModelFile read_keras_archive_bytes(std::string bytes, const std::string& label) {
  return read_keras_archive(ZipArchive::from_bytes(std::move(bytes), label), label);
}

WeightsByLayer read_keras_weights_file_in_process(const fs::path& path,
                                                  const std::string& model_config_json) {
  check_readable_file(path, /*folder_allowed=*/false);
  if (!Hdf5File::has_hdf5_signature(path)) {
    throw Error("the weights file is not an HDF5 file", path.string(),
                "pass weights saved with model.save_weights(\"model.weights.h5\")");
  }
  return read_weights(Hdf5File::open(path), model_config_json);
}

WeightsByLayer read_keras_weights_bytes(const std::string& bytes, const std::string& label,
                                        const std::string& model_config_json) {
  return read_weights(Hdf5File::open_image(bytes, label), model_config_json);
}

KerasModelFile read_keras_file(const fs::path& path) {
  // The common mistakes (no such file, an empty one) are reported without starting a process.
  check_readable_file(path, /*folder_allowed=*/true);
  return decode_model_file(
      call_isolated([&] { return encode_model_file(read_keras_file_in_process(path)); },
                    limits_for(path), path.string(), kDamagedModelHint));
}

WeightsByLayer read_keras_weights_file(const fs::path& path, const std::string& model_config_json) {
  check_readable_file(path, /*folder_allowed=*/false);
  return decode_weights(call_isolated(
      [&] { return encode_weights(read_keras_weights_file_in_process(path, model_config_json)); },
      limits_for(path), path.string(), kDamagedModelHint));
}

}  // namespace hlsnn::frontend
