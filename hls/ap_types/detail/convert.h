// The fixed-point conversion algorithm: quantization to the target LSB, then overflow handling
// (semantics §2). Every construction of or assignment to an ap_fixed ends here.
#ifndef HLSNN_AP_TYPES_DETAIL_CONVERT_H
#define HLSNN_AP_TYPES_DETAIL_CONVERT_H

#include "result_types.h"
#include "storage.h"

namespace ap_detail {

// Overflow step. `q` is the quantized value in a signed work integer of E bits (E >= W + 2),
// `neg` the sign of the exact source, `floor_bit_w` bit W of the pre-rounding floor (only
// AP_WRAP_SM with N = 0 uses it).
template <int W, bool S, ap_o_mode O, int N, int E, class Work>
constexpr storage_t<W, S> apply_overflow(const Work& q, bool neg, bool floor_bit_w) {
  using T = storage_t<W, S>;
  const Work lo = S ? neg_raw<E, true>(shl_raw<E, true>(raw_from_int<E, true>(1), W - 1))
                    : raw_from_int<E, true>(0);
  const Work hi = sub_raw<E, true>(shl_raw<E, true>(raw_from_int<E, true>(1), S ? W - 1 : W),
                                   raw_from_int<E, true>(1));
  if constexpr (O == AP_SAT && !is_wide_v<Work>) {
    // A plain clamp: min/max instructions instead of compare-and-blend chains.
    return cast_fitting_raw<W, S, true>(q < lo ? lo : (hi < q ? hi : q));
  }
  const bool below = compare_raw<true>(q, lo) < 0;
  const bool above = compare_raw<true>(q, hi) > 0;
  T bits = cast_raw<W, S, true>(q);
  if (!below && !above) {
    if constexpr (O == AP_SAT_SYM && S && W > 1) {
      if (neg && compare_raw<true>(q, lo) == 0) return cast_raw<W, S, true>(neg_raw<E, true>(hi));
    }
    return bits;
  }
  const bool q_neg = is_negative<true>(q);
  if constexpr (O == AP_SAT) {
    return cast_raw<W, S, true>(above ? hi : lo);
  } else if constexpr (O == AP_SAT_ZERO) {
    return T{};
  } else if constexpr (O == AP_SAT_SYM) {
    if (above) return cast_raw<W, S, true>(hi);
    return cast_raw<W, S, true>(S ? neg_raw<E, true>(hi) : lo);
  } else if constexpr (O == AP_WRAP) {
    if constexpr (N == 0) {
      return bits;
    } else if constexpr (S) {
      bits = with_bit<W, S>(bits, W - 1, q_neg);
      for (int i = W - N; i <= W - 2; ++i) bits = with_bit<W, S>(bits, i, !q_neg);
      return bits;
    } else {
      for (int i = W - N; i <= W - 1; ++i) bits = with_bit<W, S>(bits, i, true);
      return bits;
    }
  } else {
    static_assert(O == AP_WRAP_SM, "unknown overflow mode");
    const bool msb = bit_of<S>(bits, W - 1);
    if constexpr (N == 0) {
      if (floor_bit_w != msb) bits = with_bit<W, S>(not_raw<W, S>(bits), W - 1, floor_bit_w);
    } else if constexpr (N == 1) {
      if (q_neg != msb) bits = not_raw<W, S>(bits);
      bits = with_bit<W, S>(bits, W - 1, q_neg);
    } else {
      if (bit_of<S>(bits, W - N) == q_neg) bits = not_raw<W, S>(bits);
      for (int i = W - N; i <= W - 2; ++i) bits = with_bit<W, S>(bits, i, !q_neg);
      bits = with_bit<W, S>(bits, W - 1, q_neg);
    }
    return bits;
  }
}

// Rounding increment for the dropped fraction: `half` is its top bit, `rest` whether any lower
// bit is set, `floor_odd` the parity of the floor.
template <ap_q_mode Q>
constexpr bool round_up(bool neg, bool half, bool rest, bool floor_odd) {
  switch (Q) {
    case AP_RND:
      return half;
    case AP_RND_ZERO:
      return half && (rest || neg);
    case AP_RND_MIN_INF:
      return half && rest;
    case AP_RND_INF:
      return half && (rest || !neg);
    case AP_RND_CONV:
      return half && (rest || floor_odd);
    case AP_TRN_ZERO:
      return neg && (half || rest);
    default:
      return false;
  }
}

// Converts the exact value src * 2^(-F1) (src: W1 bits, signedness S1) into a (W, F2) target,
// where shift = F2 - F1, computing in a signed work integer of E bits. E must hold the target
// range with two spare bits (W + 2) and the quantized source (see the two callers below).
template <int W, bool S, ap_q_mode Q, ap_o_mode O, int N, int W1, bool S1, int E, class Ts>
constexpr storage_t<W, S> convert_fixed_in(const Ts& src, int shift) {
  if constexpr (Q == AP_TRN && O == AP_WRAP && N == 0) {
    if constexpr (!is_wide_v<storage_t<W, S>> && !is_wide_v<Ts> && S == S1) {
      // A left shift that keeps the value within W bits (a product widened into an
      // accumulator) needs no renormalisation.
      if (shift >= 0 && W1 + shift <= W) {
        using U = uarith_t<storage_t<W, S>>;
        return static_cast<storage_t<W, S>>(static_cast<U>(cast_fitting_raw<W, S, S1>(src))
                                            << shift);
      }
    }
    if (shift >= 0) return shl_raw<W, S>(cast_raw<W, S, S1>(src), shift);
    return cast_raw<W, S, S1>(shr_raw<W1, S1>(src, -shift));
  } else {
    // Shifts beyond these bounds cannot change the outcome, so the work width stays bounded.
    constexpr int Wx = W1 + !S1;
    using Work = storage_t<E, true>;
    const bool neg = is_negative<S1>(src);
    if (shift >= 0) {
      const Work q = shl_raw<E, true>(cast_raw<E, true, S1>(src), shift < W + 1 ? shift : W + 1);
      return apply_overflow<W, S, O, N, E>(q, neg, bit_of<true>(q, W));
    }
    // The dropped bits are read from the source, so E only needs the floor's width.
    const int drop = -shift < Wx + 1 ? -shift : Wx + 1;
    const Work floor_value = cast_fitting_raw<E, true, S1>(shr_raw<W1, S1>(src, drop));
    Work q = floor_value;
    if constexpr (Q != AP_TRN) {
      const bool half = bit_of<S1>(src, drop - 1);
      const bool rest = low_bits_nonzero<S1>(src, drop - 1);
      // Added as 0 or 1 rather than under a branch so narrow conversions vectorise; E leaves
      // room for the increment, so native storage needs no renormalisation.
      const bool increment = round_up<Q>(neg, half, rest, bit_of<true>(floor_value, 0));
      if constexpr (is_wide_v<Work>) {
        q = add_raw<E, true>(q, raw_from_int<E, true>(increment));
      } else {
        q = static_cast<Work>(q + increment);
      }
    }
    return apply_overflow<W, S, O, N, E>(q, neg, bit_of<true>(floor_value, W));
  }
}

// Conversion by a shift known only at run time: the work width covers every shift.
template <int W, bool S, ap_q_mode Q, ap_o_mode O, int N, int W1, bool S1, class Ts>
constexpr storage_t<W, S> convert_fixed(const Ts& src, int shift) {
  return convert_fixed_in<W, S, Q, O, N, W1, S1, W1 + !S1 + W + 4>(src, shift);
}

// Conversion by a compile-time shift: the work width is only what that shift needs, which
// keeps narrow conversions in narrow native integers.
template <int W, bool S, ap_q_mode Q, ap_o_mode O, int N, int W1, bool S1, int Shift, class Ts>
constexpr storage_t<W, S> convert_fixed(const Ts& src) {
  constexpr int Wx = W1 + !S1;
  constexpr int quantized_w =
      Shift >= 0 ? Wx + min_of(Shift, W + 1) + 1 : Wx - min_of(-Shift, Wx + 1) + 2;
  return convert_fixed_in<W, S, Q, O, N, W1, S1, max_of(quantized_w, W + 2)>(src, Shift);
}

// double -> (W, F) fixed. Values whose scaled magnitude fits comfortably in 62 bits take a
// floating-point fast path (scaling by 2^F is exact there); others go through the exact
// mantissa/exponent form.
template <int W, bool S, int F, ap_q_mode Q, ap_o_mode O, int N>
constexpr storage_t<W, S> convert_double(double d) {
  if constexpr (W <= 60 && F > -960 && F < 960) {
    constexpr double scale = pow2(F);
    const double y = d * scale;
    if (std::fabs(y) < 4611686018427387904.0 && (F >= 0 || std::fabs(y) >= 0x1p-1000 || d == 0)) {
      const double fl = std::floor(y);
      const i64 fl_int = static_cast<i64>(fl);
      if constexpr (Q == AP_TRN && O == AP_WRAP && N == 0) {
        return cast_raw<W, S, true>(fl_int);
      } else {
        const double frac = y - fl;
        i64 q = fl_int;
        if constexpr (Q != AP_TRN) {
          const bool neg = d < 0;
          if (round_up<Q>(neg, frac >= 0.5, frac != 0.5 && frac != 0, fl_int & 1)) ++q;
        }
        return apply_overflow<W, S, O, N, 64>(q, d < 0, (fl_int >> (W < 63 ? W : 63)) & 1);
      }
    }
  }
  const double_parts p = split_double(d);
  return convert_fixed<W, S, Q, O, N, 54, true>(p.mantissa, F + p.exponent);
}

}  // namespace ap_detail

#endif  // HLSNN_AP_TYPES_DETAIL_CONVERT_H
