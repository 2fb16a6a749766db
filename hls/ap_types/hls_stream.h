// hls::stream for C simulation: an unbounded FIFO with the vendor's read/write API.
//
// Differences from the vendor's simulation model, chosen on purpose:
// - Reading an empty stream throws hls::stream_read_empty (naming the stream) instead of returning
//   indeterminate bits (Vivado) or aborting the process (Vitis): the emulation runtime catches it
//   and reports which stream ran dry, and a testbench without a handler still terminates.
// - Each stream records the largest number of elements it ever held (max_occupancy()), which is
//   what FIFO depths of streaming designs are sized from.
// - read_nb on an empty stream leaves its argument unchanged (the Vitis behaviour).
// - A thread may install a stream_observer (hlsnn's extension, not the vendor's API): streams
//   constructed on that thread while it is installed report every read and write to it. hlsnn
//   records the order of a sample's stream operations this way to model the dataflow schedule
//   (FIFO sizing). Streams capture the observer when constructed, so the check costs a pointer
//   test per operation and no thread-local lookup.
#ifndef HLSNN_HLS_STREAM_H
#define HLSNN_HLS_STREAM_H

#ifdef __SYNTHESIS__
#error "hlsnn's hls_stream.h is for C simulation only; synthesis uses the vendor's headers"
#endif

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace hls {

/// Receives the reads and writes of the streams that captured it (see set_stream_observer).
class stream_observer {
 public:
  virtual void on_write(const std::string& stream_name) = 0;
  virtual void on_read(const std::string& stream_name) = 0;

 protected:
  ~stream_observer() = default;
};

namespace detail {
// Hidden: a library compiled from these headers keeps its own observer slot, never one shared
// with another library loaded in the same process.
__attribute__((visibility("hidden"))) inline stream_observer*& thread_stream_observer() {
  static thread_local stream_observer* observer = nullptr;
  return observer;
}
}  // namespace detail

/// Installs `observer` for streams constructed from now on by this thread (nullptr: none) and
/// returns the one installed before.
inline stream_observer* set_stream_observer(stream_observer* observer) {
  stream_observer* previous = detail::thread_stream_observer();
  detail::thread_stream_observer() = observer;
  return previous;
}

/// Thrown when a stream is read while it holds no element; what() names the stream.
class stream_read_empty : public std::runtime_error {
 public:
  explicit stream_read_empty(const std::string& stream_name)
      : std::runtime_error("hls::stream '" + stream_name +
                           "' is read while empty: the producer wrote fewer elements than the "
                           "consumer reads (in hardware this deadlocks)") {}
};

/// An unbounded FIFO. DEPTH (Vitis spelling, `hls::stream<T, DEPTH>`) is accepted and ignored in
/// simulation: the FIFO never fills.
template <typename T, int DEPTH = 0>
class stream;

template <typename T>
class stream<T, 0> {
 public:
  using value_type = T;

  stream() : name_("hls::stream"), observer_(detail::thread_stream_observer()) {}
  explicit stream(const char* name) : name_(name), observer_(detail::thread_stream_observer()) {}
  explicit stream(const std::string& name)
      : name_(name), observer_(detail::thread_stream_observer()) {}

  // Streams are channels between hardware blocks: they are passed by reference, never copied.
  stream(const stream&) = delete;
  stream& operator=(const stream&) = delete;

  bool empty() const { return head_ == buffer_.size(); }
  bool full() const { return false; }
  std::size_t size() const { return buffer_.size() - head_; }
  std::size_t capacity() const { return SIZE_MAX; }
  /// The largest number of elements this stream has held at once.
  std::size_t max_occupancy() const { return max_occupancy_; }
  const std::string& name() const { return name_; }

  void write(const T& value) {
    buffer_.push_back(value);
    if (size() > max_occupancy_) max_occupancy_ = size();
    if (observer_ != nullptr) observer_->on_write(name_);
  }
  void operator<<(const T& value) { write(value); }
  bool write_nb(const T& value) {
    write(value);
    return true;
  }

  T read() {
    if (empty()) throw stream_read_empty(name_);
    T value = buffer_[head_++];
    if (head_ == buffer_.size()) {
      buffer_.clear();  // keeps the capacity for the next words
      head_ = 0;
    } else if (head_ >= 64 && head_ * 2 >= buffer_.size()) {
      buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(head_));
      head_ = 0;
    }
    if (observer_ != nullptr) observer_->on_read(name_);
    return value;
  }
  void read(T& value) { value = read(); }
  void operator>>(T& value) { value = read(); }
  bool read_nb(T& value) {
    if (empty()) return false;
    value = read();
    return true;
  }

 private:
  std::string name_;
  // The words written and not yet read are buffer_[head_...]: a read advances head_, and the
  // storage is reused once the stream is empty (which happens after every sample).
  std::vector<T> buffer_;
  std::size_t head_ = 0;
  std::size_t max_occupancy_ = 0;
  stream_observer* observer_;
};

template <typename T, int DEPTH>
class stream : public stream<T, 0> {
  static_assert(DEPTH > 0, "hls::stream<T, DEPTH> needs DEPTH >= 1");

 public:
  stream() = default;
  explicit stream(const char* name) : stream<T, 0>(name) {}
  explicit stream(const std::string& name) : stream<T, 0>(name) {}
};

}  // namespace hls

#endif  // HLSNN_HLS_STREAM_H
