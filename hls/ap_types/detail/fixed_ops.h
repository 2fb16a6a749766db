// Operators with at least one fixed-point operand (semantics §5.2 - §5.4). Integer operands
// take part as ap_fixed<W,W,S>; results are exact in the type chosen by fixed_result, except
// division, which truncates toward zero like the reference.
#ifndef HLSNN_AP_TYPES_DETAIL_FIXED_OPS_H
#define HLSNN_AP_TYPES_DETAIL_FIXED_OPS_H

#include "fixed_base.h"

namespace ap_detail {

// Default-mode fixed view (W, I, S) of any fixed or integer operand; raw bits unchanged.
template <class T>
auto as_fixed(const T& v) {
  if constexpr (is_fixed_v<T>) {
    using P = fixed_operand<T>;
    return ap_fixed_base<P::width, P::iwidth, P::is_signed>::from_raw(v.V.bits);
  } else {
    const auto i = as_int(v);
    using B = decltype(i);
    return ap_fixed_base<B::width, B::width, B::sign_flag>::from_raw(i.V.bits);
  }
}

// Raw bits of `x` scaled by 2^shift in the (W, S) storage; the caller guarantees the value fits.
template <int W, bool S, int Ws, bool Ss>
inline storage_t<W, S> aligned_raw(const storage_t<Ws, Ss>& x, int shift) {
  const storage_t<W, S> v = cast_raw<W, S, Ss>(x);
  if constexpr (!is_wide_v<storage_t<W, S>>) {
    using U = uarith_t<storage_t<W, S>>;
    return static_cast<storage_t<W, S>>(static_cast<U>(v) << shift);
  } else {
    return shl_raw<W, S>(v, shift);
  }
}

template <class R, class A, class B>
inline R fixed_as_int_op(const A& a, const B& b, int op) {
  constexpr int Fr = R::width - R::iwidth;
  constexpr int Wr = R::width;
  constexpr bool Sr = R::sign_flag;
  const auto x = ap_int_base<Wr, Sr>::from_raw(
      aligned_raw<Wr, Sr, A::width, A::sign_flag>(a.V.bits, Fr - (A::width - A::iwidth)));
  const auto y = ap_int_base<Wr, Sr>::from_raw(
      aligned_raw<Wr, Sr, B::width, B::sign_flag>(b.V.bits, Fr - (B::width - B::iwidth)));
  using Ri = ap_int_base<Wr, Sr>;
  switch (op) {
    case '+':
      return R::from_raw(exact_arith<Ri, arith::add>(x, y).V.bits);
    case '-':
      return R::from_raw(exact_arith<Ri, arith::sub>(x, y).V.bits);
    case '&':
      return R::from_raw(bitwise_ints<Ri, bitwise::and_op>(x, y).V.bits);
    case '|':
      return R::from_raw(bitwise_ints<Ri, bitwise::or_op>(x, y).V.bits);
    default:
      return R::from_raw(bitwise_ints<Ri, bitwise::xor_op>(x, y).V.bits);
  }
}

template <class R, class A, class B>
inline R fixed_mul(const A& a, const B& b) {
  using Ri = ap_int_base<R::width, R::sign_flag>;
  return R::from_raw(exact_arith<Ri, arith::mul>(a.raw_int(), b.raw_int()).V.bits);
}

// Quotient raw = trunc(raw1 * 2^max(F2,0) / raw2), computed in the reference's intermediate
// width, where min / -1 wraps (reproduced sign bug).
template <class R, class A, class B>
inline R fixed_div(const A& a, const B& b) {
  constexpr int W1 = A::width, W2 = B::width, F2 = W2 - B::iwidth;
  constexpr bool S1 = A::sign_flag, S2 = B::sign_flag, Sd = S1 || S2;
  constexpr int Wd = max_of(W1 + max_of(F2, 0) + (S2 && !S1), W2 + (S1 && !S2));
  const auto dividend =
      cast_raw<Wd, Sd, S1>(shl_raw<Wd, S1>(cast_raw<Wd, S1, S1>(a.V.bits), max_of(F2, 0)));
  const auto divisor = cast_raw<Wd, Sd, S2>(b.V.bits);
  storage_t<Wd, Sd> q;
  divmod_raw<Wd, Sd>(dividend, divisor, &q, static_cast<storage_t<Wd, Sd>*>(nullptr));
  return R::from_raw(cast_raw<R::width, R::sign_flag, Sd>(q));
}

// True for a signed ap_fixed operand with AP_SAT_SYM overflow.
template <class T, class = void>
struct is_sat_sym : std::false_type {};
template <class T>
struct is_sat_sym<T, std::enable_if_t<is_fixed_v<T>>>
    : std::bool_constant<std::decay_t<T>::omode == AP_SAT_SYM && std::decay_t<T>::sign_flag> {};

// Binary points aligned the reference's way, then the integer comparison rules apply. The
// reference widens b with b's own modes, so with AP_SAT_SYM (`b_sat_sym`) b's minimum becomes
// minus its maximum.
template <class A, class B>
inline int compare_fixed(const A& a, const B& b, bool equality, bool b_sat_sym) {
  constexpr int F1 = A::width - A::iwidth, F2 = B::width - B::iwidth;
  constexpr bool S1 = A::sign_flag, S2 = B::sign_flag;
  if constexpr (F1 > F2) {
    constexpr int Wb = B::width + F1 - F2;
    auto y = ap_int_base<Wb, S2>::from_raw(aligned_raw<Wb, S2, B::width, S2>(b.V.bits, F1 - F2));
    if constexpr (S2) {
      const auto min_b = shl_raw<Wb, true>(raw_from_int<Wb, true>(-1), Wb - 1);
      if (b_sat_sym && compare_raw<true>(y.V.bits, min_b) == 0)
        y.V.bits = add_raw<Wb, true>(min_b, raw_from_int<Wb, true>(1));
    }
    return compare_ints(a.raw_int(), y, equality);
  } else if constexpr (F1 < F2) {
    constexpr int Wa = A::width + F2 - F1 + 1;
    const auto x =
        ap_int_base<Wa, S1>::from_raw(aligned_raw<Wa, S1, A::width, S1>(a.V.bits, F2 - F1));
    return compare_ints(x, b.raw_int(), equality);
  } else {
    return compare_ints(a.raw_int(), b.raw_int(), equality);
  }
}

}  // namespace ap_detail

#define HLSNN_AP_FIXED_BINARY(op, kind, impl)                                                 \
  HLSNN_AP_BINARY_OPERATOR(auto, op, ap_detail::enable_fixed_pair_t, {                        \
    using namespace ap_detail;                                                                \
    const auto x = as_fixed(a);                                                               \
    const auto y = as_fixed(b);                                                               \
    using X = decltype(x);                                                                    \
    using Y = decltype(y);                                                                    \
    using R = typename fixed_result<X::width, X::iwidth, X::sign_flag, Y::width, Y::iwidth,   \
                                    Y::sign_flag>::kind;                                      \
    return impl;                                                                              \
  })
HLSNN_AP_FIXED_BINARY(+, plus, (fixed_as_int_op<R>(x, y, '+')))
HLSNN_AP_FIXED_BINARY(-, minus, (fixed_as_int_op<R>(x, y, '-')))
HLSNN_AP_FIXED_BINARY(&, logic, (fixed_as_int_op<R>(x, y, '&')))
HLSNN_AP_FIXED_BINARY(|, logic, (fixed_as_int_op<R>(x, y, '|')))
HLSNN_AP_FIXED_BINARY(^, logic, (fixed_as_int_op<R>(x, y, '^')))
HLSNN_AP_FIXED_BINARY(*, mult, (fixed_mul<R>(x, y)))
HLSNN_AP_FIXED_BINARY(/, div, (fixed_div<R>(x, y)))
#undef HLSNN_AP_FIXED_BINARY

#define HLSNN_AP_FIXED_COMPARE(op, equality)                                                    \
  HLSNN_AP_BINARY_OPERATOR(bool, op, ap_detail::enable_fixed_pair_t, {                         \
    return ap_detail::compare_fixed(ap_detail::as_fixed(a), ap_detail::as_fixed(b), equality,   \
                                    ap_detail::is_sat_sym<B>::value) op 0;                      \
  })                                                                                            \
  template <class A, class F,                                                                   \
            std::enable_if_t<ap_detail::is_fixed_v<A> && std::is_floating_point_v<F>, int> = 0> \
  inline bool operator op(const A& a, F f) {                                                    \
    return a.to_double() op static_cast<double>(f);                                             \
  }                                                                                             \
  template <class F, class B,                                                                   \
            std::enable_if_t<ap_detail::is_fixed_v<B> && std::is_floating_point_v<F>, int> = 0> \
  inline bool operator op(F f, const B& b) {                                                    \
    return static_cast<double>(f) op b.to_double();                                             \
  }
HLSNN_AP_FIXED_COMPARE(==, true)
HLSNN_AP_FIXED_COMPARE(!=, true)
HLSNN_AP_FIXED_COMPARE(<, false)
HLSNN_AP_FIXED_COMPARE(<=, false)
HLSNN_AP_FIXED_COMPARE(>, false)
HLSNN_AP_FIXED_COMPARE(>=, false)
#undef HLSNN_AP_FIXED_COMPARE

// Shifts by C integer types other than int/unsigned keep the bits in a default-mode type.
template <class A, class T,
          std::enable_if_t<ap_detail::is_fixed_v<A> && std::is_integral_v<T> &&
                               !std::is_same_v<T, int> && !std::is_same_v<T, unsigned>,
                           int> = 0>
inline auto operator<<(const A& a, T n) {
  return ap_detail::as_fixed(a) << static_cast<int>(ap_detail::shift_amount(n));
}
template <class A, class T,
          std::enable_if_t<ap_detail::is_fixed_v<A> && std::is_integral_v<T> &&
                               !std::is_same_v<T, int> && !std::is_same_v<T, unsigned>,
                           int> = 0>
inline auto operator>>(const A& a, T n) {
  return ap_detail::as_fixed(a) >> static_cast<int>(ap_detail::shift_amount(n));
}

template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N>
inline ap_fixed_base<W + 1, I + 1, true> operator-(const ap_fixed_base<W, I, S, Q, O, N>& a) {
  using R = ap_fixed_base<W + 1, I + 1, true>;
  return R::from_raw(
      ap_detail::neg_raw<W + 1, true>(ap_detail::cast_raw<W + 1, true, S>(a.V.bits)));
}
template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N>
inline ap_fixed_base<W, I, S, Q, O, N> operator+(const ap_fixed_base<W, I, S, Q, O, N>& a) {
  return a;
}
template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N>
inline ap_fixed_base<W, I, S> operator~(const ap_fixed_base<W, I, S, Q, O, N>& a) {
  return ap_fixed_base<W, I, S>::from_raw(ap_detail::not_raw<W, S>(a.V.bits));
}

#endif  // HLSNN_AP_TYPES_DETAIL_FIXED_OPS_H
