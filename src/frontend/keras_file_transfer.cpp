// The byte form of keras_file_readers.h: strings and arrays preceded by their lengths.

#include <cstring>

#include "frontend/keras_file_readers.h"
#include "ir/error.h"

namespace hlsnn::frontend {
namespace {

class Writer {
 public:
  void number(uint64_t value) {
    bytes_.append(reinterpret_cast<const char*>(&value), sizeof value);
  }
  void text(const std::string& value) {
    number(value.size());
    bytes_ += value;
  }
  template <typename T>
  void array(const std::vector<T>& values) {
    number(values.size());
    if (!values.empty()) {
      bytes_.append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(T));
    }
  }
  void weights(const WeightsByLayer& weights) {
    number(weights.size());
    for (const auto& [layer, arrays] : weights) {
      text(layer);
      number(arrays.size());
      for (const WeightArray& array : arrays) {
        text(array.name);
        this->array(array.shape);
        this->array(array.values);
      }
    }
  }
  std::string take() { return std::move(bytes_); }

 private:
  std::string bytes_;
};

class Reader {
 public:
  explicit Reader(const std::string& bytes) : bytes_(bytes) {}
  uint64_t number() {
    uint64_t value = 0;
    need(sizeof value);
    std::memcpy(&value, bytes_.data() + at_, sizeof value);
    at_ += sizeof value;
    return value;
  }
  std::string text() {
    const uint64_t size = number();
    need(size);
    std::string value = bytes_.substr(at_, size);
    at_ += size;
    return value;
  }
  template <typename T>
  std::vector<T> array() {
    const uint64_t count = number();
    if (count > (bytes_.size() - at_) / sizeof(T)) fail();
    std::vector<T> values(count);
    if (count > 0) std::memcpy(values.data(), bytes_.data() + at_, count * sizeof(T));
    at_ += count * sizeof(T);
    return values;
  }
  WeightsByLayer weights() {
    WeightsByLayer weights;
    for (uint64_t layers = number(); layers > 0; --layers) {
      std::vector<WeightArray>& arrays = weights[text()];
      for (uint64_t count = number(); count > 0; --count) {
        WeightArray array;
        array.name = text();
        array.shape = this->array<int64_t>();
        array.values = this->array<double>();
        arrays.push_back(std::move(array));
      }
    }
    return weights;
  }
  void finish() const {
    if (at_ != bytes_.size()) fail();
  }

 private:
  void need(uint64_t size) const {
    if (size > bytes_.size() - at_) fail();
  }
  [[noreturn]] static void fail() {
    throw Error("the reader process sent a malformed result", "",
                "please report this, with the file that caused it");
  }

  const std::string& bytes_;
  size_t at_ = 0;
};

}  // namespace

std::string encode_model_file(const KerasModelFile& model_file) {
  Writer writer;
  writer.number(static_cast<uint64_t>(model_file.keras_major_version));
  writer.text(model_file.model_config_json);
  writer.text(model_file.keras_version_string);
  writer.text(model_file.backend);
  writer.weights(model_file.weights_by_layer);
  return writer.take();
}

KerasModelFile decode_model_file(const std::string& bytes) {
  Reader reader(bytes);
  KerasModelFile model_file;
  model_file.keras_major_version = static_cast<int>(reader.number());
  model_file.model_config_json = reader.text();
  model_file.keras_version_string = reader.text();
  model_file.backend = reader.text();
  model_file.weights_by_layer = reader.weights();
  reader.finish();
  return model_file;
}

std::string encode_weights(const WeightsByLayer& weights) {
  Writer writer;
  writer.weights(weights);
  return writer.take();
}

WeightsByLayer decode_weights(const std::string& bytes) {
  Reader reader(bytes);
  WeightsByLayer weights = reader.weights();
  reader.finish();
  return weights;
}

}  // namespace hlsnn::frontend
