#include "cli/batch_inputs.h"

#include <algorithm>
#include <filesystem>

#include "cli/csv_io.h"
#include "cli/npy_io.h"
#include "cli/npz_io.h"
#include "ir/error.h"
#include "ir/tensor.h"

namespace hlsnn::cli {

namespace {

namespace fs = std::filesystem;

std::string input_names(const project::Manifest& manifest) {
  std::string names;
  for (const project::TensorInfo& input : manifest.inputs) {
    names += (names.empty() ? "" : ", ") + input.name;
  }
  return names;
}

/// The archive's arrays in the manifest's input order, matched by input name, else by numpy's
/// arr_<k> names, else (one input, one array) whatever the array is called.
std::vector<SampleTable> inputs_from_npz(const fs::path& path, const project::Manifest& manifest) {
  std::vector<NamedTable> arrays = read_npz(path);
  const auto find = [&](const std::string& name) {
    return std::find_if(arrays.begin(), arrays.end(),
                        [&](const NamedTable& array) { return array.first == name; });
  };
  std::vector<SampleTable> tables;
  for (size_t k = 0; k < manifest.inputs.size(); ++k) {
    auto found = find(manifest.inputs[k].name);
    if (found == arrays.end()) found = find("arr_" + std::to_string(k));
    if (found == arrays.end() && manifest.inputs.size() == 1 && arrays.size() == 1) {
      found = arrays.begin();
    }
    if (found == arrays.end()) {
      throw Error("no array for input '" + manifest.inputs[k].name + "'", path.string(),
                  "name the arrays after the model inputs (" + input_names(manifest) +
                      "): numpy.savez(path, **{name: array})");
    }
    tables.push_back(std::move(found->second));
  }
  return tables;
}

}  // namespace

void check_extension(const std::string& path, const std::vector<std::string>& extensions) {
  const std::string extension = fs::path(path).extension().string();
  if (std::find(extensions.begin(), extensions.end(), extension) != extensions.end()) return;
  std::string valid;
  for (const std::string& candidate : extensions) {
    valid += (valid.empty() ? "" : " or ") + candidate;
  }
  throw Error("unknown data file type '" + extension + "'", path, "use a " + valid + " file");
}

BatchInputs read_batch_inputs(const std::vector<std::string>& paths,
                              const project::Manifest& manifest) {
  for (const std::string& path : paths) check_extension(path, {".npy", ".npz", ".csv"});
  const bool one_archive = paths.size() == 1 && fs::path(paths[0]).extension() == ".npz";
  if (!one_archive && paths.size() != manifest.inputs.size()) {
    throw Error("the model has " + std::to_string(manifest.inputs.size()) + " input(s) (" +
                    input_names(manifest) + "), given were " + std::to_string(paths.size()),
                manifest.project_name,
                "give one -i per model input in order, or one .npz holding them all");
  }
  BatchInputs inputs;
  if (one_archive) {
    inputs.tables = inputs_from_npz(paths[0], manifest);
  } else {
    for (const std::string& path : paths) {
      const std::string extension = fs::path(path).extension().string();
      if (extension == ".npz") {
        throw Error("an .npz holds all inputs: give it alone", path,
                    "give one .npz, or one .npy or .csv per model input");
      }
      inputs.tables.push_back(extension == ".npy" ? read_npy(path) : read_csv(path));
    }
  }
  inputs.sample_count = -1;
  for (size_t k = 0; k < inputs.tables.size(); ++k) {
    const SampleTable& table = inputs.tables[k];
    const project::TensorInfo& expected = manifest.inputs[k];
    const std::string& file = paths[one_archive ? 0 : k];
    const int64_t rows = table.shape[0];
    const int64_t width = rows == 0 ? 0 : static_cast<int64_t>(table.values.size()) / rows;
    if (width != expected.element_count()) {
      throw Error("a sample holds " + std::to_string(width) + " values, input '" + expected.name +
                      "' takes " + hlsnn::ir::batch_shape_to_string(expected.shape) + ", " +
                      std::to_string(expected.element_count()) + " values per sample",
                  file);
    }
    if (inputs.sample_count >= 0 && rows != inputs.sample_count) {
      throw Error("holds " + std::to_string(rows) + " samples, the first input " +
                      std::to_string(inputs.sample_count),
                  file);
    }
    inputs.sample_count = rows;
    inputs.single_precision = inputs.single_precision && table.single_precision;
  }
  return inputs;
}

}  // namespace hlsnn::cli
