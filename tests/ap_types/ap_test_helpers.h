// Helpers shared by the ap_types worked-example tests.
#ifndef HLSNN_TESTS_AP_TYPES_AP_TEST_HELPERS_H_
#define HLSNN_TESTS_AP_TYPES_AP_TEST_HELPERS_H_

#include <ap_fixed.h>
#include <ap_int.h>

#include <sstream>
#include <string>
#include <type_traits>

namespace ap_test {

// Signedness of an ap type, read from its base-class template arguments so that the check does
// not depend on any member beyond those the spec lists (width, iwidth).
template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N>
constexpr bool is_signed_type(const ap_fixed_base<W, I, S, Q, O, N>*) {
  return S;
}
template <int W, bool S>
constexpr bool is_signed_type(const ap_int_base<W, S>*) {
  return S;
}

template <class T>
constexpr bool is_signed_of() {
  return is_signed_type(static_cast<const std::decay_t<T>*>(nullptr));
}

// True when T is an ap_fixed-family type of width W, integer width I and signedness S.
template <class T, int W, int I, bool S>
constexpr bool is_fixed_type() {
  using Plain = std::decay_t<T>;
  return Plain::width == W && Plain::iwidth == I && is_signed_of<Plain>() == S;
}

// True when T is an ap_int-family type of width W and signedness S.
template <class T, int W, bool S>
constexpr bool is_int_type() {
  using Plain = std::decay_t<T>;
  return Plain::width == W && is_signed_of<Plain>() == S;
}

// Sets the raw W-bit pattern portably (spec section 2.3, "Raw bits").
template <class T>
T from_raw(long long pattern) {
  T x;
  x.range(T::width - 1, 0) = ap_uint<T::width>(pattern);
  return x;
}

template <class T>
std::string streamed(const T& x) {
  std::ostringstream out;
  out << x;
  return out.str();
}

}  // namespace ap_test

#endif  // HLSNN_TESTS_AP_TYPES_AP_TEST_HELPERS_H_
