// ap_fixed_base<W,I,S,Q,O,N>: the fixed-point number raw * 2^(I-W), and the user-facing
// ap_fixed / ap_ufixed.
#ifndef HLSNN_AP_TYPES_DETAIL_FIXED_BASE_H
#define HLSNN_AP_TYPES_DETAIL_FIXED_BASE_H

#include "int_ops.h"

template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N>
struct ap_fixed_base {
  static_assert(W >= 1, "ap_fixed/ap_ufixed width must be at least 1");
  static_assert(W <= HLSNN_AP_HARD_MAX_W, "ap_fixed_base width exceeds the hard limit of 65536");
  static_assert(N >= 0 && N <= W, "ap_fixed saturation bits N must satisfy 0 <= N <= W");
  static_assert(S || O != AP_WRAP_SM, "ap_ufixed cannot use AP_WRAP_SM");

  using raw_type = ap_detail::storage_t<W, S>;
  static constexpr int width = W;
  static constexpr int iwidth = I;
  static constexpr ap_q_mode qmode = Q;
  static constexpr ap_o_mode omode = O;
  static constexpr bool sign_flag = S;
  static constexpr int frac_bits = W - I;

  ap_raw<W, S> V;

  ap_fixed_base() = default;
  template <int W2, int I2, bool S2, ap_q_mode Q2, ap_o_mode O2, int N2>
  ap_fixed_base(const ap_fixed_base<W2, I2, S2, Q2, O2, N2>& other) {
    V.bits = ap_detail::convert_fixed<W, S, Q, O, N, W2, S2, frac_bits - (W2 - I2)>(other.V.bits);
  }
  template <int W2, bool S2>
  ap_fixed_base(const ap_int_base<W2, S2>& other) {
    V.bits = ap_detail::convert_fixed<W, S, Q, O, N, W2, S2, frac_bits>(other.V.bits);
  }
  // Construction from C numbers is constexpr so that `static const` tables initialised from
  // literals (generated weights) are constant-initialised instead of by a start-up function the
  // compiler must optimise.
  template <class T, std::enable_if_t<std::is_integral_v<T>, int> = 0>
  constexpr ap_fixed_base(T v)
      : V{ap_detail::convert_fixed<W, S, Q, O, N, ap_detail::int_operand<T>::width,
                                   ap_detail::int_operand<T>::is_signed, frac_bits>(v)} {}
  template <class R, std::enable_if_t<ap_detail::is_int_ref_v<R>, int> = 0>
  ap_fixed_base(const R& ref) : ap_fixed_base(ref.get()) {}
  constexpr ap_fixed_base(double d) : V{ap_detail::convert_double<W, S, frac_bits, Q, O, N>(d)} {}
  constexpr ap_fixed_base(float f) : ap_fixed_base(static_cast<double>(f)) {}
  constexpr ap_fixed_base(long double d) : ap_fixed_base(static_cast<double>(d)) {}
  ap_fixed_base(const char* text, signed char radix = 0);
  ap_fixed_base(const std::string& text, signed char radix = 0)
      : ap_fixed_base(text.c_str(), radix) {}

  static ap_fixed_base from_raw(const raw_type& bits) {
    ap_fixed_base r;
    r.V.bits = bits;
    return r;
  }
  // Raw pattern as an integer and fixed-point views with default modes.
  ap_int_base<W, S> raw_int() const { return ap_int_base<W, S>::from_raw(V.bits); }

  ap_fixed_base& setBits(ap_ulong bits) {
    V = bits;
    return *this;
  }
  static ap_fixed_base bitsToFixed(ap_ulong bits) { return ap_fixed_base().setBits(bits); }

  // ---- Conversions out ------------------------------------------------------------------------
  // Integer part truncated toward zero in max(I,1) bits. Reference quirk: with I <= 0 a
  // negative value gives -1.
  ap_int_base<(I > 1 ? I : 1), S> to_ap_int_base() const {
    using namespace ap_detail;
    constexpr int Wi = I > 1 ? I : 1;
    using R = ap_int_base<Wi, S>;
    const bool neg = is_negative<S>(V.bits);
    if constexpr (I <= 0) {
      return R(neg ? -1 : 0);
    } else if constexpr (frac_bits <= 0) {
      return R::from_raw(shl_raw<Wi, S>(cast_raw<Wi, S, S>(V.bits), -frac_bits));
    } else {
      auto integer = cast_raw<Wi, S, S>(shr_raw<W, S>(V.bits, frac_bits));
      if (neg && low_bits_nonzero<S>(V.bits, frac_bits))
        integer = add_raw<Wi, S>(integer, raw_from_int<Wi, S>(1));
      return R::from_raw(integer);
    }
  }
  double to_double() const { return ap_detail::raw_to_double<W, S, frac_bits>(V.bits); }
  float to_float() const { return ap_detail::raw_to_float<W, S, frac_bits>(V.bits); }
  long double to_ldouble() const { return to_double(); }
  char to_char() const { return to_ap_int_base().to_char(); }
  int to_int() const { return to_ap_int_base().to_int(); }
  unsigned to_uint() const { return to_ap_int_base().to_uint(); }
  long to_long() const { return to_ap_int_base().to_long(); }
  unsigned long to_ulong() const { return to_ap_int_base().to_ulong(); }
  ap_slong to_int64() const { return to_ap_int_base().to_int64(); }
  ap_ulong to_uint64() const { return to_ap_int_base().to_uint64(); }

  operator long double() const { return to_double(); }
  operator double() const { return to_double(); }
  operator float() const { return to_float(); }
  // Reference quirk: only the low 64 raw bits are tested.
  operator bool() const { return ap_detail::word_of<S>(V.bits, 0) != 0; }
  operator char() const { return static_cast<char>(to_int()); }
  operator signed char() const { return static_cast<signed char>(to_int()); }
  operator unsigned char() const { return static_cast<unsigned char>(to_uint()); }
  operator short() const { return static_cast<short>(to_int()); }
  operator unsigned short() const { return static_cast<unsigned short>(to_uint()); }
  operator int() const { return to_int(); }
  operator unsigned int() const { return to_uint(); }
  operator long() const { return static_cast<long>(to_int64()); }
  operator unsigned long() const { return static_cast<unsigned long>(to_uint64()); }
  operator long long() const { return to_int64(); }
  operator unsigned long long() const { return to_uint64(); }

  // ---- Queries ------------------------------------------------------------------------------
  static constexpr int wl() { return W; }
  static constexpr int iwl() { return I; }
  static constexpr ap_q_mode q_mode() { return Q; }
  static constexpr ap_o_mode o_mode() { return O; }
  static constexpr int n_bits() { return N; }
  static constexpr int length() { return W; }
  bool is_neg() const { return ap_detail::is_negative<S>(V.bits); }
  bool is_zero() const { return ap_detail::is_zero_raw(V.bits); }
  bool operator!() const { return is_zero(); }
  int countLeadingZeros() const { return raw_int().countLeadingZeros(); }

  // ---- Bits (raw indices, except get_bit which takes the weight 2^index) ----------------------
  af_bit_ref<W, I, S, Q, O, N> operator[](int i) const;
  template <int W2, bool S2>
  af_bit_ref<W, I, S, Q, O, N> operator[](const ap_int_base<W2, S2>& i) const {
    return (*this)[i.to_int()];
  }
  af_bit_ref<W, I, S, Q, O, N> bit(int i) const { return (*this)[i]; }
  bool get_bit(int weight) const { return ap_detail::bit_of<S>(V.bits, weight + frac_bits); }
  af_range_ref<W, I, S, Q, O, N> range(int hi, int lo) const;
  af_range_ref<W, I, S, Q, O, N> range() const { return range(W - 1, 0); }
  af_range_ref<W, I, S, Q, O, N> operator()(int hi, int lo) const { return range(hi, lo); }
  template <int W2, bool S2, int W3, bool S3>
  af_range_ref<W, I, S, Q, O, N> range(const ap_int_base<W2, S2>& hi,
                                       const ap_int_base<W3, S3>& lo) const {
    return range(hi.to_int(), lo.to_int());
  }

  // ---- Shifts: raw bit shifts in the same type, no quantization or saturation ----------------
  ap_fixed_base operator<<(int n) const { return shifted(n, true); }
  ap_fixed_base operator<<(unsigned n) const { return shifted(clamp_amount(n), true); }
  ap_fixed_base operator>>(int n) const { return shifted(n, false); }
  ap_fixed_base operator>>(unsigned n) const { return shifted(clamp_amount(n), false); }
  template <int W2, bool S2>
  ap_fixed_base operator<<(const ap_int_base<W2, S2>& n) const {
    return shifted(ap_detail::shift_amount(n), true);
  }
  template <int W2, bool S2>
  ap_fixed_base operator>>(const ap_int_base<W2, S2>& n) const {
    return shifted(ap_detail::shift_amount(n), false);
  }
  template <int W2, int I2, bool S2, ap_q_mode Q2, ap_o_mode O2, int N2>
  ap_fixed_base operator<<(const ap_fixed_base<W2, I2, S2, Q2, O2, N2>& n) const {
    return shifted(n.to_int(), true);
  }
  template <int W2, int I2, bool S2, ap_q_mode Q2, ap_o_mode O2, int N2>
  ap_fixed_base operator>>(const ap_fixed_base<W2, I2, S2, Q2, O2, N2>& n) const {
    return shifted(n.to_int(), false);
  }
  HLSNN_AP_MEMBER_OPERATOR(ap_fixed_base&, <<=, true, { return *this = *this << rhs; })
  HLSNN_AP_MEMBER_OPERATOR(ap_fixed_base&, >>=, true, { return *this = *this >> rhs; })
  template <int Shift>
  ap_fixed_base<W, I + Shift, S> lshift() const {
    return ap_fixed_base<W, I + Shift, S>::from_raw(V.bits);
  }
  template <int Shift>
  ap_fixed_base<W, I - Shift, S> rshift() const {
    return ap_fixed_base<W, I - Shift, S>::from_raw(V.bits);
  }

  // ---- Arithmetic members ---------------------------------------------------------------------
  ap_fixed_base<W, I, true, Q, O, N> getNeg() const {
    return ap_fixed_base<W, I, true, Q, O, N>::from_raw(
        ap_detail::neg_raw<W, true>(ap_detail::cast_raw<W, true, S>(V.bits)));
  }

  // Compound assignment: full-precision result converted back with this type's Q/O/N. With
  // the default modes, + and - reduce to aligning the right-hand side (floor) and adding
  // modulo 2^W, which gives the same bits without the wide intermediate.
#define HLSNN_AP_FIXED_COMPOUND(op, modular_add)                                           \
  HLSNN_AP_MEMBER_OPERATOR(                                                                 \
      ap_fixed_base&, op##=, ap_detail::is_int_v<T> || ap_detail::is_fixed_v<T>, {         \
    using namespace ap_detail;                                                             \
    using R = decltype(as_fixed(rhs));                                                     \
    /* a - floor(b) differs from floor(a - b) when b has more fraction bits */             \
    if constexpr (modular_add && Q == AP_TRN && O == AP_WRAP && N == 0 &&                  \
                  (#op[0] == '+' || R::frac_bits <= frac_bits)) {                          \
      const auto r = as_fixed(rhs);                                                        \
      const raw_type y = convert_fixed<W, S, AP_TRN, AP_WRAP, 0, R::width, R::sign_flag>(  \
          r.V.bits, frac_bits - R::frac_bits);                                             \
      /* Read V.bits by value: a load through a `const T&` parameter has another alias */  \
      /* type than the store below, which stops GCC keeping accumulators in registers. */  \
      const raw_type x = V.bits;                                                           \
      V.bits = #op[0] == '+' ? add_raw<W, S>(x, y) : sub_raw<W, S>(x, y);                  \
      return *this;                                                                        \
    } else {                                                                               \
      return *this = *this op rhs;                                                         \
    }                                                                                      \
  })
  HLSNN_AP_FIXED_COMPOUND(+, true)
  HLSNN_AP_FIXED_COMPOUND(-, true)
  HLSNN_AP_FIXED_COMPOUND(*, false)
  HLSNN_AP_FIXED_COMPOUND(/, false)
  HLSNN_AP_FIXED_COMPOUND(&, false)
  HLSNN_AP_FIXED_COMPOUND(|, false)
  HLSNN_AP_FIXED_COMPOUND(^, false)
#undef HLSNN_AP_FIXED_COMPOUND

  ap_fixed_base& operator++() {
    static_assert(I <= W, "++ on an ap_fixed with I > W is not supported by the reference");
    return *this = *this + ap_fixed_base<2, 2, true>(1);
  }
  ap_fixed_base& operator--() {
    static_assert(I <= W, "-- on an ap_fixed with I > W is not supported by the reference");
    return *this = *this - ap_fixed_base<2, 2, true>(1);
  }
  ap_fixed_base operator++(int) {
    ap_fixed_base old = *this;
    ++*this;
    return old;
  }
  ap_fixed_base operator--(int) {
    ap_fixed_base old = *this;
    --*this;
    return old;
  }

  std::string to_string(unsigned char radix = 2, bool sign = S) const;
  std::string to_string(BaseMode radix, bool sign = S) const {
    return to_string(static_cast<unsigned char>(radix), sign);
  }

 private:
  static long long clamp_amount(unsigned n) { return n > 0x7fffffffu ? 0x7fffffff : n; }
  ap_fixed_base shifted(long long n, bool left) const {
    return from_raw(ap_detail::shift_int(raw_int(), n, left).V.bits);
  }
};

template <int W, int I, ap_q_mode Q, ap_o_mode O, int N>
struct ap_fixed : ap_fixed_base<W, I, true, Q, O, N> {
  static_assert(W <= AP_INT_MAX_W,
                "ap_fixed width exceeds AP_INT_MAX_W (define AP_INT_MAX_W before including)");
  using Base = ap_fixed_base<W, I, true, Q, O, N>;
  using Base::Base;
  ap_fixed() = default;
  ap_fixed(const Base& other) : Base(other) {}
};

template <int W, int I, ap_q_mode Q, ap_o_mode O, int N>
struct ap_ufixed : ap_fixed_base<W, I, false, Q, O, N> {
  static_assert(W <= AP_INT_MAX_W,
                "ap_ufixed width exceeds AP_INT_MAX_W (define AP_INT_MAX_W before including)");
  using Base = ap_fixed_base<W, I, false, Q, O, N>;
  using Base::Base;
  ap_ufixed() = default;
  ap_ufixed(const Base& other) : Base(other) {}
};

// ap_int from ap_fixed: the integer part truncated toward zero, then modulo 2^W.
template <int W, bool S>
template <int W2, int I2, bool S2, ap_q_mode Q2, ap_o_mode O2, int N2>
ap_int_base<W, S>::ap_int_base(const ap_fixed_base<W2, I2, S2, Q2, O2, N2>& f)
    : ap_int_base(f.to_ap_int_base()) {}

#endif  // HLSNN_AP_TYPES_DETAIL_FIXED_BASE_H
