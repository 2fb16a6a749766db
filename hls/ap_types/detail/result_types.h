// Result types of every operator (semantics §5), computed in this one place, and the operand
// traits that map each argument kind (ap types, bit/range/concat references, C integers) onto
// a (width, signedness) integer or a (width, integer bits, signedness) fixed-point view.
#ifndef HLSNN_AP_TYPES_DETAIL_RESULT_TYPES_H
#define HLSNN_AP_TYPES_DETAIL_RESULT_TYPES_H

#include "config.h"

namespace ap_detail {

constexpr int max_of(int a, int b) { return a > b ? a : b; }
constexpr int min_of(int a, int b) { return a < b ? a : b; }

// User-facing names up to AP_INT_MAX_W; wider intermediate results stay *_base types.
template <int W, bool S>
using int_t = std::conditional_t<(W <= AP_INT_MAX_W), std::conditional_t<S, ap_int<W>, ap_uint<W>>,
                                 ap_int_base<W, S>>;
template <int W, int I, bool S>
using fixed_t =
    std::conditional_t<(W <= AP_INT_MAX_W), std::conditional_t<S, ap_fixed<W, I>, ap_ufixed<W, I>>,
                       ap_fixed_base<W, I, S>>;

template <int W1, bool S1, int W2, bool S2>
struct int_result {
  static constexpr bool s = S1 || S2;
  // Width needed to hold both operands once each is extended by the other's signedness.
  static constexpr int common_w = max_of(W1 + (S2 && !S1), W2 + (S1 && !S2));
  using plus = int_t<common_w + 1, s>;
  using minus = int_t<common_w + 1, true>;
  using mult = int_t<W1 + W2, s>;
  using div = int_t<W1 + S2, s>;
  using mod = int_t<min_of(W1, W2 + (S1 && !S2)), S1>;
  using logic = int_t<common_w, s>;
};

template <int W1, int I1, bool S1, int W2, int I2, bool S2>
struct fixed_result {
  static constexpr int F1 = W1 - I1, F2 = W2 - I2;
  static constexpr bool s = S1 || S2;
  static constexpr int common_i = max_of(I1 + (S2 && !S1), I2 + (S1 && !S2));
  static constexpr int common_f = max_of(F1, F2);
  using plus = fixed_t<common_i + 1 + common_f, common_i + 1, s>;
  using minus = fixed_t<common_i + 1 + common_f, common_i + 1, true>;
  using mult = fixed_t<W1 + W2, I1 + I2, s>;
  using div = fixed_t<W1 + max_of(F2, 0) + S2, I1 + F2 + S2, s>;
  using logic = fixed_t<common_i + common_f, common_i, s>;
};

// ---- Operand traits -------------------------------------------------------------------------

// int_operand<T>: T acts as an integer of `width` bits and signedness `is_signed`.
template <class T, class = void>
struct int_operand : std::false_type {
  static constexpr bool is_ap = false;
  static constexpr bool is_ref = false;
};

template <class T>
struct int_operand<T, std::enable_if_t<std::is_integral_v<T>>> : std::true_type {
  static constexpr int width = std::is_same_v<T, bool> ? 1 : int(sizeof(T) * 8);
  static constexpr bool is_signed = std::is_signed_v<T>;
  static constexpr bool is_ap = false;
  static constexpr bool is_ref = false;
};

template <int W, bool S, bool Ref = false>
struct ap_int_operand : std::true_type {
  static constexpr int width = W;
  static constexpr bool is_signed = S;
  static constexpr bool is_ap = true;
  static constexpr bool is_ref = Ref;  // a proxy whose value is obtained with get()
};
template <int W, bool S>
struct int_operand<ap_int_base<W, S>> : ap_int_operand<W, S> {};
template <int W>
struct int_operand<ap_int<W>> : ap_int_operand<W, true> {};
template <int W>
struct int_operand<ap_uint<W>> : ap_int_operand<W, false> {};
template <int W, bool S>
struct int_operand<ap_range_ref<W, S>> : ap_int_operand<W, false, true> {};
template <int W, bool S>
struct int_operand<ap_bit_ref<W, S>> : ap_int_operand<1, false, true> {};
template <int W1, class T1, int W2, class T2>
struct int_operand<ap_concat_ref<W1, T1, W2, T2>> : ap_int_operand<W1 + W2, false, true> {};
template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N>
struct int_operand<af_range_ref<W, I, S, Q, O, N>> : ap_int_operand<W, false, true> {};
template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N>
struct int_operand<af_bit_ref<W, I, S, Q, O, N>> : ap_int_operand<1, false, true> {};

// fixed_operand<T>: T is an ap_fixed type with parameters W, I, S.
template <class T>
struct fixed_operand : std::false_type {};
template <int W, int I, bool S>
struct fixed_params : std::true_type {
  static constexpr int width = W, iwidth = I;
  static constexpr bool is_signed = S;
};
template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N>
struct fixed_operand<ap_fixed_base<W, I, S, Q, O, N>> : fixed_params<W, I, S> {};
template <int W, int I, ap_q_mode Q, ap_o_mode O, int N>
struct fixed_operand<ap_fixed<W, I, Q, O, N>> : fixed_params<W, I, true> {};
template <int W, int I, ap_q_mode Q, ap_o_mode O, int N>
struct fixed_operand<ap_ufixed<W, I, Q, O, N>> : fixed_params<W, I, false> {};

template <class T>
constexpr bool is_int_v = int_operand<std::decay_t<T>>::value;
template <class T>
constexpr bool is_ap_int_v = is_int_v<T>&& int_operand<std::decay_t<T>>::is_ap;
template <class T>
constexpr bool is_int_ref_v = is_int_v<T>&& int_operand<std::decay_t<T>>::is_ref;
template <class T>
constexpr bool is_fixed_v = fixed_operand<std::decay_t<T>>::value;

// Both operands integer-like and at least one of them an ap type.
template <class A, class B>
using enable_int_pair_t =
    std::enable_if_t<is_int_v<A> && is_int_v<B> && (is_ap_int_v<A> || is_ap_int_v<B>), int>;
// At least one operand fixed-point, the other fixed-point or integer-like.
template <class A, class B>
using enable_fixed_pair_t = std::enable_if_t<
    (is_fixed_v<A> && (is_fixed_v<B> || is_int_v<B>)) || (is_int_v<A> && is_fixed_v<B>), int>;

// C integer operands are taken by value, as the vendor headers do: binding a reference to a
// `static const` member declared without a definition (hls4ml's CONFIG_T::table_size) ODR-uses
// it, which fails to link. So each operator template comes as a by-reference overload for
// class-type operands and by-value overloads for a C integer on either side, sharing one body
// (__VA_ARGS__, which names the operands `a` and `b`). `enable` is an alias template of <A, B>.
#define HLSNN_AP_BINARY_OPERATOR(ret, op, enable, ...)                                   \
  template <class A, class B, enable<A, B> = 0,                                          \
            std::enable_if_t<!std::is_integral_v<A> && !std::is_integral_v<B>, int> = 0> \
  inline ret operator op(const A& a, const B& b) __VA_ARGS__                             \
  template <class A, class B, enable<A, B> = 0,                                          \
            std::enable_if_t<std::is_integral_v<B>, int> = 0>                            \
  inline ret operator op(const A& a, B b) __VA_ARGS__                                    \
  template <class A, class B, enable<A, B> = 0,                                          \
            std::enable_if_t<std::is_integral_v<A>, int> = 0>                            \
  inline ret operator op(A a, const B& b) __VA_ARGS__

// The same for a member operator whose right-hand side `rhs` of type T satisfies `cond`.
#define HLSNN_AP_MEMBER_OPERATOR(ret, op, cond, ...)                             \
  template <class T, std::enable_if_t<(cond) && !std::is_integral_v<T>, int> = 0> \
  ret operator op(const T& rhs) __VA_ARGS__                                       \
  template <class T, std::enable_if_t<(cond) && std::is_integral_v<T>, int> = 0>  \
  ret operator op(T rhs) __VA_ARGS__

// Views of an operand as ap_int_base / default-mode ap_fixed_base (defined in int_ops.h and
// fixed_ops.h; declared here for the compound-assignment members).
template <class T>
auto as_int(const T& v);
template <class T>
auto as_fixed(const T& v);

}  // namespace ap_detail

#endif  // HLSNN_AP_TYPES_DETAIL_RESULT_TYPES_H
