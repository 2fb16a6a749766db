// Bit, range and concatenation references (semantics §6): proxies that read and write part of
// an ap_int or ap_fixed. Each one reads as an unsigned integer through get().
#ifndef HLSNN_AP_TYPES_DETAIL_REFS_H
#define HLSNN_AP_TYPES_DETAIL_REFS_H

#include "fixed_ops.h"

namespace ap_detail {

// Bits hi..lo of `bits` right-aligned in W bits; reversed when hi < lo.
template <int W, bool S>
inline storage_t<W, false> extract_range(const storage_t<W, S>& bits, int hi, int lo) {
  const auto u = cast_raw<W, false, S>(bits);
  if (hi >= lo) {
    const int len = hi - lo + 1;
    return bitwise_raw<W, false, bitwise::and_op>(
        shr_raw<W, false>(u, lo), shr_raw<W, false>(raw_from_int<W, false>(-1), W - len));
  }
  storage_t<W, false> r{};
  for (int k = 0; k <= lo - hi; ++k) r = with_bit<W, false>(r, k, bit_of<false>(u, lo - k));
  return r;
}

// Stores the low |hi-lo|+1 bits of `value` into bits hi..lo of `bits` (reversed when hi < lo).
template <int W, bool S>
inline storage_t<W, S> insert_range(const storage_t<W, S>& bits, int hi, int lo,
                                    const storage_t<W, false>& value) {
  auto r = bits;
  if (hi >= lo) {
    for (int k = 0; k <= hi - lo; ++k) r = with_bit<W, S>(r, lo + k, bit_of<false>(value, k));
  } else {
    for (int k = 0; k <= lo - hi; ++k) r = with_bit<W, S>(r, lo - k, bit_of<false>(value, k));
  }
  return r;
}

}  // namespace ap_detail

template <int W, bool S>
struct ap_bit_ref {
  ap_int_base<W, S>* parent;
  int index;

  ap_bit_ref(const ap_int_base<W, S>* p, int i)
      : parent(const_cast<ap_int_base<W, S>*>(p)), index(i) {}
  ap_int_base<1, false> get() const { return ap_int_base<1, false>(parent->get_bit(index)); }
  operator bool() const { return parent->get_bit(index); }
  bool to_bool() const { return *this; }
  int to_int() const { return *this; }
  bool operator~() const { return !parent->get_bit(index); }
  bool operator!() const { return !parent->get_bit(index); }
  static constexpr int length() { return 1; }

  ap_bit_ref(const ap_bit_ref&) = default;
  ap_bit_ref& operator=(const ap_bit_ref& other) { return *this = bool(other); }
  template <class T, std::enable_if_t<std::is_arithmetic_v<T>, int> = 0>
  ap_bit_ref& operator=(T v) {
    parent->set_bit(index, v != 0);
    return *this;
  }
  template <class T, std::enable_if_t<ap_detail::is_ap_int_v<T>, int> = 0>
  ap_bit_ref& operator=(const T& v) {
    parent->set_bit(index, !ap_detail::as_int(v).iszero());
    return *this;
  }
};

template <int W, bool S>
struct ap_range_ref {
  ap_int_base<W, S>* parent;
  int hi, lo;

  ap_range_ref(const ap_int_base<W, S>* p, int h, int l)
      : parent(const_cast<ap_int_base<W, S>*>(p)), hi(h), lo(l) {}
  ap_int_base<W, false> get() const {
    return ap_int_base<W, false>::from_raw(ap_detail::extract_range<W, S>(parent->V.bits, hi, lo));
  }
  operator ap_ulong() const { return get().to_uint64(); }
  int length() const { return (hi > lo ? hi - lo : lo - hi) + 1; }
  int to_int() const { return get().to_int(); }
  unsigned to_uint() const { return get().to_uint(); }
  long to_long() const { return get().to_long(); }
  unsigned long to_ulong() const { return get().to_ulong(); }
  ap_slong to_int64() const { return get().to_int64(); }
  ap_ulong to_uint64() const { return get().to_uint64(); }
  bool and_reduce() const {
    return get().range(length() - 1, 0).get() ==
           ap_int_base<W, false>(-1).range(length() - 1, 0).get();
  }
  bool or_reduce() const { return !get().iszero(); }
  bool xor_reduce() const { return get().xor_reduce(); }
  std::string to_string(signed char radix = 2) const { return get().to_string(radix, false); }

  ap_range_ref(const ap_range_ref&) = default;
  ap_range_ref& operator=(const ap_range_ref& other) { return store(other.get()); }
  template <class T, std::enable_if_t<ap_detail::is_int_v<T>, int> = 0>
  ap_range_ref& operator=(const T& v) {
    return store(ap_detail::as_int(v));
  }
  ap_range_ref& operator=(double d) { return store(ap_int_base<W, false>(d)); }
  ap_range_ref& operator=(const char* text) { return store(ap_int_base<W, false>(text)); }
  template <int W2, int I2, bool S2, ap_q_mode Q2, ap_o_mode O2, int N2>
  ap_range_ref& operator=(const ap_fixed_base<W2, I2, S2, Q2, O2, N2>& f) {
    return store(f.to_ap_int_base());
  }

 private:
  template <int W2, bool S2>
  ap_range_ref& store(const ap_int_base<W2, S2>& v) {
    parent->V.bits = ap_detail::insert_range<W, S>(parent->V.bits, hi, lo,
                                                   ap_detail::cast_raw<W, false, S2>(v.V.bits));
    return *this;
  }
};

template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N>
struct af_bit_ref {
  ap_fixed_base<W, I, S, Q, O, N>* parent;
  int index;

  af_bit_ref(const ap_fixed_base<W, I, S, Q, O, N>* p, int i)
      : parent(const_cast<ap_fixed_base<W, I, S, Q, O, N>*>(p)), index(i) {}
  ap_int_base<1, false> get() const { return ap_int_base<1, false>(bool(*this)); }
  operator bool() const { return ap_detail::bit_of<S>(parent->V.bits, index); }
  bool to_bool() const { return *this; }
  bool operator~() const { return !bool(*this); }
  static constexpr int length() { return 1; }

  af_bit_ref(const af_bit_ref&) = default;
  af_bit_ref& operator=(const af_bit_ref& other) { return *this = bool(other); }
  template <class T, std::enable_if_t<std::is_arithmetic_v<T>, int> = 0>
  af_bit_ref& operator=(T v) {
    parent->V.bits = ap_detail::with_bit<W, S>(parent->V.bits, index, v != 0);
    return *this;
  }
  template <class T, std::enable_if_t<ap_detail::is_ap_int_v<T>, int> = 0>
  af_bit_ref& operator=(const T& v) {
    return *this = !ap_detail::as_int(v).iszero();
  }
};

template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N>
struct af_range_ref {
  ap_fixed_base<W, I, S, Q, O, N>* parent;
  int hi, lo;

  af_range_ref(const ap_fixed_base<W, I, S, Q, O, N>* p, int h, int l)
      : parent(const_cast<ap_fixed_base<W, I, S, Q, O, N>*>(p)), hi(h), lo(l) {}
  ap_int_base<W, false> get() const {
    return ap_int_base<W, false>::from_raw(ap_detail::extract_range<W, S>(parent->V.bits, hi, lo));
  }
  operator ap_ulong() const { return get().to_uint64(); }
  int length() const { return (hi > lo ? hi - lo : lo - hi) + 1; }
  int to_int() const { return get().to_int(); }
  unsigned to_uint() const { return get().to_uint(); }
  ap_slong to_int64() const { return get().to_int64(); }
  ap_ulong to_uint64() const { return get().to_uint64(); }
  std::string to_string(signed char radix = 2) const { return get().to_string(radix, false); }

  af_range_ref(const af_range_ref&) = default;
  af_range_ref& operator=(const af_range_ref& other) { return store(other.get()); }
  template <class T, std::enable_if_t<ap_detail::is_int_v<T>, int> = 0>
  af_range_ref& operator=(const T& v) {
    return store(ap_detail::as_int(v));
  }
  af_range_ref& operator=(double d) { return store(ap_int_base<W, false>(d)); }
  af_range_ref& operator=(const char* text) { return store(ap_int_base<W, false>(text)); }
  // An ap_fixed source stores its raw bits, not its value (reference behaviour).
  template <int W2, int I2, bool S2, ap_q_mode Q2, ap_o_mode O2, int N2>
  af_range_ref& operator=(const ap_fixed_base<W2, I2, S2, Q2, O2, N2>& f) {
    return store(f.raw_int());
  }

 private:
  template <int W2, bool S2>
  af_range_ref& store(const ap_int_base<W2, S2>& v) {
    parent->V.bits = ap_detail::insert_range<W, S>(parent->V.bits, hi, lo,
                                                   ap_detail::cast_raw<W, false, S2>(v.V.bits));
    return *this;
  }
};

// Concatenation: `high` supplies the top W1 bits and `low` the bottom W2. Parts are proxies
// (a full-width range stands for a whole ap_int) or, for C integers, plain values.
template <int W1, class T1, int W2, class T2>
struct ap_concat_ref {
  static constexpr int width = W1 + W2;
  T1 high;
  T2 low;

  ap_concat_ref(const T1& h, const T2& l) : high(h), low(l) {}
  ap_int_base<W1 + W2, false> get() const {
    using namespace ap_detail;
    constexpr int W = W1 + W2;
    const auto h = cast_raw<W, false, false>(ap_int_base<W1, false>(as_int(high)).V.bits);
    const auto l = cast_raw<W, false, false>(ap_int_base<W2, false>(as_int(low)).V.bits);
    return ap_int_base<W, false>::from_raw(
        bitwise_raw<W, false, bitwise::or_op>(shl_raw<W, false>(h, W2), l));
  }
  operator ap_ulong() const { return get().to_uint64(); }
  static constexpr int length() { return W1 + W2; }
  int to_int() const { return get().to_int(); }
  ap_ulong to_uint64() const { return get().to_uint64(); }
  std::string to_string(signed char radix = 2) const { return get().to_string(radix, false); }

  ap_concat_ref(const ap_concat_ref&) = default;
  ap_concat_ref& operator=(const ap_concat_ref& other) { return store(other.get()); }
  template <class T, std::enable_if_t<ap_detail::is_int_v<T>, int> = 0>
  ap_concat_ref& operator=(const T& v) {
    return store(ap_detail::as_int(v));
  }
  template <int W3, int I3, bool S3, ap_q_mode Q3, ap_o_mode O3, int N3>
  ap_concat_ref& operator=(const ap_fixed_base<W3, I3, S3, Q3, O3, N3>& f) {
    return store(f.to_ap_int_base());
  }

 private:
  template <int W3, bool S3>
  ap_concat_ref& store(const ap_int_base<W3, S3>& v) {
    const ap_int_base<W1 + W2, false> all(v);
    high = ap_int_base<W1, false>(all >> W2);
    low = ap_int_base<W2, false>(all);
    return *this;
  }
};

namespace ap_detail {

// A concatenation part stores a proxy for ap objects and a value for C integers.
template <class T>
inline auto concat_part(const T& v) {
  using Traits = int_operand<T>;
  if constexpr (!Traits::is_ap) {
    return ap_int_base<Traits::width, Traits::is_signed>(v);
  } else if constexpr (Traits::is_ref) {
    return v;
  } else {
    using B = ap_int_base<Traits::width, Traits::is_signed>;
    return ap_range_ref<Traits::width, Traits::is_signed>(&static_cast<const B&>(v),
                                                          Traits::width - 1, 0);
  }
}

}  // namespace ap_detail

namespace ap_detail {

template <class A, class B>
inline auto make_concat(const A& a, const B& b) {
  auto high = concat_part(a);
  auto low = concat_part(b);
  return ap_concat_ref<int_operand<A>::width, decltype(high), int_operand<B>::width, decltype(low)>(
      high, low);
}

}  // namespace ap_detail

// C integers are taken by value, like the other operators' (see ap_int.h).
template <class A, class B, ap_detail::enable_int_pair_t<A, B> = 0,
          std::enable_if_t<!std::is_integral_v<A> && !std::is_integral_v<B>, int> = 0>
inline auto operator,(const A& a, const B& b) {
  return ap_detail::make_concat(a, b);
}
template <class A, class B, ap_detail::enable_int_pair_t<A, B> = 0,
          std::enable_if_t<std::is_integral_v<B>, int> = 0>
inline auto operator,(const A& a, B b) {
  return ap_detail::make_concat(a, b);
}
template <class A, class B, ap_detail::enable_int_pair_t<A, B> = 0,
          std::enable_if_t<std::is_integral_v<A>, int> = 0>
inline auto operator,(A a, const B& b) {
  return ap_detail::make_concat(a, b);
}

// ---- Member definitions that need the reference types ---------------------------------------

template <int W, bool S>
ap_bit_ref<W, S> ap_int_base<W, S>::operator[](int i) const {
  return ap_bit_ref<W, S>(this, i);
}
template <int W, bool S>
ap_range_ref<W, S> ap_int_base<W, S>::range(int hi, int lo) const {
  return ap_range_ref<W, S>(this, hi, lo);
}
template <int W, bool S>
template <class T>
auto ap_int_base<W, S>::concat(const T& low) const {
  return (*this, low);
}
template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N>
af_bit_ref<W, I, S, Q, O, N> ap_fixed_base<W, I, S, Q, O, N>::operator[](int i) const {
  return af_bit_ref<W, I, S, Q, O, N>(this, i);
}
template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N>
af_range_ref<W, I, S, Q, O, N> ap_fixed_base<W, I, S, Q, O, N>::range(int hi, int lo) const {
  return af_range_ref<W, I, S, Q, O, N>(this, hi, lo);
}

#endif  // HLSNN_AP_TYPES_DETAIL_REFS_H
