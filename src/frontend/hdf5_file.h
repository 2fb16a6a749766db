#ifndef HLSNN_FRONTEND_HDF5_FILE_H
#define HLSNN_FRONTEND_HDF5_FILE_H

// A small read-only RAII layer over the HDF5 C API, holding just what the Keras readers need:
// groups, string attributes in every encoding h5py writes, and numeric datasets read as double.
// Every failure becomes an hlsnn::Error naming the file and the HDF5 object; HDF5's own error
// stack printing is switched off so that a damaged file never dumps HDF5 internals on stderr.

#include <hdf5.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hlsnn::frontend {

/// Owns one HDF5 identifier and closes it with the function matching its kind (H5Fclose,
/// H5Gclose, ...). Move-only.
class Hdf5Handle {
 public:
  using Closer = herr_t (*)(hid_t);

  Hdf5Handle() = default;
  Hdf5Handle(hid_t id, Closer closer) : id_(id), closer_(closer) {}
  Hdf5Handle(Hdf5Handle&& other) noexcept;
  Hdf5Handle& operator=(Hdf5Handle&& other) noexcept;
  Hdf5Handle(const Hdf5Handle&) = delete;
  Hdf5Handle& operator=(const Hdf5Handle&) = delete;
  ~Hdf5Handle();

  hid_t get() const { return id_; }
  bool valid() const { return id_ >= 0; }

 private:
  hid_t id_ = H5I_INVALID_HID;
  Closer closer_ = nullptr;
};

/// A numeric dataset: its shape and its values in row-major (C) order, converted to double.
struct Hdf5Array {
  std::vector<int64_t> shape;
  std::vector<double> values;
};

/// An open HDF5 group (the file root included). Groups keep the file open on their own, so they
/// may outlive the Hdf5File they came from.
class Hdf5Group {
 public:
  Hdf5Group(Hdf5Handle handle, std::string file_label, std::string path);

  /// The group's path inside the file, e.g. "/model_weights/dense".
  const std::string& path() const { return path_; }
  /// "<file>, HDF5 object '<path>'": the `where` of errors about this group.
  std::string where() const;
  std::string where(std::string_view child) const;

  bool has_attribute(const std::string& name) const;
  /// A scalar (or one-element) string attribute, decoded as UTF-8.
  std::string read_string_attribute(const std::string& name) const;
  /// A list-of-strings attribute as Keras writes it: a 1-D or scalar string array, an empty
  /// non-string array meaning "no entries", or, when the list was too big for one attribute,
  /// pieces `<name>0`, `<name>1`, ... that are concatenated. Throws when none of these exists.
  std::vector<std::string> read_string_list_attribute(const std::string& name) const;
  bool has_string_list_attribute(const std::string& name) const;

  /// Whether `relative_path` (may contain '/') names an existing object below this group.
  bool has_child(const std::string& relative_path) const;
  bool has_child_group(const std::string& relative_path) const;
  /// The names of the direct children, in the file's name order.
  std::vector<std::string> child_names() const;
  Hdf5Group open_group(const std::string& relative_path) const;
  /// Reads an integer or floating-point dataset. `relative_path` may contain '/'.
  Hdf5Array read_dataset(const std::string& relative_path) const;

 private:
  Hdf5Handle handle_;
  std::string file_label_;
  std::string path_;
};

/// An HDF5 file opened read-only, from disk or from bytes in memory (a member of a zip archive).
class Hdf5File {
 public:
  /// `path` must be an existing HDF5 file; the caller checks that beforehand to give a
  /// format-specific message, this throws a generic one otherwise.
  static Hdf5File open(const std::filesystem::path& path);
  /// Opens an HDF5 file image held in memory; `label` names it in errors, e.g.
  /// "model.keras:model.weights.h5".
  static Hdf5File open_image(const std::string& bytes, std::string label);
  /// Whether the file at `path` carries the HDF5 signature (also after a user block).
  static bool has_hdf5_signature(const std::filesystem::path& path);

  Hdf5Group root() const;
  const std::string& label() const { return label_; }

 private:
  Hdf5File(Hdf5Handle handle, std::string label)
      : handle_(std::move(handle)), label_(std::move(label)) {}

  Hdf5Handle handle_;
  std::string label_;
};

}  // namespace hlsnn::frontend

#endif  // HLSNN_FRONTEND_HDF5_FILE_H
