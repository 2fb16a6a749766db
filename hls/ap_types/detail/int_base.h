// ap_int_base<W,S>: the arbitrary-precision integer, and the user-facing ap_int / ap_uint.
#ifndef HLSNN_AP_TYPES_DETAIL_INT_BASE_H
#define HLSNN_AP_TYPES_DETAIL_INT_BASE_H

#include "convert.h"
#include "result_types.h"

// The public `.V` member of every ap type: the raw W-bit two's-complement pattern. Assigning
// any C integer or another `.V` stores it modulo 2^W; `bits` holds the normalised storage
// (a native integer up to 128 bits, which `.V` also converts to implicitly, or 64-bit words).
template <int W, bool S>
struct ap_raw {
  using value_type = ap_detail::storage_t<W, S>;
  value_type bits;

  template <class T, std::enable_if_t<std::is_integral_v<T>, int> = 0>
  ap_raw& operator=(T v) {
    bits = ap_detail::cast_raw<W, S, std::is_signed_v<T>>(v);
    return *this;
  }
  template <int W2, bool S2>
  ap_raw& operator=(const ap_raw<W2, S2>& other) {
    bits = ap_detail::cast_raw<W, S, S2>(other.bits);
    return *this;
  }
  operator value_type() const { return bits; }
  unsigned long long to_uint64() const { return ap_detail::word_of<S>(bits, 0); }
  long long to_int64() const { return static_cast<long long>(to_uint64()); }
};

template <int W, bool S>
struct ap_int_base {
  static_assert(W >= 1, "ap_int/ap_uint width must be at least 1");
  static_assert(W <= HLSNN_AP_HARD_MAX_W, "ap_int_base width exceeds the hard limit of 65536");

  using raw_type = ap_detail::storage_t<W, S>;
  using RetType = std::conditional_t<S, long long, unsigned long long>;
  static constexpr int width = W;
  static constexpr bool sign_flag = S;

  ap_raw<W, S> V;

  ap_int_base() = default;
  template <int W2, bool S2>
  ap_int_base(const ap_int_base<W2, S2>& other) {
    V.bits = ap_detail::cast_raw<W, S, S2>(other.V.bits);
  }
  template <int W2, int I2, bool S2, ap_q_mode Q2, ap_o_mode O2, int N2>
  ap_int_base(const ap_fixed_base<W2, I2, S2, Q2, O2, N2>& f);
  // constexpr so that `static const` tables of literals are constant-initialised.
  template <class T, std::enable_if_t<std::is_integral_v<T>, int> = 0>
  constexpr ap_int_base(T v) : V{ap_detail::cast_raw<W, S, std::is_signed_v<T>>(v)} {}
  ap_int_base(double d) { V.bits = from_double(d); }
  ap_int_base(float f) { V.bits = from_float(f); }
  ap_int_base(long double d) { V.bits = from_double(static_cast<double>(d)); }
  ap_int_base(const char* text);
  ap_int_base(const char* text, signed char radix);
  ap_int_base(const std::string& text) : ap_int_base(text.c_str()) {}
  template <class R, std::enable_if_t<ap_detail::is_int_ref_v<R>, int> = 0>
  ap_int_base(const R& ref) : ap_int_base(ref.get()) {}

  static ap_int_base from_raw(const raw_type& bits) {
    ap_int_base r;
    r.V.bits = bits;
    return r;
  }

  // ---- Conversions out ------------------------------------------------------------------------
  operator RetType() const { return static_cast<RetType>(to_uint64()); }
  // Reference quirk: only the low 64 bits are tested.
  bool to_bool() const { return to_uint64() != 0; }
  char to_char() const { return static_cast<char>(to_uint64()); }
  signed char to_schar() const { return static_cast<signed char>(to_uint64()); }
  unsigned char to_uchar() const { return static_cast<unsigned char>(to_uint64()); }
  short to_short() const { return static_cast<short>(to_uint64()); }
  unsigned short to_ushort() const { return static_cast<unsigned short>(to_uint64()); }
  int to_int() const { return static_cast<int>(to_uint64()); }
  unsigned to_uint() const { return static_cast<unsigned>(to_uint64()); }
  long to_long() const { return static_cast<long>(to_uint64()); }
  unsigned long to_ulong() const { return static_cast<unsigned long>(to_uint64()); }
  ap_slong to_int64() const { return static_cast<ap_slong>(to_uint64()); }
  ap_ulong to_uint64() const { return ap_detail::word_of<S>(V.bits, 0); }
  // Goes through the 64-bit RetType, so W > 64 uses the low 64 bits (reference behaviour).
  double to_double() const { return static_cast<double>(static_cast<RetType>(to_uint64())); }
  float to_float() const { return static_cast<float>(static_cast<RetType>(to_uint64())); }

  // ---- Queries ----------------------------------------------------------------------------------
  static constexpr int length() { return W; }
  bool iszero() const { return ap_detail::is_zero_raw(V.bits); }
  bool is_zero() const { return iszero(); }
  bool sign() const { return ap_detail::is_negative<S>(V.bits); }

  // ---- Bits ----------------------------------------------------------------------------------
  bool get_bit(int i) const { return ap_detail::bit_of<S>(V.bits, i); }
  bool test(int i) const { return get_bit(i); }
  void set_bit(int i, bool b) { V.bits = ap_detail::with_bit<W, S>(V.bits, i, b); }
  void set(int i, bool b) { set_bit(i, b); }
  void set(int i) { set_bit(i, true); }
  void clear(int i) { set_bit(i, false); }
  void invert(int i) { set_bit(i, !get_bit(i)); }
  void b_not() { V.bits = ap_detail::not_raw<W, S>(V.bits); }

  ap_bit_ref<W, S> operator[](int i) const;
  template <int W2, bool S2>
  ap_bit_ref<W, S> operator[](const ap_int_base<W2, S2>& i) const {
    return (*this)[i.to_int()];
  }
  ap_bit_ref<W, S> bit(int i) const { return (*this)[i]; }
  ap_range_ref<W, S> range(int hi, int lo) const;
  ap_range_ref<W, S> range() const { return range(W - 1, 0); }
  ap_range_ref<W, S> operator()(int hi, int lo) const { return range(hi, lo); }
  template <int W2, bool S2, int W3, bool S3>
  ap_range_ref<W, S> range(const ap_int_base<W2, S2>& hi, const ap_int_base<W3, S3>& lo) const {
    return range(hi.to_int(), lo.to_int());
  }
  template <int W2, bool S2, int W3, bool S3>
  ap_range_ref<W, S> operator()(const ap_int_base<W2, S2>& hi,
                                const ap_int_base<W3, S3>& lo) const {
    return range(hi.to_int(), lo.to_int());
  }
  template <class T>
  auto concat(const T& low) const;

  // ---- Reductions and bit manipulation --------------------------------------------------------
  bool and_reduce() const {
    return ap_detail::is_zero_raw(ap_detail::not_raw<W, false>(unsigned_bits()));
  }
  bool nand_reduce() const { return !and_reduce(); }
  bool or_reduce() const { return !iszero(); }
  bool nor_reduce() const { return iszero(); }
  bool xor_reduce() const {
    // Reference quirk: up to 64 bits the parity is that of the value sign-extended to 64 bits,
    // so a negative ap_int<W> with an odd 64 - W has its parity flipped.
    if constexpr (W <= 64) {
      return __builtin_parityll(ap_detail::word_of<S>(V.bits, 0));
    } else {
      bool parity = false;
      for (int i = 0; i < (W + 63) / 64; ++i)
        parity ^= __builtin_parityll(ap_detail::word_of<false>(unsigned_bits(), i));
      return parity;
    }
  }
  bool xnor_reduce() const { return !xor_reduce(); }
  int countLeadingZeros() const { return W - 1 - ap_detail::highest_set_bit<W>(unsigned_bits()); }
  ap_int_base& reverse() {
    auto bits = unsigned_bits(), reversed = decltype(bits){};
    for (int i = 0; i < W; ++i)
      if (ap_detail::bit_of<false>(bits, i))
        reversed = ap_detail::with_bit<W, false>(reversed, W - 1 - i, true);
    V.bits = ap_detail::cast_raw<W, S, false>(reversed);
    return *this;
  }
  void lrotate(int n) { V.bits = rotated(n % W, true); }
  void rrotate(int n) { V.bits = rotated(n % W, false); }

  // ---- Compound assignment ------------------------------------------------------------------
  // + - * & | ^ wrap to W bits anyway, so they are computed directly modulo 2^W. A
  // fixed-point right-hand side is first truncated toward zero to an integer.
#define HLSNN_AP_INT_COMPOUND(op, modular_expr)                                   \
  HLSNN_AP_MEMBER_OPERATOR(ap_int_base&, op## =, ap_detail::is_int_v<T>, {        \
    using namespace ap_detail;                                                    \
    const auto r = as_int(rhs);                                                   \
    const raw_type y = cast_raw<W, S, decltype(r)::sign_flag>(r.V.bits);          \
    static_cast<void>(y);                                                         \
    if constexpr (modular_expr) {                                                 \
      const raw_type x = V.bits; /* by value: see ap_fixed_base's compound ops */ \
      V.bits = modular<#op[0]>(x, y);                                             \
      return *this;                                                               \
    } else {                                                                      \
      return *this = *this op r;                                                  \
    }                                                                             \
  })                                                                              \
  template <int W2, int I2, bool S2, ap_q_mode Q2, ap_o_mode O2, int N2>          \
  ap_int_base& operator op##=(const ap_fixed_base<W2, I2, S2, Q2, O2, N2>& rhs) { \
    return *this op## = ap_int_base<(I2 > 1 ? I2 : 1), S2>(rhs);                  \
  }
  HLSNN_AP_INT_COMPOUND(+, true)
  HLSNN_AP_INT_COMPOUND(-, true)
  HLSNN_AP_INT_COMPOUND(*, true)
  HLSNN_AP_INT_COMPOUND(/, false)
  HLSNN_AP_INT_COMPOUND(%, false)
  HLSNN_AP_INT_COMPOUND(&, true)
  HLSNN_AP_INT_COMPOUND(|, true)
  HLSNN_AP_INT_COMPOUND(^, true)
#undef HLSNN_AP_INT_COMPOUND
  HLSNN_AP_MEMBER_OPERATOR(ap_int_base&, <<=, ap_detail::is_int_v<T>,
                           { return *this = *this << rhs; })
  HLSNN_AP_MEMBER_OPERATOR(ap_int_base&, >>=, ap_detail::is_int_v<T>,
                           { return *this = *this >> rhs; })

  ap_int_base& operator++() { return *this = *this + 1; }
  ap_int_base& operator--() { return *this = *this - 1; }
  ap_int_base operator++(int) {
    ap_int_base old = *this;
    ++*this;
    return old;
  }
  ap_int_base operator--(int) {
    ap_int_base old = *this;
    --*this;
    return old;
  }

  bool operator!() const { return iszero(); }

  std::string to_string(signed char radix = 2, bool sign = S) const;
  std::string to_string(BaseMode radix, bool sign = S) const {
    return to_string(static_cast<signed char>(radix), sign);
  }

 private:
  template <char Op>
  static raw_type modular(const raw_type& x, const raw_type& y) {
    using namespace ap_detail;
    if constexpr (Op == '+') return add_raw<W, S>(x, y);
    if constexpr (Op == '-') return sub_raw<W, S>(x, y);
    if constexpr (Op == '*') return mul_raw<W, S>(x, y);
    if constexpr (Op == '&') return bitwise_raw<W, S, bitwise::and_op>(x, y);
    if constexpr (Op == '|') return bitwise_raw<W, S, bitwise::or_op>(x, y);
    return bitwise_raw<W, S, bitwise::xor_op>(x, y);
  }
  // Rotation by 0 < n < W. Above 64 bits the vendor rotates a signed value inside whole 64-bit
  // words, where it is sign-extended, with logical shifts, so the copies of the sign bit
  // shift in next to the rotated bits (reproduced on purpose, see ap_int.h).
  raw_type rotated(int n, bool left) const {
    using namespace ap_detail;
    if (n == 0) return V.bits;
    constexpr int B = (S && W > 64) ? (W + 63) / 64 * 64 : W;
    const auto bits = cast_raw<B, false, S>(V.bits);
    const auto rotated_bits = bitwise_raw<B, false, bitwise::or_op>(
        left ? shl_raw<B, false>(bits, n) : shr_raw<B, false>(bits, n),
        left ? shr_raw<B, false>(bits, W - n) : shl_raw<B, false>(bits, W - n));
    return cast_raw<W, S, false>(rotated_bits);
  }
  auto unsigned_bits() const { return ap_detail::cast_raw<W, false, S>(V.bits); }

  static raw_type from_double(double d) {
    using namespace ap_detail;
    // Reference quirk: negative values above -0.5 become +1.
    if (d < 0 && d > -0.5) return raw_from_int<W, S>(1);
    if (std::fabs(d) < 9223372036854775808.0) return cast_raw<W, S, true>(static_cast<i64>(d));
    // Infinity and NaN included: the reference reads them as +-(1.m) * 2^1024.
    const double_parts p = split_double(d);
    return shl_raw<W, S>(cast_raw<W, S, true>(p.mantissa), p.exponent);
  }
  // Finite floats are exact doubles; infinity and NaN are +-(1.m) * 2^128 in the reference.
  static raw_type from_float(float f) {
    using namespace ap_detail;
    if (std::isfinite(f)) return from_double(f);
    std::uint32_t bits;
    std::memcpy(&bits, &f, sizeof bits);
    const i64 magnitude = (bits & 0x7fffff) | 0x800000;
    constexpr int kFloatInfinityShift = 128 - 23;
    return shl_raw<W, S>(cast_raw<W, S, true>(bits >> 31 ? -magnitude : magnitude),
                         kFloatInfinityShift);
  }
};

template <int W>
struct ap_int : ap_int_base<W, true> {
  static_assert(W <= AP_INT_MAX_W,
                "ap_int width exceeds AP_INT_MAX_W (define AP_INT_MAX_W before including)");
  using Base = ap_int_base<W, true>;
  using Base::Base;
  ap_int() = default;
  ap_int(const Base& other) : Base(other) {}
};

template <int W>
struct ap_uint : ap_int_base<W, false> {
  static_assert(W <= AP_INT_MAX_W,
                "ap_uint width exceeds AP_INT_MAX_W (define AP_INT_MAX_W before including)");
  using Base = ap_int_base<W, false>;
  using Base::Base;
  ap_uint() = default;
  ap_uint(const Base& other) : Base(other) {}
};

#define ap_bigint ap_int
#define ap_biguint ap_uint

#endif  // HLSNN_AP_TYPES_DETAIL_INT_BASE_H
