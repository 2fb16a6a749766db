#ifndef HLSNN_TESTS_FRONTEND_TEST_FILES_H
#define HLSNN_TESTS_FRONTEND_TEST_FILES_H

// Writers of small HDF5 files and zip archives for the reader tests, so that the tests need no
// Keras: each test builds exactly the file layout (or damage) it is about.

#include <gtest/gtest.h>
#include <hdf5.h>
#include <zip.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "../ir/error_matchers.h"
#include "frontend/keras_file.h"
#include "ir/error.h"

namespace hlsnn::frontend::testing {

/// A fresh directory per test, removed afterwards.
class TemporaryDirectory {
 public:
  TemporaryDirectory() {
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = std::filesystem::temp_directory_path() /
            ("hlsnn_frontend_" + std::string(test->test_suite_name()) + "_" + test->name());
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TemporaryDirectory() { std::filesystem::remove_all(path_); }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

inline void write_bytes(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

inline std::string read_bytes(const std::filesystem::path& path) {
  std::ifstream stream(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>());
}

/// How a list of strings is stored: h5py 3 writes variable-length strings, h5py 2 and numpy `S`
/// arrays fixed-length NUL-padded ones.
enum class StringStorage { kVariableLength, kFixedLength };

/// A writable HDF5 file; every method returns *this so a layout reads as one expression.
class Hdf5Writer {
 public:
  explicit Hdf5Writer(const std::filesystem::path& path)
      : file_(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT)) {}
  ~Hdf5Writer() { H5Fclose(file_); }

  Hdf5Writer& group(const std::string& path) {
    H5Gclose(H5Gcreate2(file_, path.c_str(), link_creation(), H5P_DEFAULT, H5P_DEFAULT));
    return *this;
  }

  Hdf5Writer& string_attribute(const std::string& object, const std::string& name,
                               const std::string& value) {
    return string_list_attribute(object, name, {value}, StringStorage::kVariableLength, true);
  }

  Hdf5Writer& string_list_attribute(const std::string& object, const std::string& name,
                                    const std::vector<std::string>& values,
                                    StringStorage storage = StringStorage::kVariableLength,
                                    bool scalar = false) {
    const hid_t type = H5Tcopy(H5T_C_S1);
    std::vector<const char*> pointers;
    std::string fixed;
    const void* data;
    if (storage == StringStorage::kVariableLength) {
      H5Tset_size(type, H5T_VARIABLE);
      for (const std::string& value : values) pointers.push_back(value.c_str());
      data = pointers.data();
    } else {
      size_t longest = 1;
      for (const std::string& value : values) longest = std::max(longest, value.size());
      H5Tset_size(type, longest);
      H5Tset_strpad(type, H5T_STR_NULLPAD);
      for (const std::string& value : values)
        fixed += value + std::string(longest - value.size(), '\0');
      data = fixed.data();
    }
    const hsize_t count = values.size();
    const hid_t space = scalar ? H5Screate(H5S_SCALAR) : H5Screate_simple(1, &count, nullptr);
    const hid_t attribute = H5Acreate_by_name(file_, object.c_str(), name.c_str(), type, space,
                                              H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    H5Awrite(attribute, type, data);
    H5Aclose(attribute);
    H5Sclose(space);
    H5Tclose(type);
    return *this;
  }

  /// What h5py writes for an empty Python list: a float64 array of shape (0,).
  Hdf5Writer& empty_list_attribute(const std::string& object, const std::string& name) {
    const hsize_t zero = 0;
    const hid_t space = H5Screate_simple(1, &zero, nullptr);
    const hid_t attribute = H5Acreate_by_name(file_, object.c_str(), name.c_str(), H5T_IEEE_F64LE,
                                              space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    H5Aclose(attribute);
    H5Sclose(space);
    return *this;
  }

  Hdf5Writer& float_dataset(const std::string& path, const std::vector<hsize_t>& shape,
                            const std::vector<float>& values) {
    const hid_t space = H5Screate_simple(static_cast<int>(shape.size()), shape.data(), nullptr);
    const hid_t dataset = H5Dcreate2(file_, path.c_str(), H5T_IEEE_F32LE, space, link_creation(),
                                     H5P_DEFAULT, H5P_DEFAULT);
    H5Dwrite(dataset, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data());
    H5Dclose(dataset);
    H5Sclose(space);
    return *this;
  }

  /// A float32 dataset of `shape` whose values were never written: HDF5 allocates no storage for
  /// it, so the file stays small whatever the shape declares.
  Hdf5Writer& unwritten_dataset(const std::string& path, const std::vector<hsize_t>& shape) {
    const hid_t space = H5Screate_simple(static_cast<int>(shape.size()), shape.data(), nullptr);
    H5Dclose(H5Dcreate2(file_, path.c_str(), H5T_IEEE_F32LE, space, link_creation(), H5P_DEFAULT,
                        H5P_DEFAULT));
    H5Sclose(space);
    return *this;
  }

  Hdf5Writer& string_dataset(const std::string& path) {
    const hid_t type = H5Tcopy(H5T_C_S1);
    H5Tset_size(type, 4);
    const hsize_t count = 2;
    const hid_t space = H5Screate_simple(1, &count, nullptr);
    const hid_t dataset =
        H5Dcreate2(file_, path.c_str(), type, space, link_creation(), H5P_DEFAULT, H5P_DEFAULT);
    H5Dwrite(dataset, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, "abcdefgh");
    H5Dclose(dataset);
    H5Sclose(space);
    H5Tclose(type);
    return *this;
  }

 private:
  // Intermediate groups are created on the way, as h5py does for names with '/'.
  static hid_t link_creation() {
    static const hid_t list = [] {
      const hid_t created = H5Pcreate(H5P_LINK_CREATE);
      H5Pset_create_intermediate_group(created, 1);
      return created;
    }();
    return list;
  }

  hid_t file_;
};

/// Writes a zip archive of (member name, bytes) pairs, stored uncompressed as Keras does (deflated
/// as numpy.savez_compressed does with `deflate`).
inline void write_zip(const std::filesystem::path& path,
                      const std::vector<std::pair<std::string, std::string>>& members,
                      bool deflate = false) {
  int error = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  ASSERT_NE(archive, nullptr);
  for (const auto& [name, bytes] : members) {
    zip_source_t* source = zip_source_buffer(archive, bytes.data(), bytes.size(), 0);
    const zip_int64_t index = zip_file_add(archive, name.c_str(), source, ZIP_FL_OVERWRITE);
    ASSERT_GE(index, 0);
    zip_set_file_compression(archive, static_cast<zip_uint64_t>(index),
                             deflate ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 0);
  }
  ASSERT_EQ(zip_close(archive), 0);  // zip_close reads the buffers: they outlive it here
}

/// Makes the zip archive at `path` declare `declared` uncompressed bytes for member `name`, in its
/// local header and in the central directory alike (so that the archive stays consistent), as a
/// damaged or hostile archive would.
inline void declare_member_size(const std::filesystem::path& path, const std::string& name,
                                uint32_t declared) {
  std::string bytes = read_bytes(path);
  const auto patch = [&bytes, declared](size_t at) {
    for (int byte = 0; byte < 4; ++byte)
      bytes[at + byte] = static_cast<char>(declared >> (8 * byte));
  };
  const auto little = [&bytes](size_t at, int size) {
    uint32_t value = 0;
    for (int byte = 0; byte < size; ++byte) {
      value |= uint32_t{static_cast<unsigned char>(bytes[at + byte])} << (8 * byte);
    }
    return value;
  };
  // Local header "PK\3\4": name length at 26, name at 30, uncompressed size at 22.
  // Central header "PK\1\2": name length at 28, name at 46, uncompressed size at 24.
  for (const auto& [signature, name_length_at, name_at, size_at] :
       {std::tuple<std::string, int, int, int>{std::string("PK\3\4", 4), 26, 30, 22},
        {std::string("PK\1\2", 4), 28, 46, 24}}) {
    for (size_t at = bytes.find(signature); at != std::string::npos;
         at = bytes.find(signature, at + 1)) {
      if (bytes.compare(at + name_at, name.size(), name) == 0 &&
          little(at + name_length_at, 2) == name.size()) {
        patch(at + size_at);
      }
    }
  }
  write_bytes(path, bytes);
}

/// The hlsnn::Error read_keras_file throws for the file at `path` (a test failure when it throws
/// none), for the tests of damaged and wrong files.
inline Error read_error(const std::filesystem::path& path) {
  return ir::testing::error_from([&] { read_keras_file(path); });
}

}  // namespace hlsnn::frontend::testing

#endif  // HLSNN_TESTS_FRONTEND_TEST_FILES_H
