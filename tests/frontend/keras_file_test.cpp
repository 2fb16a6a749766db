// read_keras_file / read_keras_weights_file on files built here, byte by byte or with the HDF5
// and libzip writers: every damaged or wrong input must give an hlsnn::Error that names the file
// and says what is wrong, and the string and layout variants of real writers must read right.
#include "frontend/keras_file.h"

#include <gtest/gtest.h>

#include <string>

#include "../ir/error_matchers.h"
#include "ir/error.h"
#include "test_files.h"

namespace hlsnn::frontend {
namespace {

using ir::testing::Contains;
using ir::testing::error_from;
using testing::Hdf5Writer;
using testing::read_bytes;
using testing::read_error;
using testing::StringStorage;
using testing::TemporaryDirectory;
using testing::write_bytes;
using testing::write_zip;

// Input -> Dense "first" -> Dense "second", in the legacy form of an .h5 `model_config`.
const char kTwoDenseModel[] = R"({"class_name": "Sequential", "config": {"name": "two", "layers": [
  {"class_name": "InputLayer", "config": {"name": "in", "batch_input_shape": [null, 2]}},
  {"class_name": "Dense", "config": {"name": "first", "units": 2}},
  {"class_name": "Dense", "config": {"name": "second", "units": 1, "use_bias": false}}]}})";

const char kMetadata[] = R"({"keras_version": "3.15.1", "date_saved": "2026-01-01@00:00:00"})";

// A legacy full-model file of kTwoDenseModel with the given weight names of layer "first".
void write_legacy_model(const std::filesystem::path& path) {
  Hdf5Writer(path)
      .string_attribute("/", "keras_version", "2.14.0")
      .string_attribute("/", "backend", "tensorflow")
      .string_attribute("/", "model_config", kTwoDenseModel)
      .group("/model_weights")
      .string_list_attribute("/model_weights", "layer_names", {"first", "second"})
      .group("/model_weights/first")
      .string_list_attribute("/model_weights/first", "weight_names",
                             {"first/kernel:0", "first/bias:0"})
      .float_dataset("/model_weights/first/first/kernel:0", {2, 2}, {1, 2, 3, 4})
      .float_dataset("/model_weights/first/first/bias:0", {2}, {5, 6})
      .group("/model_weights/second")
      .string_list_attribute("/model_weights/second", "weight_names", {"second/kernel:0"})
      .float_dataset("/model_weights/second/second/kernel:0", {2, 1}, {7, 8});
}

// The model.weights.h5 member of a .keras archive of kTwoDenseModel.
std::string v3_weights_image(const TemporaryDirectory& directory,
                             const std::string& recorded_second_name = "second") {
  const auto path = directory / "model.weights.h5";
  Hdf5Writer(path)
      .group("/vars")
      .float_dataset("/layers/dense/vars/0", {2, 2}, {1, 2, 3, 4})
      .float_dataset("/layers/dense/vars/1", {2}, {5, 6})
      .float_dataset("/layers/dense_1/vars/0", {2, 1}, {7, 8})
      .string_attribute("/layers/dense_1/vars", "name", recorded_second_name);
  return read_bytes(path);
}

TEST(ReadKerasFile, MissingFileIsReported) {
  TemporaryDirectory directory;
  const auto path = directory / "absent.h5";
  const Error error = read_error(path);
  EXPECT_TRUE(Contains(error.what(), path.string()));
  EXPECT_TRUE(Contains(error.problem(), "does not exist"));
}

TEST(ReadKerasFile, EmptyFileIsReported) {
  TemporaryDirectory directory;
  const auto path = directory / "empty.h5";
  write_bytes(path, "");
  const Error error = read_error(path);
  EXPECT_TRUE(Contains(error.where(), path.string()));
  EXPECT_TRUE(Contains(error.problem(), "empty"));
}

TEST(ReadKerasFile, GarbageBytesAreNeitherZipNorHdf5) {
  TemporaryDirectory directory;
  const auto path = directory / "model.keras";
  write_bytes(path, std::string(2000, '\x42'));
  const Error error = read_error(path);
  EXPECT_TRUE(Contains(error.where(), path.string()));
  EXPECT_TRUE(Contains(error.problem(), "neither a Keras .keras archive (zip) nor an HDF5"));
  EXPECT_TRUE(Contains(error.hint(), "model.save("));
}

TEST(ReadKerasFile, ArchiveWithoutConfigIsReported) {
  TemporaryDirectory directory;
  const auto path = directory / "model.keras";
  write_zip(path,
            {{"metadata.json", kMetadata}, {"model.weights.h5", v3_weights_image(directory)}});
  const Error error = read_error(path);
  EXPECT_TRUE(Contains(error.where(), path.string()));
  EXPECT_TRUE(Contains(error.problem(), "no config.json"));
}

TEST(ReadKerasFile, ArchiveWithoutWeightsIsReported) {
  TemporaryDirectory directory;
  const auto path = directory / "model.keras";
  write_zip(path, {{"metadata.json", kMetadata}, {"config.json", kTwoDenseModel}});
  const Error error = read_error(path);
  EXPECT_TRUE(Contains(error.problem(), "no model.weights.h5"));
}

TEST(ReadKerasFile, ArchiveWithNonHdf5WeightsNamesTheMember) {
  TemporaryDirectory directory;
  const auto path = directory / "model.keras";
  write_zip(path, {{"config.json", kTwoDenseModel}, {"model.weights.h5", "not hdf5 at all"}});
  const Error error = read_error(path);
  EXPECT_TRUE(Contains(error.where(), path.string() + ":model.weights.h5"));
  EXPECT_TRUE(Contains(error.problem(), "cannot be opened as an HDF5 file"));
}

TEST(ReadKerasFile, TruncatedArchiveIsReported) {
  TemporaryDirectory directory;
  const auto path = directory / "model.keras";
  write_zip(path,
            {{"config.json", kTwoDenseModel}, {"model.weights.h5", v3_weights_image(directory)}});
  const std::string whole = read_bytes(path);
  write_bytes(path, whole.substr(0, whole.size() / 2));
  const Error error = read_error(path);
  EXPECT_TRUE(Contains(error.where(), path.string()));
  EXPECT_TRUE(Contains(error.hint(), "truncated or damaged"));
}

TEST(ReadKerasFile, ArchiveWithInvalidJsonConfigIsReported) {
  TemporaryDirectory directory;
  const auto path = directory / "model.keras";
  write_zip(path, {{"config.json", "{\"class_name\": "},
                   {"model.weights.h5", v3_weights_image(directory)}});
  const Error error = read_error(path);
  EXPECT_TRUE(Contains(error.where(), path.string() + ":config.json"));
  EXPECT_TRUE(Contains(error.problem(), "not valid JSON"));
}

TEST(ReadKerasFile, ArchiveReplaysKerasNamingOfRepeatedClasses) {
  TemporaryDirectory directory;
  const auto path = directory / "model.keras";
  write_zip(path, {{"metadata.json", kMetadata},
                   {"config.json", kTwoDenseModel},
                   {"model.weights.h5", v3_weights_image(directory)}});
  const KerasModelFile model = read_keras_file(path);
  EXPECT_EQ(model.keras_major_version, 3);
  EXPECT_EQ(model.keras_version_string, "3.15.1");
  EXPECT_EQ(model.model_config_json, kTwoDenseModel);
  ASSERT_EQ(model.weights_by_layer.size(), 2u);  // the Sequential's InputLayer is not a layer
  const auto& first = model.weights_by_layer.at("first");
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first[0].name, "first/0");
  EXPECT_EQ(first[0].shape, (std::vector<int64_t>{2, 2}));
  EXPECT_EQ(first[0].values, (std::vector<double>{1, 2, 3, 4}));
  EXPECT_EQ(first[1].values, (std::vector<double>{5, 6}));
  const auto& second = model.weights_by_layer.at("second");
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0].name, "second/0");
  EXPECT_EQ(second[0].values, (std::vector<double>{7, 8}));
}

TEST(ReadKerasFile, ArchiveWhoseWeightsBelongToAnotherLayerIsReported) {
  TemporaryDirectory directory;
  const auto path = directory / "model.keras";
  write_zip(path, {{"config.json", kTwoDenseModel},
                   {"model.weights.h5", v3_weights_image(directory, "someone_else")}});
  const Error error = read_error(path);
  EXPECT_TRUE(Contains(error.where(), "/layers/dense_1"));
  EXPECT_TRUE(Contains(error.problem(), "layer 'someone_else'"));
  EXPECT_TRUE(Contains(error.problem(), "layer 'second'"));
}

TEST(ReadKerasFile, Hdf5WithoutModelConfigIsNotAModel) {
  TemporaryDirectory directory;
  const auto path = directory / "data.h5";
  Hdf5Writer(path).float_dataset("/x", {1}, {1});
  const Error error = read_error(path);
  EXPECT_TRUE(Contains(error.where(), path.string()));
  EXPECT_TRUE(Contains(error.problem(), "no 'model_config'"));
}

TEST(ReadKerasFile, WeightsOnlyFileHandedAsModelIsReported) {
  TemporaryDirectory directory;
  const auto path = directory / "weights.h5";
  Hdf5Writer(path).string_list_attribute("/", "layer_names", {"first"});
  const Error error = read_error(path);
  EXPECT_TRUE(Contains(error.problem(), "holds only weights"));
  EXPECT_TRUE(Contains(error.hint(), "model.to_json()"));
}

TEST(ReadKerasFile, TruncatedHdf5IsReported) {
  TemporaryDirectory directory;
  const auto path = directory / "model.h5";
  write_legacy_model(path);
  const std::string whole = read_bytes(path);
  write_bytes(path, whole.substr(0, whole.size() / 2));
  const Error error = read_error(path);
  EXPECT_TRUE(Contains(error.where(), path.string()));
  EXPECT_TRUE(Contains(error.hint(), "truncated or damaged"));
}

TEST(ReadKerasFile, LegacyModelReadsInWeightNamesOrder) {
  TemporaryDirectory directory;
  const auto path = directory / "model.h5";
  write_legacy_model(path);
  const KerasModelFile model = read_keras_file(path);
  EXPECT_EQ(model.keras_major_version, 2);
  EXPECT_EQ(model.backend, "tensorflow");
  const auto& first = model.weights_by_layer.at("first");
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first[0].name, "first/kernel:0");
  EXPECT_EQ(first[0].values, (std::vector<double>{1, 2, 3, 4}));
  EXPECT_EQ(first[1].name, "first/bias:0");
  EXPECT_EQ(model.weights_by_layer.at("second").at(0).values, (std::vector<double>{7, 8}));
}

// h5py 2 and numpy `S` arrays give fixed-length strings; long lists are split into
// `weight_names0`, `weight_names1`, ...; a layer without weights has an empty float array.
TEST(ReadKerasFile, LegacyStringVariantsAndSplitListsRead) {
  TemporaryDirectory directory;
  const auto path = directory / "model.h5";
  Hdf5Writer(path)
      .string_list_attribute("/", "keras_version", {"2.2.4"}, StringStorage::kFixedLength, true)
      .string_list_attribute("/", "model_config", {kTwoDenseModel}, StringStorage::kFixedLength,
                             true)
      .group("/model_weights")
      .string_list_attribute("/model_weights", "layer_names", {"first", "second"},
                             StringStorage::kFixedLength)
      .group("/model_weights/first")
      .string_list_attribute("/model_weights/first", "weight_names0", {"first/kernel:0"},
                             StringStorage::kFixedLength)
      .string_list_attribute("/model_weights/first", "weight_names1", {"first/bias:0"},
                             StringStorage::kFixedLength)
      .float_dataset("/model_weights/first/first/kernel:0", {2, 2}, {1, 2, 3, 4})
      .float_dataset("/model_weights/first/first/bias:0", {2}, {5, 6})
      .group("/model_weights/second")
      .empty_list_attribute("/model_weights/second", "weight_names");
  const KerasModelFile model = read_keras_file(path);
  EXPECT_EQ(model.keras_version_string, "2.2.4");
  EXPECT_EQ(model.model_config_json, kTwoDenseModel);
  const auto& first = model.weights_by_layer.at("first");
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first[1].name, "first/bias:0");
  EXPECT_EQ(first[1].values, (std::vector<double>{5, 6}));
  EXPECT_TRUE(model.weights_by_layer.at("second").empty());
}

TEST(ReadKerasFile, LayerOfTheConfigWithoutWeightsGroupIsReported) {
  TemporaryDirectory directory;
  const auto path = directory / "model.h5";
  Hdf5Writer(path)
      .string_attribute("/", "keras_version", "2.14.0")
      .string_attribute("/", "model_config", kTwoDenseModel)
      .group("/model_weights")
      .string_list_attribute("/model_weights", "layer_names", {"first"})
      .group("/model_weights/first")
      .empty_list_attribute("/model_weights/first", "weight_names");
  const Error error = read_error(path);
  EXPECT_TRUE(Contains(error.where(), path.string()));
  EXPECT_TRUE(Contains(error.problem(), "layer 'second' (Dense)"));
  EXPECT_TRUE(Contains(error.problem(), "no weights group"));
}

TEST(ReadKerasFile, NonNumericWeightsAreReported) {
  TemporaryDirectory directory;
  const auto path = directory / "model.h5";
  Hdf5Writer(path)
      .string_attribute("/", "keras_version", "2.14.0")
      .string_attribute("/", "model_config", kTwoDenseModel)
      .group("/model_weights")
      .string_list_attribute("/model_weights", "layer_names", {"first", "second"})
      .group("/model_weights/first")
      .string_list_attribute("/model_weights/first", "weight_names", {"first/kernel:0"})
      .string_dataset("/model_weights/first/first/kernel:0")
      .group("/model_weights/second");
  const Error error = read_error(path);
  EXPECT_TRUE(Contains(error.where(), "/model_weights/first/first/kernel:0"));
  EXPECT_TRUE(Contains(error.problem(), "unsupported dtype (string"));
}

TEST(ReadKerasFile, Keras1FileIsRefused) {
  TemporaryDirectory directory;
  const auto path = directory / "model.h5";
  Hdf5Writer(path)
      .string_attribute("/", "keras_version", "1.2.2")
      .string_attribute("/", "model_config", kTwoDenseModel);
  const Error error = read_error(path);
  EXPECT_TRUE(Contains(error.problem(), "Keras '1.2.2', which is not supported"));
}

TEST(ReadKerasWeightsFile, LegacyWeightsFileReadsWithItsModelJson) {
  TemporaryDirectory directory;
  const auto path = directory / "weights.h5";
  Hdf5Writer(path)
      .string_list_attribute("/", "layer_names", {"first", "second"})
      .group("/first")
      .string_list_attribute("/first", "weight_names", {"first/kernel:0"})
      .float_dataset("/first/first/kernel:0", {1, 2}, {9, 10})
      .group("/second");
  const WeightsByLayer weights = read_keras_weights_file(path, kTwoDenseModel);
  EXPECT_EQ(weights.at("first").at(0).values, (std::vector<double>{9, 10}));
  EXPECT_TRUE(weights.at("second").empty());
}

TEST(ReadKerasWeightsFile, WeightsFileOfAnotherModelIsReported) {
  TemporaryDirectory directory;
  const auto path = directory / "model.weights.h5";
  Hdf5Writer(path).float_dataset("/layers/conv2d/vars/0", {1}, {1});
  const Error error = error_from([&] { read_keras_weights_file(path, kTwoDenseModel); });
  EXPECT_TRUE(Contains(error.where(), path.string()));
  EXPECT_TRUE(Contains(error.problem(), "layer 'first' (Dense)"));
  EXPECT_TRUE(Contains(error.problem(), "no weights group 'dense'"));
}

}  // namespace
}  // namespace hlsnn::frontend
