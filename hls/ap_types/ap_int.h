// hlsnn emulation of the vendor arbitrary-precision types: ap_int<W>, ap_uint<W>,
// ap_fixed<W,I,Q,O,N>, ap_ufixed<W,I,Q,O,N> (including either ap_int.h or ap_fixed.h gives
// all four). C simulation only: defining __SYNTHESIS__ is an error. The contract is
// shared/reference/ap_types_semantics.md; where it and the vendor headers disagree we follow
// the vendor headers.
//
// Design
// - Storage is chosen by width (detail/storage.h): the smallest native integer for W <= 64,
//   __int128 up to 128, 64-bit words above. Values are kept sign/zero-extended inside their
//   storage, so narrow arithmetic is plain integer code the compiler can vectorise.
// - `.V` is an ap_raw<W,S>: the raw W-bit pattern. `x.V = integer` stores it modulo 2^W;
//   reading `x.V` gives the native storage integer (W <= 128) or use x.V.to_uint64().
// - Every operator's result type comes from detail/result_types.h. User-facing names
//   (ap_int, ap_fixed, ...) are limited to AP_INT_MAX_W (default 1024, may be #defined higher
//   before the first include); operator results wider than that are ap_int_base /
//   ap_fixed_base, which accept up to 65536 bits, so e.g. a 1024x1024 product works.
// - Construction from C numbers is constexpr, so generated `static const` weight tables are
//   constant-initialised (.rodata) rather than by a start-up function the compiler must optimise.
// - C integer operands are taken by value, like the vendor's: a reference would ODR-use
//   `static const` members declared without a definition (CONFIG_T::n_in) and fail to link.
//
// Reference oddities reproduced on purpose (users see the same numbers as with the vendor):
// - ap_int/ap_uint from a double in (-0.5, 0) gives +1.
// - ap_fixed::to_int() and ap_int-from-ap_fixed with I <= 0 give -1 for a negative value.
// - ap_int::to_double()/to_float() go through the 64-bit RetType, so W > 64 uses the low
//   64 bits.
// - ap_int division/remainder with a strictly wider unsigned operand is done unsigned
//   (ap_uint<16>(1000) / ap_int<8>(-7) == 0). The remainder is unsigned whenever the dividend
//   is unsigned, too (ap_uint<45>(5) % ap_int<66>(-15) == 5).
// - ap_fixed division: min / (raw -1) wraps in the intermediate width and gets the wrong sign.
// - Mixed-signedness comparisons: relational ones are unsigned once a width reaches 32 and the
//   signed operand is not wider, each operand sign/zero-extended to max(W1, W2) + 1 bits first
//   (ap_int<32>(INT_MIN) <= 0xFFFFFFFFu is false); equality compares sign-extended patterns in some
//   width cases (ap_int<16>(-1) == ap_uint<32>(0xFFFFFFFF)); ap_fixed aligns binary points first
//   (§5.4), widening the right-hand operand with its own modes, so an AP_SAT_SYM right operand at
//   its minimum compares as minus its maximum when it has fewer fraction bits
//   (ap_fixed<8,5>(-0.875) == ap_fixed<1,1,AP_TRN,AP_SAT_SYM>(-1)).
// - ap_uint - ap_uint is signed; ap_fixed / ap_fixed keeps only F1 fractional bits and
//   truncates toward zero (ap_fixed<8,4>(1) / ap_fixed<8,4>(3) == 0.3125).
// - ap_fixed shifts never round or saturate, whatever the Q/O modes.
// - af_range_ref assignment from an ap_fixed stores its raw bits, ap_range_ref its integer.
// - ap_int string parsing up to 64 bits saturates at 2^64-1 (sscanf) before wrapping.
// - ap_fixed to_string(10) (and so operator<<) with I > W shifts the integer part within the
//   W+1 bits of the magnitude, losing its top I-W bits (ap_fixed<39,42> minimum prints "-0",
//   also through operator<<).
// - ap_int::to_bool() and ap_fixed's operator bool test only the low 64 bits.
// - xor_reduce up to 64 bits is the parity of the value sign-extended to 64 bits.
// - ap_fixed to_string(2/8/16) prints "." and the fraction (and "p0" in hex) only when some
//   fraction bit is set, and "0b0"/"0o0"/"0x0" as the integer part when I <= 0.
// - ap_int to_string: lower-case hex and "0x0" for zero up to 64 bits, upper-case and "0"
//   above; a '0' is inserted after the prefix as the reference does.
// - operator<< on ap_int reads hex/oct flags from std::cout, not from the target stream.
// - operator<< on ap_fixed rounds half up to precision() significant digits and prints
//   integers whose digits fit in full (1000000, not 1e+06). With setw(w) it writes the
//   w - length fill characters one at a time without resetting the width, so the first one is
//   padded to w itself: setw(8) before "1.5" gives 12 fill characters.
// - Unary minus on ap_int is ap_uint<1>(0) - x: W+1 bits, except -ap_int<1> which has 3.
// - Infinity/NaN converted to ap_fixed or ap_int behave as +-(1.m) * 2^1024 (a double) or
//   +-(1.m) * 2^128 (a float converted to ap_int).
// - lrotate/rrotate of a signed ap_int wider than 64 bits whose width is not a multiple of 64
//   shift copies of the sign bit in next to the rotated bits (the vendor rotates inside the
//   sign-extended 64-bit words): ap_int<65> with bits 64, 3, 0 set, lrotate(5) == -16.
// - Values that make ap_fixed I <= 0 / I > W unusual (++ with I > W) fail to compile, as they
//   do with the reference.
//
// Deliberate differences from the vendor headers:
// - Multi-word by multi-word division gives the exact quotient (the vendor's is wrong).
// - Reading an empty hls::stream throws hls::stream_read_empty naming the stream.
// - A concatenation mixed in arithmetic or bitwise operators with anything but another
//   concatenation computes on its full W1+W2-bit value. The vendor's overloads convert it
//   differently per operator and operand (to a 64-bit C integer for + - * with ap_int and for
//   every C-integer operand, to the other operand's type for / and %, full width for & | ^
//   with ap_int), losing bits above 64. Write ap_uint<W1+W2>((a, b)) to get the same numbers
//   from both; concatenation with concatenation, shifts and comparisons already agree.
#ifndef HLSNN_AP_TYPES_AP_INT_H
#define HLSNN_AP_TYPES_AP_INT_H

#include "detail/all.h"

#endif  // HLSNN_AP_TYPES_AP_INT_H
