#ifndef HLSNN_NNET_HELPERS_H_
#define HLSNN_NNET_HELPERS_H_

// Conversions between C arrays of host numbers (float, double) and arrays of the project's ap
// types, used by the emulation bridge at the boundary of the top function. Each element is
// converted by the destination type's own conversion (to ap: the type's rounding and overflow
// modes; from ap: the ap type's conversion operator), as hls4ml's bridge does.
//
// In a vendor C simulation (neither synthesis nor hlsnn's emulation, which has the weights built
// in), load_weights_from_txt fills a weight array from the text copy a project written with weight
// text files has: WEIGHTS_DIR/<file>, WEIGHTS_DIR being "weights" (where the build script's
// `add_files -tb firmware/weights` puts them) unless defined. The emulation leaves the file streams
// out: parsing them costs the compiler about 5 MiB of memory.

#include <cstddef>

#if !defined(__SYNTHESIS__) && !defined(HLSNN_EMULATION)
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#endif

#ifndef WEIGHTS_DIR
#define WEIGHTS_DIR "weights"
#endif

namespace nnet {

#if !defined(__SYNTHESIS__) && !defined(HLSNN_EMULATION)
// The file holds the values on one line, separated by commas; each is read as a double and
// converted by T's own conversion, as a constant initialiser of the same value would be.
template <class T, size_t kSize>
void load_weights_from_txt(T* weights, const char* file_name) {
  const std::string path = std::string(WEIGHTS_DIR) + "/" + file_name;
  std::ifstream file(path.c_str());
  if (!file) {
    std::cerr << "ERROR: cannot read the weight file " << path
              << " (define WEIGHTS_DIR as the folder holding it)" << std::endl;
    std::exit(1);
  }
  size_t count = 0;
  std::string token;
  while (std::getline(file, token, ',')) {
    std::istringstream text(token);
    double value = 0;
    if (!(text >> value)) break;
    if (count < kSize) weights[count] = T(value);
    ++count;
  }
  if (count != kSize) {
    std::cerr << "ERROR: " << path << " holds " << count << " values, expected " << kSize
              << std::endl;
    std::exit(1);
  }
}
#endif

template <class src_T, class dst_T, size_t kSize>
void convert_data(const src_T* src, dst_T* dst) {
  for (size_t i = 0; i < kSize; i++) {
    dst[i] = static_cast<dst_T>(src[i]);
  }
}

}  // namespace nnet

#endif  // HLSNN_NNET_HELPERS_H_
