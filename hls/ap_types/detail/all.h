// Internal umbrella: every ap_types detail header in dependency order.
#ifndef HLSNN_AP_TYPES_DETAIL_ALL_H
#define HLSNN_AP_TYPES_DETAIL_ALL_H

#include "string_io.h"

// Only the headers above declare operators with these.
#undef HLSNN_AP_BINARY_OPERATOR
#undef HLSNN_AP_MEMBER_OPERATOR

#endif  // HLSNN_AP_TYPES_DETAIL_ALL_H
