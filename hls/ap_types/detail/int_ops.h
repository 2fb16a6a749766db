// Operators on integer operands: ap_int/ap_uint, bit/range/concat references and C integers
// (semantics §5.1, §5.4). Each operator maps both operands to ap_int_base views and computes
// in the result width chosen by int_result.
#ifndef HLSNN_AP_TYPES_DETAIL_INT_OPS_H
#define HLSNN_AP_TYPES_DETAIL_INT_OPS_H

#include "int_base.h"

namespace ap_detail {

// The ap_int_base value of any integer-like operand.
template <class T>
auto as_int(const T& v) {
  using Traits = int_operand<T>;
  if constexpr (!Traits::is_ap) {
    return ap_int_base<Traits::width, Traits::is_signed>(v);
  } else if constexpr (Traits::is_ref) {
    return v.get();
  } else {
    return static_cast<const ap_int_base<Traits::width, Traits::is_signed>&>(v);
  }
}

enum class arith { add, sub, mul };

// +, - and * whose exact result always fits the result width, so no renormalisation is needed
// for native storage.
template <class R, arith Op, int W1, bool S1, int W2, bool S2>
inline R exact_arith(const ap_int_base<W1, S1>& a, const ap_int_base<W2, S2>& b) {
  constexpr int W = R::width;
  constexpr bool S = R::sign_flag;
  using T = storage_t<W, S>;
  const T x = cast_raw<W, S, S1>(a.V.bits), y = cast_raw<W, S, S2>(b.V.bits);
  R r;
  if constexpr (!is_wide_v<T>) {
    using U = uarith_t<T>;
    const U ux = static_cast<U>(x), uy = static_cast<U>(y);
    r.V.bits = static_cast<T>(Op == arith::add ? ux + uy : Op == arith::sub ? ux - uy : ux * uy);
  } else {
    r.V.bits = Op == arith::add   ? add_raw<W, S>(x, y)
               : Op == arith::sub ? sub_raw<W, S>(x, y)
                                  : mul_raw<W, S>(x, y);
  }
  return r;
}

template <class R, bitwise Op, int W1, bool S1, int W2, bool S2>
inline R bitwise_ints(const ap_int_base<W1, S1>& a, const ap_int_base<W2, S2>& b) {
  constexpr int W = R::width;
  constexpr bool S = R::sign_flag;
  R r;
  r.V.bits = bitwise_raw<W, S, Op>(cast_raw<W, S, S1>(a.V.bits), cast_raw<W, S, S2>(b.V.bits));
  return r;
}

// Division and remainder: both operands are brought to max(W1,W2)+[S1|S2] bits with the
// signedness of the strictly wider operand, so a wider unsigned operand makes the division
// unsigned. The remainder is signed only when both the dividend and that format are.
template <int W1, bool S1, int W2, bool S2>
struct divide_format {
  static constexpr int width = max_of(W1, W2) + (S1 || S2);
  static constexpr bool is_signed = W1 > W2 ? S1 : (W2 > W1 ? S2 : (S1 || S2));
};

template <class R, bool Quotient, int W1, bool S1, int W2, bool S2>
inline R divide_ints(const ap_int_base<W1, S1>& a, const ap_int_base<W2, S2>& b) {
  constexpr int M = divide_format<W1, S1, W2, S2>::width;
  constexpr bool Sd = divide_format<W1, S1, W2, S2>::is_signed;
  constexpr bool signed_op = Quotient ? Sd : S1 && Sd;
  using T = storage_t<M, signed_op>;
  // Extended with the format's signedness, then read as M-bit patterns of the operation's.
  const T x = cast_raw<M, signed_op, Sd>(cast_raw<M, Sd, S1>(a.V.bits));
  const T y = cast_raw<M, signed_op, Sd>(cast_raw<M, Sd, S2>(b.V.bits));
  T q, rem;
  divmod_raw<M, signed_op>(x, y, Quotient ? &q : nullptr, Quotient ? nullptr : &rem);
  R r;
  r.V.bits = cast_raw<R::width, R::sign_flag, signed_op>(Quotient ? q : rem);
  return r;
}

// Three-way comparison with the reference's mixed-signedness rules (§5.4).
template <int W1, bool S1, int W2, bool S2>
inline int compare_ints(const ap_int_base<W1, S1>& a, const ap_int_base<W2, S2>& b, bool equality) {
  constexpr int Wmax = max_of(W1, W2);
  if constexpr (S1 == S2) {
    return compare_raw<S1>(cast_raw<Wmax, S1, S1>(a.V.bits), cast_raw<Wmax, S1, S2>(b.V.bits));
  } else {
    constexpr int signed_w = S1 ? W1 : W2, unsigned_w = S1 ? W2 : W1;
    constexpr bool exact_relational = (W1 < 32 && W2 < 32) || signed_w > unsigned_w;
    constexpr bool exact_equality = W1 == W2 && W1 <= 64;
    if ((equality && exact_equality) || (!equality && exact_relational)) {
      return compare_raw<true>(cast_raw<Wmax + 1, true, S1>(a.V.bits),
                               cast_raw<Wmax + 1, true, S2>(b.V.bits));
    }
    // Both operands extended by their own sign, then compared as unsigned patterns.
    constexpr int E = W1 > 64 ? Wmax : max_of(Wmax, 32);
    if (equality) {
      return compare_raw<false>(cast_raw<E, false, S1>(a.V.bits), cast_raw<E, false, S2>(b.V.bits));
    }
    // Relational: both extended by their own sign to max(W1, W2) + 1 bits, then unsigned, so
    // a negative signed operand compares above every value of the unsigned one.
    return compare_raw<false>(cast_raw<Wmax + 1, false, S1>(a.V.bits),
                              cast_raw<Wmax + 1, false, S2>(b.V.bits));
  }
}

// Shift amount of any integer operand as a signed count, clamped so it cannot wrap.
template <class T>
inline long long shift_amount(const T& n) {
  if constexpr (std::is_integral_v<T>) {
    if constexpr (std::is_signed_v<T>) {
      return n;
    } else {
      return n > 0x7fffffffu ? 0x7fffffff : static_cast<long long>(n);
    }
  } else {
    auto v = as_int(n);
    if constexpr (decltype(v)::sign_flag) {
      if (v.sign()) return v.to_int64() < -0x7fffffff ? -0x7fffffff : v.to_int64();
    }
    return highest_set_bit<decltype(v)::width>(v.V.bits) > 30 ? 0x7fffffff : v.to_int64();
  }
}

template <int W, bool S>
inline int_t<W, S> shift_int(const ap_int_base<W, S>& a, long long n, bool left) {
  if (n < 0) {
    left = !left;
    n = -n;
  }
  const unsigned amount = n > W ? W : static_cast<unsigned>(n);
  int_t<W, S> r;
  r.V.bits = left ? shl_raw<W, S>(a.V.bits, amount) : shr_raw<W, S>(a.V.bits, amount);
  return r;
}

}  // namespace ap_detail

// ---- Binary operators on integer-like operands ----------------------------------------------

#define HLSNN_AP_INT_ARITH(op, kind, impl)                                                   \
  HLSNN_AP_BINARY_OPERATOR(auto, op, ap_detail::enable_int_pair_t, {                         \
    using namespace ap_detail;                                                               \
    using Ta = int_operand<A>;                                                               \
    using Tb = int_operand<B>;                                                               \
    using R = typename int_result<Ta::width, Ta::is_signed, Tb::width, Tb::is_signed>::kind; \
    return impl(as_int(a), as_int(b));                                                       \
  })
HLSNN_AP_INT_ARITH(+, plus, (ap_detail::exact_arith<R, arith::add>))
HLSNN_AP_INT_ARITH(-, minus, (ap_detail::exact_arith<R, arith::sub>))
HLSNN_AP_INT_ARITH(*, mult, (ap_detail::exact_arith<R, arith::mul>))
HLSNN_AP_INT_ARITH(/, div, (ap_detail::divide_ints<R, true>))
HLSNN_AP_INT_ARITH(%, mod, (ap_detail::divide_ints<R, false>))
HLSNN_AP_INT_ARITH(&, logic, (ap_detail::bitwise_ints<R, bitwise::and_op>))
HLSNN_AP_INT_ARITH(|, logic, (ap_detail::bitwise_ints<R, bitwise::or_op>))
HLSNN_AP_INT_ARITH(^, logic, (ap_detail::bitwise_ints<R, bitwise::xor_op>))
#undef HLSNN_AP_INT_ARITH

#define HLSNN_AP_INT_COMPARE(op, equality)                                                     \
  HLSNN_AP_BINARY_OPERATOR(bool, op, ap_detail::enable_int_pair_t, {                           \
    return ap_detail::compare_ints(ap_detail::as_int(a), ap_detail::as_int(b), equality) op 0; \
  })
HLSNN_AP_INT_COMPARE(==, true)
HLSNN_AP_INT_COMPARE(!=, true)
HLSNN_AP_INT_COMPARE(<, false)
HLSNN_AP_INT_COMPARE(<=, false)
HLSNN_AP_INT_COMPARE(>, false)
HLSNN_AP_INT_COMPARE(>=, false)
#undef HLSNN_AP_INT_COMPARE

// Shifts keep the left operand's type; a negative amount shifts the other way. A C integer
// shifted by an ap value is a C shift by that value (the vendor has no such overload and
// converts the ap value to its C integer type).
HLSNN_AP_BINARY_OPERATOR(auto, <<, ap_detail::enable_int_pair_t, {
  if constexpr (std::is_integral_v<A>) {
    return a << ap_detail::as_int(b).to_int64();
  } else {
    return ap_detail::shift_int(ap_detail::as_int(a), ap_detail::shift_amount(b), true);
  }
})
HLSNN_AP_BINARY_OPERATOR(auto, >>, ap_detail::enable_int_pair_t, {
  if constexpr (std::is_integral_v<A>) {
    return a >> ap_detail::as_int(b).to_int64();
  } else {
    return ap_detail::shift_int(ap_detail::as_int(a), ap_detail::shift_amount(b), false);
  }
})

// Floating-point operands compute in C from the 64-bit RetType (+ - * / only).
#define HLSNN_AP_INT_FLOAT(op)                                                                   \
  template <class A, class F,                                                                    \
            std::enable_if_t<ap_detail::is_ap_int_v<A> && std::is_floating_point_v<F>, int> = 0> \
  inline auto operator op(const A& a, F f) {                                                     \
    auto v = ap_detail::as_int(a);                                                               \
    return static_cast<typename decltype(v)::RetType>(v) op f;                                   \
  }                                                                                              \
  template <class F, class B,                                                                    \
            std::enable_if_t<ap_detail::is_ap_int_v<B> && std::is_floating_point_v<F>, int> = 0> \
  inline auto operator op(F f, const B& b) {                                                     \
    auto v = ap_detail::as_int(b);                                                               \
    return f op static_cast<typename decltype(v)::RetType>(v);                                   \
  }
HLSNN_AP_INT_FLOAT(+)
HLSNN_AP_INT_FLOAT(-)
HLSNN_AP_INT_FLOAT(*)
HLSNN_AP_INT_FLOAT(/)
#undef HLSNN_AP_INT_FLOAT

#define HLSNN_AP_INT_FLOAT_COMPARE(op)                                                           \
  template <class A, class F,                                                                    \
            std::enable_if_t<ap_detail::is_ap_int_v<A> && std::is_floating_point_v<F>, int> = 0> \
  inline bool operator op(const A& a, F f) {                                                     \
    return ap_detail::as_int(a).to_double() op static_cast<double>(f);                           \
  }                                                                                              \
  template <class F, class B,                                                                    \
            std::enable_if_t<ap_detail::is_ap_int_v<B> && std::is_floating_point_v<F>, int> = 0> \
  inline bool operator op(F f, const B& b) {                                                     \
    return static_cast<double>(f) op ap_detail::as_int(b).to_double();                           \
  }
HLSNN_AP_INT_FLOAT_COMPARE(==)
HLSNN_AP_INT_FLOAT_COMPARE(!=)
HLSNN_AP_INT_FLOAT_COMPARE(<)
HLSNN_AP_INT_FLOAT_COMPARE(<=)
HLSNN_AP_INT_FLOAT_COMPARE(>)
HLSNN_AP_INT_FLOAT_COMPARE(>=)
#undef HLSNN_AP_INT_FLOAT_COMPARE

// ---- Unary operators ------------------------------------------------------------------------

// Computed as ap_uint<1>(0) - a like the reference, so -ap_int<1> is 3 bits wide.
template <int W, bool S>
inline auto operator-(const ap_int_base<W, S>& a) {
  using R = typename ap_detail::int_result<1, false, W, S>::minus;
  return ap_detail::exact_arith<R, ap_detail::arith::sub>(ap_int_base<1, false>(0), a);
}
template <int W, bool S>
inline ap_detail::int_t<W, S> operator+(const ap_int_base<W, S>& a) {
  return a;
}
template <int W, bool S>
inline ap_detail::int_t<W, S> operator~(const ap_int_base<W, S>& a) {
  ap_detail::int_t<W, S> r;
  r.V.bits = ap_detail::not_raw<W, S>(a.V.bits);
  return r;
}

#endif  // HLSNN_AP_TYPES_DETAIL_INT_OPS_H
