// Internal umbrella: every ap_types detail header in dependency order.
#ifndef HLSNN_AP_TYPES_DETAIL_ALL_H
#define HLSNN_AP_TYPES_DETAIL_ALL_H

#include "string_io.h"

#endif  // HLSNN_AP_TYPES_DETAIL_ALL_H
