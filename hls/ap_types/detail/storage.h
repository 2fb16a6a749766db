// Raw two's-complement storage for a W-bit value and the integer core that operates on it.
//
// The storage type is chosen by width: the smallest native integer for W <= 64, __int128 for
// W <= 128, and an array of 64-bit words (`wide<N>`) above. Every stored value is normalised:
// the bits above W are copies of bit W-1 (signed) or zero (unsigned). Normalisation lets narrow
// values take part in native arithmetic directly, so the compiler sees plain integer code.
#ifndef HLSNN_AP_TYPES_DETAIL_STORAGE_H
#define HLSNN_AP_TYPES_DETAIL_STORAGE_H

#include <cmath>

#include "config.h"

namespace ap_detail {

using u64 = std::uint64_t;
using i64 = std::int64_t;
__extension__ typedef __int128 i128;
__extension__ typedef unsigned __int128 u128;

template <int N>
struct wide {
  u64 w[N];
};

template <class T>
struct is_wide : std::false_type {};
template <int N>
struct is_wide<wide<N>> : std::true_type {};
template <class T>
constexpr bool is_wide_v = is_wide<T>::value;

template <int W, bool S>
struct storage_sel {
  using type = std::conditional_t<
      (W <= 8), std::conditional_t<S, std::int8_t, std::uint8_t>,
      std::conditional_t<
          (W <= 16), std::conditional_t<S, std::int16_t, std::uint16_t>,
          std::conditional_t<(W <= 32), std::conditional_t<S, std::int32_t, std::uint32_t>,
                             std::conditional_t<S, i64, u64>>>>;
};
template <class T>
struct type_is {
  using type = T;
};
template <int W, bool S>
using storage_t = typename std::conditional_t<
    (W <= 64), storage_sel<W, S>,
    std::conditional_t<(W <= 128), type_is<std::conditional_t<S, i128, u128>>,
                       type_is<wide<(W + 63) / 64>>>>::type;

// Unsigned type used for wrap-around arithmetic on a native storage type. Types narrower than
// int use `unsigned` so that integer promotion cannot produce signed overflow.
template <class T>
using uarith_t = std::conditional_t<
    (sizeof(T) < sizeof(unsigned)), unsigned,
    std::conditional_t<(sizeof(T) == 16), u128,
                       std::conditional_t<(sizeof(T) == 8), u64, std::uint32_t>>>;

template <int W, bool S, class T>
constexpr T normalize(T v) {
  if constexpr (is_wide_v<T>) {
    constexpr int N = sizeof(T) / 8;
    constexpr int top_bits = W - 64 * (N - 1);
    if constexpr (top_bits < 64) {
      if constexpr (S) {
        v.w[N - 1] =
            static_cast<u64>(static_cast<i64>(v.w[N - 1] << (64 - top_bits)) >> (64 - top_bits));
      } else {
        v.w[N - 1] &= (u64(1) << top_bits) - 1;
      }
    }
    return v;
  } else {
    constexpr int B = sizeof(T) * 8;
    if constexpr (W == B) {
      return v;
    } else if constexpr (B == 128 && W > 64) {
      // Only the high word changes: 64-bit shifts there are half the work of 128-bit ones.
      const u64 low = static_cast<u64>(v);
      u64 high = static_cast<u64>(static_cast<u128>(v) >> 64);
      constexpr int unused = 128 - W;
      high = S ? static_cast<u64>(static_cast<i64>(high << unused) >> unused)
               : high & (~u64(0) >> unused);
      return static_cast<T>((static_cast<u128>(high) << 64) | low);
    } else if constexpr (S) {
      using U = uarith_t<T>;
      return static_cast<T>(static_cast<T>(static_cast<U>(v) << (B - W)) >> (B - W));
    } else {
      return static_cast<T>(v & ((T(1) << W) - 1));
    }
  }
}

// 64-bit word `i` of the value extended infinitely by its signedness S.
template <bool S, class T>
constexpr u64 word_of(const T& v, int i) {
  if constexpr (is_wide_v<T>) {
    constexpr int N = sizeof(T) / 8;
    if (i < N) return v.w[i];
    return (S && static_cast<i64>(v.w[N - 1]) < 0) ? ~u64(0) : 0;
  } else {
    if (i == 0) return static_cast<u64>(v);
    if constexpr (sizeof(T) == 16) {
      if (i == 1) return static_cast<u64>(static_cast<u128>(v) >> 64);
    }
    if constexpr (std::is_same_v<T, i128> || std::is_signed_v<T>) {
      return v < 0 ? ~u64(0) : 0;
    } else {
      return 0;
    }
  }
}

template <bool S, class T>
constexpr bool is_negative(const T& v) {
  if constexpr (!S) {
    return false;
  } else if constexpr (is_wide_v<T>) {
    return static_cast<i64>(v.w[sizeof(T) / 8 - 1]) < 0;
  } else {
    return v < 0;
  }
}

// True when every value a native type Ts (signedness Ss) can hold is a (Wd, Sd) value, so
// converting it needs no normalisation.
template <int Wd, bool Sd, bool Ss, class Ts>
constexpr bool range_fits() {
  constexpr int source_bits = std::is_same_v<Ts, bool> ? 1 : int(sizeof(Ts) * 8);
  return Sd ? source_bits + !Ss <= Wd : !Ss && source_bits <= Wd;
}

// Value of `v` (signedness Ss) reduced modulo 2^Wd and normalised as (Wd, Sd).
template <int Wd, bool Sd, bool Ss, class Ts>
constexpr storage_t<Wd, Sd> cast_raw(const Ts& v) {
  using Td = storage_t<Wd, Sd>;
  if constexpr (!is_wide_v<Td> && !is_wide_v<Ts>) {
    // Skipping the redundant shift pair keeps widening multiplies recognisable to the vectoriser.
    if constexpr (range_fits<Wd, Sd, Ss, Ts>()) return static_cast<Td>(v);
    return normalize<Wd, Sd>(static_cast<Td>(v));
  } else if constexpr (!is_wide_v<Td>) {
    u128 low = word_of<Ss>(v, 0) | (static_cast<u128>(word_of<Ss>(v, 1)) << 64);
    return normalize<Wd, Sd>(static_cast<Td>(low));
  } else {
    Td r;
    for (int i = 0; i < int(sizeof(Td) / 8); ++i) r.w[i] = word_of<Ss>(v, i);
    return normalize<Wd, Sd>(r);
  }
}

// Like cast_raw, for a value the caller knows to be a (Wd, Sd) value already: native storage
// is converted without the normalising shifts.
template <int Wd, bool Sd, bool Ss, class Ts>
constexpr storage_t<Wd, Sd> cast_fitting_raw(const Ts& v) {
  using Td = storage_t<Wd, Sd>;
  if constexpr (!is_wide_v<Td> && !is_wide_v<Ts>) {
    return static_cast<Td>(v);
  } else {
    return cast_raw<Wd, Sd, Ss>(v);
  }
}

template <int W, bool S>
constexpr storage_t<W, S> raw_from_int(i64 v) {
  return cast_raw<W, S, true>(v);
}

// ---- Bit access -----------------------------------------------------------------------------

template <bool S, class T>
constexpr bool bit_of(const T& v, int i) {
  if constexpr (is_wide_v<T>) {
    return (word_of<S>(v, i >> 6) >> (i & 63)) & 1;
  } else {
    // In the storage's own width (not via 64-bit words), which vectorises with narrow types.
    constexpr int B = sizeof(T) * 8;
    if (i >= B) return is_negative<S>(v);
    return (static_cast<uarith_t<T>>(v) >> i) & 1;
  }
}

template <int W, bool S, class T>
constexpr T with_bit(T v, int i, bool b) {
  if constexpr (is_wide_v<T>) {
    u64 m = u64(1) << (i & 63);
    v.w[i >> 6] = b ? (v.w[i >> 6] | m) : (v.w[i >> 6] & ~m);
  } else {
    using U = uarith_t<T>;
    U m = U(1) << i;
    v = static_cast<T>(b ? (static_cast<U>(v) | m) : (static_cast<U>(v) & ~m));
  }
  return normalize<W, S>(v);
}

// True when any of the bits below position n (n may exceed the storage) is set.
template <bool S, class T>
constexpr bool low_bits_nonzero(const T& v, int n) {
  if constexpr (!is_wide_v<T>) {
    using U = uarith_t<T>;
    if (n >= int(sizeof(T) * 8)) return v != 0;
    return (static_cast<U>(v) & ((U(1) << n) - 1)) != 0;
  }
  for (int i = 0; n > 0; ++i, n -= 64) {
    u64 word = word_of<S>(v, i);
    if (n < 64) word &= (u64(1) << n) - 1;
    if (word) return true;
  }
  return false;
}

template <class T>
inline bool is_zero_raw(const T& v) {
  if constexpr (is_wide_v<T>) {
    for (u64 word : v.w)
      if (word) return false;
    return true;
  } else {
    return v == 0;
  }
}

// Index of the highest set bit of the low W bits, -1 when they are all zero.
template <int W, class T>
inline int highest_set_bit(const T& v) {
  for (int i = (W - 1) >> 6; i >= 0; --i) {
    u64 word = word_of<false>(v, i);
    if (i == (W - 1) >> 6 && (W & 63)) word &= (u64(1) << (W & 63)) - 1;
    if (word) return i * 64 + 63 - __builtin_clzll(word);
  }
  return -1;
}

// ---- Arithmetic modulo 2^W ------------------------------------------------------------------

template <int W, bool S, class T>
constexpr T add_raw(const T& a, const T& b) {
  if constexpr (is_wide_v<T>) {
    T r;
    u128 carry = 0;
    for (int i = 0; i < int(sizeof(T) / 8); ++i) {
      carry += static_cast<u128>(a.w[i]) + b.w[i];
      r.w[i] = static_cast<u64>(carry);
      carry >>= 64;
    }
    return normalize<W, S>(r);
  } else {
    using U = uarith_t<T>;
    return normalize<W, S>(static_cast<T>(static_cast<U>(a) + static_cast<U>(b)));
  }
}

template <int W, bool S, class T>
constexpr T not_raw(const T& a) {
  if constexpr (is_wide_v<T>) {
    T r;
    for (int i = 0; i < int(sizeof(T) / 8); ++i) r.w[i] = ~a.w[i];
    return normalize<W, S>(r);
  } else {
    using U = uarith_t<T>;
    return normalize<W, S>(static_cast<T>(~static_cast<U>(a)));
  }
}

template <int W, bool S, class T>
constexpr T neg_raw(const T& a) {
  if constexpr (is_wide_v<T>) {
    return add_raw<W, S>(not_raw<W, S>(a), raw_from_int<W, S>(1));
  } else {
    using U = uarith_t<T>;
    return normalize<W, S>(static_cast<T>(U(0) - static_cast<U>(a)));
  }
}

template <int W, bool S, class T>
constexpr T sub_raw(const T& a, const T& b) {
  if constexpr (is_wide_v<T>) {
    T r;
    u128 borrow = 0;
    for (int i = 0; i < int(sizeof(T) / 8); ++i) {
      u128 d = static_cast<u128>(a.w[i]) - b.w[i] - borrow;
      r.w[i] = static_cast<u64>(d);
      borrow = (d >> 64) ? 1 : 0;
    }
    return normalize<W, S>(r);
  } else {
    using U = uarith_t<T>;
    return normalize<W, S>(static_cast<T>(static_cast<U>(a) - static_cast<U>(b)));
  }
}

template <int W, bool S, class T>
inline T mul_raw(const T& a, const T& b) {
  if constexpr (is_wide_v<T>) {
    constexpr int N = sizeof(T) / 8;
    T r{};
    for (int i = 0; i < N; ++i) {
      u128 carry = 0;
      for (int j = 0; i + j < N; ++j) {
        carry += static_cast<u128>(a.w[i]) * b.w[j] + r.w[i + j];
        r.w[i + j] = static_cast<u64>(carry);
        carry >>= 64;
      }
    }
    return normalize<W, S>(r);
  } else {
    using U = uarith_t<T>;
    return normalize<W, S>(static_cast<T>(static_cast<U>(a) * static_cast<U>(b)));
  }
}

enum class bitwise { and_op, or_op, xor_op };

template <int W, bool S, bitwise Op, class T>
inline T bitwise_raw(const T& a, const T& b) {
  if constexpr (is_wide_v<T>) {
    T r;
    for (int i = 0; i < int(sizeof(T) / 8); ++i)
      r.w[i] = Op == bitwise::and_op  ? (a.w[i] & b.w[i])
               : Op == bitwise::or_op ? (a.w[i] | b.w[i])
                                      : (a.w[i] ^ b.w[i]);
    return r;
  } else {
    return static_cast<T>(Op == bitwise::and_op  ? (a & b)
                          : Op == bitwise::or_op ? (a | b)
                                                 : (a ^ b));
  }
}

// Left shift within W bits; amounts >= W give 0.
template <int W, bool S, class T>
constexpr T shl_raw(const T& a, unsigned n) {
  if (n >= unsigned(W)) return T{};
  if constexpr (is_wide_v<T>) {
    constexpr int N = sizeof(T) / 8;
    T r;
    int words = n >> 6, bits = n & 63;
    for (int i = N - 1; i >= 0; --i) {
      int src = i - words;
      u64 hi = src >= 0 ? a.w[src] << bits : 0;
      u64 lo = (bits && src - 1 >= 0) ? a.w[src - 1] >> (64 - bits) : 0;
      r.w[i] = hi | lo;
    }
    return normalize<W, S>(r);
  } else {
    using U = uarith_t<T>;
    return normalize<W, S>(static_cast<T>(static_cast<U>(a) << n));
  }
}

// Right shift within W bits: arithmetic when S, logical otherwise; amounts >= W fill.
template <int W, bool S, class T>
constexpr T shr_raw(const T& a, unsigned n) {
  if (n >= unsigned(W)) return is_negative<S>(a) ? raw_from_int<W, S>(-1) : T{};
  if constexpr (is_wide_v<T>) {
    constexpr int N = sizeof(T) / 8;
    T r;
    int words = n >> 6, bits = n & 63;
    for (int i = 0; i < N; ++i) {
      u64 lo = word_of<S>(a, i + words) >> bits;
      u64 hi = bits ? word_of<S>(a, i + words + 1) << (64 - bits) : 0;
      r.w[i] = lo | hi;
    }
    return normalize<W, S>(r);
  } else {
    return static_cast<T>(a >> n);
  }
}

// Three-way comparison of two values of the same storage and signedness.
template <bool S, class T>
constexpr int compare_raw(const T& a, const T& b) {
  if constexpr (is_wide_v<T>) {
    constexpr int N = sizeof(T) / 8;
    if (S) {
      i64 ta = static_cast<i64>(a.w[N - 1]), tb = static_cast<i64>(b.w[N - 1]);
      if (ta != tb) return ta < tb ? -1 : 1;
    } else if (a.w[N - 1] != b.w[N - 1]) {
      return a.w[N - 1] < b.w[N - 1] ? -1 : 1;
    }
    for (int i = N - 2; i >= 0; --i)
      if (a.w[i] != b.w[i]) return a.w[i] < b.w[i] ? -1 : 1;
    return 0;
  } else {
    return a < b ? -1 : (b < a ? 1 : 0);
  }
}

// Truncating division and remainder in W bits (signed when S). Division by zero of native
// values traps like C; wide values give 0.
template <int W, bool S, class T>
inline void divmod_raw(const T& a, const T& b, T* quot, T* rem) {
  if constexpr (!is_wide_v<T>) {
    if constexpr (S) {
      // -min / -1 overflows in C; the W-bit result simply wraps.
      if (b == -1) {
        if (quot) *quot = neg_raw<W, S>(a);
        if (rem) *rem = T(0);
        return;
      }
    }
    if (quot) *quot = normalize<W, S>(static_cast<T>(a / b));
    if (rem) *rem = normalize<W, S>(static_cast<T>(a % b));
  } else {
    bool neg_a = is_negative<S>(a), neg_b = is_negative<S>(b);
    constexpr int Wu = W + 1;
    using Tu = storage_t<Wu, false>;
    Tu ua = cast_raw<Wu, false, S>(a), ub = cast_raw<Wu, false, S>(b);
    if (neg_a) ua = neg_raw<Wu, false>(ua);
    if (neg_b) ub = neg_raw<Wu, false>(ub);
    Tu q{}, r{};
    if (!is_zero_raw(ub)) {
      for (int i = highest_set_bit<Wu>(ua); i >= 0; --i) {
        r = shl_raw<Wu, false>(r, 1);
        if (bit_of<false>(ua, i)) r.w[0] |= 1;
        if (compare_raw<false>(r, ub) >= 0) {
          r = sub_raw<Wu, false>(r, ub);
          q = with_bit<Wu, false>(q, i, true);
        }
      }
    }
    if (neg_a != neg_b) q = neg_raw<Wu, false>(q);
    if (neg_a) r = neg_raw<Wu, false>(r);
    if (quot) *quot = cast_raw<W, S, false>(q);
    if (rem) *rem = cast_raw<W, S, false>(r);
  }
}

// ---- Floating point -------------------------------------------------------------------------

constexpr double pow2(int e) {
  double r = 1;
  for (; e > 0; --e) r *= 2;
  for (; e < 0; ++e) r /= 2;
  return r;
}

// Magnitude of a W-bit value rounded to a double-precision significand: returns m, sets *shift
// so that |v| ~= m * 2^shift with m < 2^64 and a sticky bit folded in for correct rounding.
template <int W, bool S, class T>
inline u64 top_bits_sticky(const T& v, int* shift) {
  constexpr int Wu = W + 1;
  auto mag = cast_raw<Wu, false, S>(v);
  if (is_negative<S>(v)) mag = neg_raw<Wu, false>(mag);
  int msb = highest_set_bit<Wu>(mag);
  if (msb < 64) {
    *shift = 0;
    return word_of<false>(mag, 0);
  }
  int lo = msb - 63;
  u64 top = word_of<false>(shr_raw<Wu, false>(mag, lo), 0);
  if (low_bits_nonzero<false>(mag, lo)) top |= 1;
  *shift = lo;
  return top;
}

// Exact value raw * 2^-F rounded to nearest-even double (F is the number of fraction bits).
template <int W, bool S, int F, class T>
inline double raw_to_double(const T& v) {
  double m;
  int shift = 0;
  if constexpr (!is_wide_v<T>) {
    m = static_cast<double>(v);
  } else {
    m = static_cast<double>(top_bits_sticky<W, S>(v, &shift));
    if (is_negative<S>(v)) m = -m;
  }
  if constexpr (F > -1000 && F < 1000) {
    constexpr double scale = pow2(-F);
    return shift ? std::ldexp(m, shift) * scale : m * scale;
  } else {
    return std::ldexp(m, shift - F);
  }
}

template <int W, bool S, int F, class T>
inline float raw_to_float(const T& v) {
  float m;
  int shift = 0;
  if constexpr (!is_wide_v<T>) {
    m = static_cast<float>(v);
  } else {
    m = static_cast<float>(top_bits_sticky<W, S>(v, &shift));
    if (is_negative<S>(v)) m = -m;
  }
  if constexpr (F > -120 && F < 120) {
    constexpr float scale = static_cast<float>(pow2(-F));
    return shift ? std::ldexp(m, shift) * scale : m * scale;
  } else {
    return std::ldexp(m, shift - F);
  }
}

// A double split as mantissa * 2^exponent with |mantissa| < 2^53. Infinity and NaN are read
// as if their exponent field were a normal one (value (1.f) * 2^1024), like the reference.
struct double_parts {
  i64 mantissa;
  int exponent;
};

constexpr double_parts split_double(double d) {
  const u64 bits = __builtin_bit_cast(u64, d);
  int exp_field = static_cast<int>((bits >> 52) & 0x7ff);
  i64 frac = static_cast<i64>(bits & ((u64(1) << 52) - 1));
  double_parts p{};
  if (exp_field == 0) {
    p.mantissa = frac;
    p.exponent = -1074;
  } else {
    p.mantissa = frac | (i64(1) << 52);
    p.exponent = exp_field - 1075;
  }
  if (bits >> 63) p.mantissa = -p.mantissa;
  return p;
}

}  // namespace ap_detail

#endif  // HLSNN_AP_TYPES_DETAIL_STORAGE_H
