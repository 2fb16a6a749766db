#ifndef HLSNN_NNET_HELPERS_H_
#define HLSNN_NNET_HELPERS_H_

// Conversions between C arrays of host numbers (float, double) and arrays of the project's ap
// types, used by the emulation bridge at the boundary of the top function. Each element is
// converted by the destination type's own conversion (to ap: the type's rounding and overflow
// modes; from ap: the ap type's conversion operator), as hls4ml's bridge does.

#include <cstddef>

namespace nnet {

template <class src_T, class dst_T, size_t kSize>
void convert_data(const src_T* src, dst_T* dst) {
  for (size_t i = 0; i < kSize; i++) {
    dst[i] = static_cast<dst_T>(src[i]);
  }
}

}  // namespace nnet

#endif  // HLSNN_NNET_HELPERS_H_
