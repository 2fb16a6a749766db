// Configuration, enums and forward declarations shared by every ap_types header.
#ifndef HLSNN_AP_TYPES_DETAIL_CONFIG_H
#define HLSNN_AP_TYPES_DETAIL_CONFIG_H

#if defined(__SYNTHESIS__) || defined(AESL_SYN) || defined(__HLS_SYN__)
#error "hlsnn ap_types are a C-simulation model only; synthesis must use the vendor headers."
#endif

#ifndef __cplusplus
#error "ap_types require C++"
#endif

#include <cassert>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <sstream>
#include <string>
#include <type_traits>

// Says "these are hlsnn's headers": a generated project converts its large weight tables when
// the library loads instead of having the compiler constant-evaluate every conversion.
#define HLSNN_AP_TYPES 1

// Largest width users may name as ap_int/ap_uint/ap_fixed/ap_ufixed. Must be defined before the
// first include to raise it.
#ifndef AP_INT_MAX_W
#define AP_INT_MAX_W 1024
#endif

// Operator results (ap_int_base / ap_fixed_base) may exceed AP_INT_MAX_W: a product of two
// maximum-width values is twice as wide. They are bounded only by this hard cap.
#define HLSNN_AP_HARD_MAX_W 65536

static_assert(AP_INT_MAX_W >= 1 && AP_INT_MAX_W <= HLSNN_AP_HARD_MAX_W / 4,
              "AP_INT_MAX_W must be between 1 and 16384");

enum ap_q_mode {
  AP_RND,          // round half toward +inf
  AP_RND_ZERO,     // round half toward zero
  AP_RND_MIN_INF,  // round half toward -inf
  AP_RND_INF,      // round half away from zero
  AP_RND_CONV,     // round half to even
  AP_TRN,          // truncate toward -inf (default)
  AP_TRN_ZERO,     // truncate toward zero
};

enum ap_o_mode {
  AP_SAT,       // saturate
  AP_SAT_ZERO,  // zero on overflow
  AP_SAT_SYM,   // symmetric saturation
  AP_WRAP,      // wrap around (default)
  AP_WRAP_SM,   // sign-magnitude wrap
};

enum BaseMode { AP_BIN = 2, AP_OCT = 8, AP_DEC = 10, AP_HEX = 16 };

#ifndef SYSTEMC_INCLUDED
#define SC_RND AP_RND
#define SC_RND_ZERO AP_RND_ZERO
#define SC_RND_MIN_INF AP_RND_MIN_INF
#define SC_RND_INF AP_RND_INF
#define SC_RND_CONV AP_RND_CONV
#define SC_TRN AP_TRN
#define SC_TRN_ZERO AP_TRN_ZERO
#define SC_SAT AP_SAT
#define SC_SAT_ZERO AP_SAT_ZERO
#define SC_SAT_SYM AP_SAT_SYM
#define SC_WRAP AP_WRAP
#define SC_WRAP_SM AP_WRAP_SM
#define SC_BIN AP_BIN
#define SC_OCT AP_OCT
#define SC_DEC AP_DEC
#define SC_HEX AP_HEX
#endif

typedef long long ap_slong;
typedef unsigned long long ap_ulong;

template <int W, bool S>
struct ap_int_base;
template <int W>
struct ap_int;
template <int W>
struct ap_uint;
template <int W, int I, bool S = true, ap_q_mode Q = AP_TRN, ap_o_mode O = AP_WRAP, int N = 0>
struct ap_fixed_base;
template <int W, int I, ap_q_mode Q = AP_TRN, ap_o_mode O = AP_WRAP, int N = 0>
struct ap_fixed;
template <int W, int I, ap_q_mode Q = AP_TRN, ap_o_mode O = AP_WRAP, int N = 0>
struct ap_ufixed;
template <int W, bool S>
struct ap_bit_ref;
template <int W, bool S>
struct ap_range_ref;
template <int W1, class T1, int W2, class T2>
struct ap_concat_ref;
template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N>
struct af_bit_ref;
template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N>
struct af_range_ref;

#endif  // HLSNN_AP_TYPES_DETAIL_CONFIG_H
