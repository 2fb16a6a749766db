#include "frontend/keras_file.h"

#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <system_error>

#include "frontend/hdf5_file.h"
#include "frontend/keras_legacy_weights.h"
#include "frontend/keras_model_structure.h"
#include "frontend/keras_v3_weights.h"
#include "frontend/zip_archive.h"
#include "ir/error.h"

namespace hlsnn::frontend {
namespace {

namespace fs = std::filesystem;

const char kSaveModelHint[] =
    "pass a model saved with model.save(\"model.keras\") or model.save(\"model.h5\")";

const char kConfigMember[] = "config.json";
const char kMetadataMember[] = "metadata.json";
const char kWeightsMember[] = "model.weights.h5";
const char kNpzWeightsMember[] = "model.weights.npz";

// Existence, kind and emptiness checks shared by both entry points, so that the common mistakes
// get a plain message instead of a library's.
void check_readable_file(const fs::path& path) {
  std::error_code error;
  if (!fs::exists(path, error)) {
    throw Error("the file does not exist", path.string(), "check the path and the file name");
  }
  if (fs::is_regular_file(path, error) && fs::file_size(path, error) == 0) {
    throw Error("the file is empty", path.string(),
                "the save was probably interrupted; save the model again from Keras");
  }
  if (!std::ifstream(path, std::ios::binary)) {
    throw Error("the file cannot be read", path.string(), "check the file's permissions");
  }
}

// "2.14.0" -> 2; Keras 1 files and unknown strings are refused here rather than misread later.
int keras_major_version_of(const std::string& version, const std::string& where) {
  const int major = std::atoi(version.c_str());
  if (major != 2 && major != 3) {
    throw Error("written by Keras '" + version + "', which is not supported", where,
                "load the model in Keras 2 or 3 and save it again");
  }
  return major;
}

std::string read_text_file(const fs::path& path) {
  std::ifstream stream(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>());
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
    const nlohmann::json metadata =
        nlohmann::json::parse(*metadata_json, nullptr, /*allow_exceptions=*/false);
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

KerasModelFile read_keras_archive(const fs::path& path) {
  const ZipArchive archive = ZipArchive::open(path);
  if (!archive.has_member(kConfigMember)) {
    throw Error("the .keras archive has no config.json (the model's architecture)", path.string(),
                std::string("this zip file was not written by Keras; ") + kSaveModelHint);
  }
  if (!archive.has_member(kWeightsMember)) {
    if (archive.has_member(kNpzWeightsMember)) {
      throw Error(
          "the .keras archive stores its weights as model.weights.npz, which is not "
          "supported",
          path.string(), "save the model with the default weights format (HDF5)");
    }
    throw Error("the .keras archive has no model.weights.h5 (the weights)", path.string(),
                std::string("save the model again; ") + kSaveModelHint);
  }
  const std::string metadata_json =
      archive.has_member(kMetadataMember) ? archive.read_member(kMetadataMember) : std::string();
  const Hdf5File weights_file = Hdf5File::open_image(archive.read_member(kWeightsMember),
                                                     archive.member_label(kWeightsMember));
  return assemble_keras_v3_model(archive.read_member(kConfigMember),
                                 archive.member_label(kConfigMember),
                                 archive.has_member(kMetadataMember) ? &metadata_json : nullptr,
                                 archive.member_label(kMetadataMember), weights_file);
}

// `model.save("dir.keras", zipped=False)` and models from model hubs: the archive's members as
// plain files of a directory.
KerasModelFile read_keras_directory(const fs::path& directory) {
  const fs::path config_path = directory / kConfigMember;
  const fs::path weights_path = directory / kWeightsMember;
  if (!fs::is_regular_file(config_path)) {
    throw Error("the directory has no config.json (the model's architecture)", directory.string(),
                kSaveModelHint);
  }
  if (!fs::is_regular_file(weights_path)) {
    throw Error("the directory has no model.weights.h5 (the weights)", directory.string(),
                kSaveModelHint);
  }
  check_readable_file(weights_path);
  const fs::path metadata_path = directory / kMetadataMember;
  const bool has_metadata = fs::is_regular_file(metadata_path);
  const std::string metadata_json = has_metadata ? read_text_file(metadata_path) : std::string();
  return assemble_keras_v3_model(read_text_file(config_path), config_path.string(),
                                 has_metadata ? &metadata_json : nullptr, metadata_path.string(),
                                 Hdf5File::open(weights_path));
}

KerasModelFile read_legacy_h5_model(const fs::path& path) {
  const Hdf5File file = Hdf5File::open(path);
  const Hdf5Group root = file.root();
  if (!root.has_attribute("model_config")) {
    if (is_legacy_weights_group(root) || is_v3_weights_root(root)) {
      throw Error("the file holds only weights (written by model.save_weights), not a model",
                  path.string(),
                  "pass the model saved with model.save(...), or pass this file as the weights "
                  "together with the model's JSON (model.to_json())");
    }
    throw Error("the HDF5 file is not a Keras model: it has no 'model_config' attribute",
                path.string(), kSaveModelHint);
  }
  KerasModelFile model_file;
  model_file.model_config_json = root.read_string_attribute("model_config");
  if (!root.has_attribute("keras_version")) {
    throw Error(
        "the file does not say which Keras wrote it (no 'keras_version'): Keras 1 files "
        "are not supported",
        path.string(), "load the model in Keras 2 or 3 and save it again");
  }
  model_file.keras_version_string = root.read_string_attribute("keras_version");
  model_file.keras_major_version =
      keras_major_version_of(model_file.keras_version_string, path.string());
  if (root.has_attribute("backend")) model_file.backend = root.read_string_attribute("backend");

  const KerasLayerNode model = parse_model_structure(model_file.model_config_json,
                                                     root.where() + ", attribute 'model_config'");
  if (!root.has_child_group("model_weights") ||
      !is_legacy_weights_group(root.open_group("model_weights"))) {
    throw Error("the file has no 'model_weights' group with a 'layer_names' list", path.string(),
                "the file is damaged or was not written by Keras; save the model again");
  }
  model_file.weights_by_layer = read_legacy_weights(root.open_group("model_weights"), model);
  return model_file;
}

}  // namespace

KerasModelFile read_keras_file(const fs::path& path) {
  check_readable_file(path);
  if (fs::is_directory(path)) return read_keras_directory(path);
  if (ZipArchive::has_zip_signature(path)) return read_keras_archive(path);
  if (Hdf5File::has_hdf5_signature(path)) return read_legacy_h5_model(path);
  throw Error("the file is neither a Keras .keras archive (zip) nor an HDF5 model file (.h5)",
              path.string(), kSaveModelHint);
}

WeightsByLayer read_keras_weights_file(const fs::path& path, const std::string& model_config_json) {
  check_readable_file(path);
  if (!Hdf5File::has_hdf5_signature(path)) {
    throw Error("the weights file is not an HDF5 file", path.string(),
                "pass weights saved with model.save_weights(\"model.weights.h5\")");
  }
  const KerasLayerNode model = parse_model_structure(model_config_json, "the model's JSON");
  const Hdf5File file = Hdf5File::open(path);
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
      path.string(), "pass weights saved with model.save_weights(\"model.weights.h5\")");
}

}  // namespace hlsnn::frontend
