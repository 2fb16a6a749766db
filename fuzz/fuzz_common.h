#ifndef HLSNN_FUZZ_FUZZ_COMMON_H
#define HLSNN_FUZZ_FUZZ_COMMON_H

// What every fuzz target checks besides the sanitizers: a reader given any bytes either returns or
// throws an hlsnn::Error; any other exception, an error that only wraps a library's exception as
// unexpected, or an unprintable message is a finding (abort, so that libFuzzer keeps the input).

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>

#include "ir/error.h"

namespace hlsnn::fuzz {

inline std::string bytes_of(const uint8_t* data, size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

[[noreturn]] inline void finding(const char* kind, const std::string& text) {
  std::fprintf(stderr, "hlsnn fuzz finding (%s): %s\n", kind, text.c_str());
  std::abort();
}

/// Every byte of an Error's message is printable ASCII, UTF-8 or a line break of its problem.
inline void check_message(const Error& error) {
  const std::string_view message = error.what();
  for (char c : message) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && c != '\n') || byte == 0x7f) finding("unprintable message", error.what());
  }
  if (message.size() > 4 * kMaxErrorPartBytes) finding("overlong message", error.what());
  if (error.problem().rfind("hlsnn failed unexpectedly", 0) == 0) {
    finding("library exception", error.what());
  }
  // Our code allocating more than the input can justify (the fuzzers run with ASan returning
  // null for impossible sizes, so that the HDF5 library sees a failing malloc as in production).
  if (error.problem() == "out of memory" ||
      error.problem() == "a size taken from the input is too large") {
    finding("runaway allocation", error.what());
  }
}

/// Runs `read`; an hlsnn::Error is a fine outcome, anything else thrown is a finding.
template <typename Read>
void run_reader(Read&& read) {
  try {
    read();
  } catch (const Error& error) {
    check_message(error);
  } catch (const std::exception& other) {
    finding("exception other than hlsnn::Error", other.what());
  }
}

/// The part of `bytes` before the last `separator` and the part after it (all of it is the first
/// part when the separator is missing). Lets one input carry a model JSON and a binary part that
/// the mutator changes independently.
inline std::pair<std::string, std::string> split_at(const std::string& bytes,
                                                    std::string_view separator) {
  const size_t at = bytes.rfind(separator);
  if (at == std::string::npos) return {bytes, {}};
  return {bytes.substr(0, at), bytes.substr(at + separator.size())};
}

}  // namespace hlsnn::fuzz

#endif  // HLSNN_FUZZ_FUZZ_COMMON_H
