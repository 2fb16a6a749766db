// hlsnn emulation of the vendor ap_fixed.h: ap_fixed<W,I,Q,O,N> and ap_ufixed<W,I,Q,O,N>, plus
// ap_int/ap_uint. Bit-exact C simulation only; see ap_int.h for the design notes and the list
// of reference oddities reproduced on purpose.
#ifndef HLSNN_AP_TYPES_AP_FIXED_H
#define HLSNN_AP_TYPES_AP_FIXED_H

#include "detail/all.h"

#endif  // HLSNN_AP_TYPES_AP_FIXED_H
