#include "frontend/hdf5_file.h"

#include <cstring>
#include <limits>

#include "frontend/hdf5_global_heap.h"
#include "input/input_file.h"
#include "input/input_limits.h"
#include "ir/error.h"

namespace hlsnn::frontend {
namespace {

const char kDamagedFileHint[] =
    "the file may be truncated or damaged (an interrupted copy or download?); save the model "
    "again from Keras";

// HDF5 prints its whole error stack to stderr by default; we report errors ourselves.
void silence_hdf5_error_printing() { H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr); }

// The innermost message of HDF5's error stack (e.g. "truncated file: eof = 13000, ..."), which
// is the one that says what is wrong; empty when the stack is empty.
std::string innermost_hdf5_error() {
  std::string message;
  H5Ewalk2(
      H5E_DEFAULT, H5E_WALK_UPWARD,
      [](unsigned position, const H5E_error2_t* error, void* client_data) -> herr_t {
        if (position == 0 && error->desc != nullptr) {
          *static_cast<std::string*>(client_data) = error->desc;
        }
        return 0;
      },
      &message);
  H5Eclear2(H5E_DEFAULT);
  return message;
}

std::string with_hdf5_reason(std::string problem) {
  const std::string reason = innermost_hdf5_error();
  if (!reason.empty()) problem += " (HDF5: " + reason + ")";
  return problem;
}

std::string join_path(const std::string& group_path, std::string_view child) {
  std::string path = group_path;
  if (path.empty() || path.back() != '/') path += '/';
  path += child;
  return path;
}

// The size of the file holding `object`: what a damaged header declares is checked against it.
uint64_t file_size_of(hid_t object) {
  Hdf5Handle file(H5Iget_file_id(object), H5Fclose);
  hsize_t size = 0;
  if (!file.valid() || H5Fget_filesize(file.get(), &size) < 0) return 0;
  return size;
}

// The bytes one string of `file_type` takes in the file: its size for a fixed-length string; for a
// variable-length one, a global heap reference (length, heap address, object index).
uint64_t stored_string_size(hid_t attribute, hid_t file_type) {
  if (H5Tis_variable_str(file_type) <= 0) return H5Tget_size(file_type);
  Hdf5Handle file(H5Iget_file_id(attribute), H5Fclose);
  Hdf5Handle creation(file.valid() ? H5Fget_create_plist(file.get()) : H5I_INVALID_HID, H5Pclose);
  size_t address_size = 8;
  size_t length_size = 8;
  if (creation.valid()) H5Pget_sizes(creation.get(), &address_size, &length_size);
  return 4 + address_size + 4;
}

// Reads every string of a string-typed attribute, whatever its length kind and padding. The count
// and sizes the attribute declares are checked against the file before HDF5 allocates for them.
std::vector<std::string> read_strings(hid_t attribute, hid_t file_type, hid_t space,
                                      const std::string& where) {
  const hssize_t count = H5Sget_simple_extent_npoints(space);
  if (count < 0) throw Error(with_hdf5_reason("cannot read the attribute's size"), where);
  if (static_cast<uint64_t>(count) > input::kMaxAttributeStrings) {
    throw Error("the attribute holds " + std::to_string(count) +
                    " strings, more than the limit of " +
                    std::to_string(input::kMaxAttributeStrings),
                where, kDamagedFileHint);
  }
  // HDF5 1.10 copies count x the string size out of the attribute's stored data without checking
  // that the data is that long: a damaged header makes H5A__read read past its heap buffer.
  uint64_t needed_bytes = stored_string_size(attribute, file_type);
  const hsize_t stored_bytes = H5Aget_storage_size(attribute);
  if (stored_bytes != 0 &&
      !input::multiply_within(needed_bytes, static_cast<uint64_t>(count), stored_bytes)) {
    throw Error("the attribute declares " + std::to_string(count) +
                    " strings, more than its stored data (" + std::to_string(stored_bytes) +
                    " bytes) holds",
                where, kDamagedFileHint);
  }
  const uint64_t file_size = file_size_of(attribute);
  Hdf5Handle memory_type(H5Tcopy(H5T_C_S1), H5Tclose);
  // HDF5 converts strings only between equal character sets, so the memory type copies it.
  H5Tset_cset(memory_type.get(), H5Tget_cset(file_type));
  std::vector<std::string> strings;
  strings.reserve(static_cast<size_t>(count));
  if (H5Tis_variable_str(file_type) > 0) {
    // Each string is a 16-byte reference into the file's global heap.
    if (static_cast<uint64_t>(count) > file_size / 16) {
      throw Error("the attribute declares " + std::to_string(count) +
                      " strings, more than the file can hold",
                  where, kDamagedFileHint);
    }
    H5Tset_size(memory_type.get(), H5T_VARIABLE);
    std::vector<char*> pointers(static_cast<size_t>(count), nullptr);
    const herr_t status = H5Aread(attribute, memory_type.get(), pointers.data());
    if (status >= 0) {
      for (const char* text : pointers) strings.emplace_back(text == nullptr ? "" : text);
    }
    // Also after a failed read: the strings converted before the failure are HDF5's to free.
    // HDF5 1.10 (Debian 12) declares H5Treclaim but only implements it from 1.12 on.
#if H5_VERSION_GE(1, 12, 0)
    H5Treclaim(memory_type.get(), space, H5P_DEFAULT, pointers.data());
#else
    H5Dvlen_reclaim(memory_type.get(), space, H5P_DEFAULT, pointers.data());
#endif
    if (status < 0) {
      throw Error(with_hdf5_reason("cannot read the string attribute"), where, kDamagedFileHint);
    }
    return strings;
  }
  const size_t item_size = H5Tget_size(file_type);
  uint64_t total_bytes = item_size;
  if (item_size == 0 ||
      !input::multiply_within(total_bytes, static_cast<uint64_t>(count), file_size)) {
    throw Error("the attribute declares more string data than the file holds", where,
                kDamagedFileHint);
  }
  H5Tset_size(memory_type.get(), item_size);
  H5Tset_strpad(memory_type.get(), H5T_STR_NULLPAD);
  std::vector<char> buffer(item_size * static_cast<size_t>(count));
  if (H5Aread(attribute, memory_type.get(), buffer.data()) < 0) {
    throw Error(with_hdf5_reason("cannot read the string attribute"), where, kDamagedFileHint);
  }
  for (hssize_t index = 0; index < count; ++index) {
    const char* item = buffer.data() + static_cast<size_t>(index) * item_size;
    strings.emplace_back(item, strnlen(item, item_size));  // NULLPAD: drop the trailing NULs
  }
  return strings;
}

// A scalar (or one-element) string attribute of any HDF5 object.
std::string read_scalar_string_attribute(hid_t object, const std::string& name,
                                         const std::string& attribute_where) {
  Hdf5Handle attribute(H5Aopen(object, name.c_str(), H5P_DEFAULT), H5Aclose);
  if (!attribute.valid()) throw Error("the attribute is missing", attribute_where);
  Hdf5Handle type(H5Aget_type(attribute.get()), H5Tclose);
  Hdf5Handle space(H5Aget_space(attribute.get()), H5Sclose);
  if (H5Tget_class(type.get()) != H5T_STRING) {
    throw Error("the attribute is not a string", attribute_where, kDamagedFileHint);
  }
  std::vector<std::string> strings =
      read_strings(attribute.get(), type.get(), space.get(), attribute_where);
  if (strings.size() != 1) {
    throw Error("expected one string, found " + std::to_string(strings.size()), attribute_where);
  }
  return strings.front();
}

const char* type_class_name(H5T_class_t type_class) {
  switch (type_class) {
    case H5T_INTEGER:
      return "integer";
    case H5T_FLOAT:
      return "floating-point";
    case H5T_STRING:
      return "string";
    case H5T_BITFIELD:
      return "bitfield";
    case H5T_OPAQUE:
      return "opaque";
    case H5T_COMPOUND:
      return "compound";
    case H5T_REFERENCE:
      return "reference";
    case H5T_ENUM:
      return "enum";
    case H5T_VLEN:
      return "variable-length";
    case H5T_ARRAY:
      return "array";
    default:
      return "unknown";
  }
}

// Bits of a bfloat16 are the upper half of a float32.
double bfloat16_to_double(uint16_t bits) {
  const uint32_t float_bits = uint32_t{bits} << 16;
  float value;
  std::memcpy(&value, &float_bits, sizeof value);
  return value;
}

}  // namespace

Hdf5Handle::Hdf5Handle(Hdf5Handle&& other) noexcept : id_(other.id_), closer_(other.closer_) {
  other.id_ = H5I_INVALID_HID;
}

Hdf5Handle& Hdf5Handle::operator=(Hdf5Handle&& other) noexcept {
  if (this != &other) {
    if (valid()) closer_(id_);
    id_ = other.id_;
    closer_ = other.closer_;
    other.id_ = H5I_INVALID_HID;
  }
  return *this;
}

Hdf5Handle::~Hdf5Handle() {
  if (valid()) closer_(id_);
}

Hdf5Group::Hdf5Group(Hdf5Handle handle, std::string file_label, std::string path)
    : handle_(std::move(handle)), file_label_(std::move(file_label)), path_(std::move(path)) {}

std::string Hdf5Group::where() const { return file_label_ + ", HDF5 object '" + path_ + "'"; }

std::string Hdf5Group::where(std::string_view child) const {
  return file_label_ + ", HDF5 object '" + join_path(path_, child) + "'";
}

bool Hdf5Group::has_attribute(const std::string& name) const {
  return H5Aexists(handle_.get(), name.c_str()) > 0;
}

std::string Hdf5Group::read_string_attribute(const std::string& name) const {
  return read_scalar_string_attribute(handle_.get(), name, where() + ", attribute '" + name + "'");
}

bool Hdf5Group::has_string_list_attribute(const std::string& name) const {
  return has_attribute(name) || has_attribute(name + "0");
}

std::vector<std::string> Hdf5Group::read_string_list_attribute(const std::string& name) const {
  std::vector<std::string> pieces_names;
  if (has_attribute(name)) {
    pieces_names.push_back(name);
  } else {
    for (int index = 0; has_attribute(name + std::to_string(index)); ++index) {
      pieces_names.push_back(name + std::to_string(index));
    }
  }
  if (pieces_names.empty()) {
    throw Error("the attribute '" + name + "' is missing", where(), kDamagedFileHint);
  }
  std::vector<std::string> strings;
  for (const std::string& piece_name : pieces_names) {
    const std::string attribute_where = where() + ", attribute '" + piece_name + "'";
    Hdf5Handle attribute(H5Aopen(handle_.get(), piece_name.c_str(), H5P_DEFAULT), H5Aclose);
    Hdf5Handle type(H5Aget_type(attribute.get()), H5Tclose);
    Hdf5Handle space(H5Aget_space(attribute.get()), H5Sclose);
    if (!attribute.valid() || !type.valid() || !space.valid()) {
      throw Error(with_hdf5_reason("cannot open the attribute"), attribute_where, kDamagedFileHint);
    }
    if (H5Tget_class(type.get()) != H5T_STRING) {
      // h5py stores an empty Python list as an empty float64 array.
      if (H5Sget_simple_extent_npoints(space.get()) == 0) continue;
      throw Error("expected a list of strings, found a non-string array", attribute_where,
                  kDamagedFileHint);
    }
    for (std::string& text :
         read_strings(attribute.get(), type.get(), space.get(), attribute_where)) {
      strings.push_back(std::move(text));
    }
  }
  return strings;
}

bool Hdf5Group::has_child(const std::string& relative_path) const {
  // H5Lexists fails rather than answering "no" when an intermediate group is missing, so the
  // path is checked one component at a time.
  size_t start = 0;
  while (true) {
    const size_t slash = relative_path.find('/', start);
    if (slash == start) return false;  // empty component
    const std::string prefix = relative_path.substr(0, slash);
    if (H5Lexists(handle_.get(), prefix.c_str(), H5P_DEFAULT) <= 0) return false;
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return H5Oexists_by_name(handle_.get(), relative_path.c_str(), H5P_DEFAULT) > 0;
}

bool Hdf5Group::has_child_group(const std::string& relative_path) const {
  if (!has_child(relative_path)) return false;
  // Asking the identifier's kind works the same in every HDF5 version, unlike H5Oget_info.
  Hdf5Handle object(H5Oopen(handle_.get(), relative_path.c_str(), H5P_DEFAULT), H5Oclose);
  return object.valid() && H5Iget_type(object.get()) == H5I_GROUP;
}

std::vector<std::string> Hdf5Group::child_names() const {
  std::vector<std::string> names;
  hsize_t position = 0;
  const herr_t status = H5Literate(
      handle_.get(), H5_INDEX_NAME, H5_ITER_INC, &position,
      [](hid_t, const char* name, const H5L_info_t*, void* client_data) -> herr_t {
        static_cast<std::vector<std::string>*>(client_data)->emplace_back(name);
        return 0;
      },
      &names);
  if (status < 0) {
    throw Error(with_hdf5_reason("cannot list the group's members"), where(), kDamagedFileHint);
  }
  return names;
}

Hdf5Group Hdf5Group::open_group(const std::string& relative_path) const {
  if (!has_child_group(relative_path)) {
    throw Error("the group is missing", where(relative_path));
  }
  Hdf5Handle group(H5Gopen2(handle_.get(), relative_path.c_str(), H5P_DEFAULT), H5Gclose);
  if (!group.valid()) {
    throw Error(with_hdf5_reason("cannot open the group"), where(relative_path), kDamagedFileHint);
  }
  return Hdf5Group(std::move(group), file_label_, join_path(path_, relative_path));
}

Hdf5Array Hdf5Group::read_dataset(const std::string& relative_path) const {
  const std::string dataset_where = where(relative_path);
  if (!has_child(relative_path)) throw Error("the dataset is missing", dataset_where);
  Hdf5Handle dataset(H5Dopen2(handle_.get(), relative_path.c_str(), H5P_DEFAULT), H5Dclose);
  if (!dataset.valid()) {
    throw Error(with_hdf5_reason("cannot open the dataset"), dataset_where, kDamagedFileHint);
  }
  Hdf5Handle type(H5Dget_type(dataset.get()), H5Tclose);
  Hdf5Handle space(H5Dget_space(dataset.get()), H5Sclose);
  // Keras 3 stores a bfloat16 variable as its raw 16-bit patterns (an h5py opaque type) and
  // marks the dataset with a `dtype` attribute.
  const bool is_bfloat16 =
      H5Aexists(dataset.get(), "dtype") > 0 &&
      read_scalar_string_attribute(dataset.get(), "dtype", dataset_where + ", attribute 'dtype'") ==
          "bfloat16";
  const H5T_class_t type_class = H5Tget_class(type.get());
  if (is_bfloat16 ? H5Tget_size(type.get()) != 2
                  : type_class != H5T_FLOAT && type_class != H5T_INTEGER) {
    throw Error(std::string("the weights have an unsupported dtype (") +
                    type_class_name(type_class) + ", " + std::to_string(H5Tget_size(type.get())) +
                    " bytes)",
                dataset_where,
                "weights must be integer, floating-point or bfloat16 arrays; save the model "
                "again from Keras");
  }
  const int rank = H5Sget_simple_extent_ndims(space.get());
  if (rank < 0) throw Error(with_hdf5_reason("cannot read the dataset's shape"), dataset_where);
  std::vector<hsize_t> dimensions(static_cast<size_t>(rank));
  H5Sget_simple_extent_dims(space.get(), dimensions.data(), nullptr);

  Hdf5Array array;
  uint64_t element_count = 1;
  for (hsize_t dimension : dimensions) {
    if (!input::multiply_within(element_count, dimension, input::kMaxWeightValues)) {
      throw Error("the dataset's shape holds more than the limit of " +
                      std::to_string(input::kMaxWeightValues) + " values for a weight array",
                  dataset_where, kDamagedFileHint);
    }
    array.shape.push_back(static_cast<int64_t>(dimension));
  }
  if (element_count == 0) return array;
  // Unfiltered data lies in the file as it is; filters (compression) expand it at most as much as
  // deflate can.
  Hdf5Handle creation(H5Dget_create_plist(dataset.get()), H5Pclose);
  const bool filtered = creation.valid() && H5Pget_nfilters(creation.get()) > 0;
  uint64_t stored_bytes = H5Tget_size(type.get());
  const uint64_t file_size = file_size_of(dataset.get());
  const uint64_t most_bytes = filtered ? file_size * input::kMaxDeflateRatio : file_size;
  if (!input::multiply_within(stored_bytes, element_count, most_bytes)) {
    throw Error("the dataset declares " + std::to_string(element_count) +
                    " values, more than the file of " + input::format_bytes(file_size) + " holds",
                dataset_where, kDamagedFileHint);
  }

  herr_t status;
  if (is_bfloat16) {
    // The file's own type reads the patterns unconverted (little-endian, like the writer).
    std::vector<uint16_t> bits(element_count);
    status = H5Dread(dataset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, bits.data());
    array.values.reserve(element_count);
    for (uint16_t pattern : bits) array.values.push_back(bfloat16_to_double(pattern));
  } else {
    array.values.resize(element_count);
    status = H5Dread(dataset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT,
                     array.values.data());
  }
  if (status < 0) {
    throw Error(with_hdf5_reason("cannot read the dataset's values"), dataset_where,
                kDamagedFileHint);
  }
  return array;
}

Hdf5File Hdf5File::open(const std::filesystem::path& path) {
  silence_hdf5_error_printing();
  check_global_heaps(input::read_input_file(path, UINT64_MAX, "HDF5 file"), path.string());
  Hdf5Handle file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  if (!file.valid()) {
    throw Error(with_hdf5_reason("cannot be opened as an HDF5 file"), path.string(),
                kDamagedFileHint);
  }
  return Hdf5File(std::move(file), path.string());
}

Hdf5File Hdf5File::open_image(const std::string& bytes, std::string label) {
  silence_hdf5_error_printing();
  if (bytes.empty()) throw Error("the embedded HDF5 file is empty", label, kDamagedFileHint);
  check_global_heaps(bytes, label);
  // The in-memory ("core") driver with the image copied in: no temporary file on disk.
  Hdf5Handle access(H5Pcreate(H5P_FILE_ACCESS), H5Pclose);
  if (H5Pset_fapl_core(access.get(), bytes.size(), /*backing_store=*/false) < 0 ||
      H5Pset_file_image(access.get(), const_cast<char*>(bytes.data()), bytes.size()) < 0) {
    throw Error(with_hdf5_reason("cannot prepare the in-memory HDF5 file"), label);
  }
  Hdf5Handle file(H5Fopen(label.c_str(), H5F_ACC_RDONLY, access.get()), H5Fclose);
  if (!file.valid()) {
    throw Error(with_hdf5_reason("cannot be opened as an HDF5 file"), label, kDamagedFileHint);
  }
  return Hdf5File(std::move(file), std::move(label));
}

bool Hdf5File::has_hdf5_signature(const std::filesystem::path& path) {
  silence_hdf5_error_printing();
  const bool is_hdf5 = H5Fis_hdf5(path.c_str()) > 0;
  H5Eclear2(H5E_DEFAULT);
  return is_hdf5;
}

Hdf5Group Hdf5File::root() const {
  Hdf5Handle group(H5Gopen2(handle_.get(), "/", H5P_DEFAULT), H5Gclose);
  if (!group.valid()) {
    throw Error(with_hdf5_reason("cannot open the root group"), label_, kDamagedFileHint);
  }
  return Hdf5Group(std::move(group), label_, "/");
}

}  // namespace hlsnn::frontend
