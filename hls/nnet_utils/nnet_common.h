#ifndef HLSNN_NNET_COMMON_H_
#define HLSNN_NNET_COMMON_H_

// Vocabulary shared by every kernel: the enums and macros that generated parameters.h files name,
// the product policies a layer config selects, compile-time integer helpers, balanced reductions
// and the lookup-table holder. Numerics follow hls4ml 1.3 bit for bit (see each kernel).

#include "ap_fixed.h"
#include "ap_int.h"

// Generated configs compute members such as multiplier_limit with this macro; guarded so that a
// translation unit may also see another definition of it (the tests include the reference too).
#ifndef DIV_ROUNDUP
#define DIV_ROUNDUP(n, d) (((n) + (d)-1) / (d))
#endif

// Tables are constant data. In C simulation each distinct table is built once per process by a
// C++11 function-local static (thread safe, shared by all samples and threads, never written after
// construction). For synthesis the constructor runs on a local object, which the HLS tool folds
// into a ROM; it has no static initialisation order to honour.
#ifdef __SYNTHESIS__
#define NNET_CONST_TABLE(TableType, name) const TableType name
#else
#define NNET_CONST_TABLE(TableType, name) static const TableType name
#endif

namespace nnet {

enum io_type { io_parallel = 0, io_stream };
enum strategy { latency = 0, resource };
// How io_stream convolutions and pooling build their windows (the reference's ConvImplementation);
// io_parallel kernels carry it in their configs without using it.
enum class conv_implementation { linebuffer = 0, encoded };

// Smallest n >= 1 with 2^n >= x (1 for x <= 2), as used to size table addresses.
constexpr int ceillog2(int x) { return x <= 2 ? 1 : 1 + ceillog2((x + 1) / 2); }
constexpr int floorlog2(int x) { return x < 2 ? 0 : 1 + floorlog2(x / 2); }
constexpr int pow2(int x) { return x <= 0 ? 1 : 2 * pow2(x - 1); }
constexpr bool is_pow2(int x) { return x > 0 && (x & (x - 1)) == 0; }

// A weight ±2^exponent (QKeras' quantized_po2 / quantized_relu_po2) stored as its sign and its
// exponent in [kMinExponent, kMaxExponent]: its products are shifts (product::po2). Constructed
// from the value it stands for, so that generated weight tables list plain numbers.
template <int kMinExponent, int kMaxExponent>
struct po2_weight {
  static_assert(kMinExponent <= 0 && kMinExponent <= kMaxExponent,
                "po2_weight: the exponent range must include 0 or lie below it");
  static const int min_exponent = kMinExponent;
  static const int max_exponent = kMaxExponent;
  typedef ap_int<ceillog2((kMaxExponent > -kMinExponent ? kMaxExponent : -kMinExponent) + 1) + 1>
      exponent_t;
  bool negative;
  exponent_t exponent;

  po2_weight() : negative(false), exponent(kMinExponent) {}
  po2_weight(double value) : negative(value < 0), exponent(kMinExponent) {
    const double magnitude = value < 0 ? -value : value;
    double power = 1.0;
    for (int e = 0; e > kMinExponent; e--) power /= 2;
    for (int e = kMinExponent; e < kMaxExponent && power * 2 <= magnitude; e++) {
      power *= 2;
      exponent = e + 1;
    }
  }
};

namespace product {

// The default product: the exact (full-width) product of the two operands. Configs select a
// policy with `template <class x_T, class y_T> using product = nnet::product::mult<x_T, y_T>;`.
// The others below are exact too: the choice changes the hardware, never a result.
template <class x_T, class w_T>
struct mult {
  static auto product(x_T a, w_T w) -> decltype(a * w) {
#pragma HLS INLINE
    return a * w;
  }
};

// Weights -1 and +1: a negation selected by the weight's sign, no multiplier.
template <class x_T, class w_T>
struct weight_binary {
  static auto product(x_T a, w_T w) -> decltype(-a) {
#pragma HLS INLINE
    decltype(-a) y = a;
    if (w < 0) y = -a;
    return y;
  }
};

// Weights -1, 0 and +1 (or 0 and 1): a negation or a zero selected by the weight.
template <class x_T, class w_T>
struct weight_ternary {
  static auto product(x_T a, w_T w) -> decltype(-a) {
#pragma HLS INLINE
    decltype(-a) y = a;
    if (w < 0) y = -a;
    if (w == 0) y = 0;
    return y;
  }
};

// Power-of-two weights (po2_weight): the input shifted by the exponent and negated by the sign,
// exact in a type that holds x * 2^min_exponent and x * 2^max_exponent.
template <class x_T, class w_T>
struct po2 {
  static const int kIntegerBits = x_T::iwidth + (w_T::max_exponent > 0 ? w_T::max_exponent : 0) + 1;
  static const int kFractionalBits = x_T::width - x_T::iwidth - w_T::min_exponent;
  typedef ap_fixed<kIntegerBits + kFractionalBits, kIntegerBits> r_T;
  static r_T product(x_T a, w_T w) {
#pragma HLS INLINE
    const r_T shifted = static_cast<r_T>(a) << w.exponent;
    return w.negative ? static_cast<r_T>(-shifted) : shifted;
  }
};

}  // namespace product

// Binary operators for the balanced reductions. Each result is converted back to T, exactly as
// the reference's adder tree does, so that rounding and saturation happen at the same nodes.
template <class T>
struct SumOp {
  T operator()(T a, T b) const { return a + b; }
};
template <class T>
struct MaxOp {
  T operator()(T a, T b) const { return a >= b ? a : b; }
};

// Reduces N values with a balanced tree of the same shape as hls4ml's `reduce`: the left subtree
// takes the largest power of two below N. The shape matters when T saturates or rounds.
template <int N>
struct BalancedTree {
  static constexpr int kLeft = pow2(floorlog2(N - 1));
  template <class T, class Op>
  static T reduce(const T* x, Op op) {
#pragma HLS INLINE
    return op(BalancedTree<kLeft>::reduce(x, op), BalancedTree<N - kLeft>::reduce(x + kLeft, op));
  }
};
template <>
struct BalancedTree<1> {
  template <class T, class Op>
  static T reduce(const T* x, Op) {
    return x[0];
  }
};

// The value of addr_T whose top log2(kSize) bits are `index` and whose other bits are zero.
template <class addr_T, unsigned kSize>
inline float table_address_value(unsigned index) {
  constexpr int kBits = ceillog2(kSize);
  addr_T x = 0;
  x.range(addr_T::width - 1, addr_T::width - kBits) = index;
  return static_cast<float>(x.to_double());
}

// The top log2(kSize) bits of x, read as an unsigned table address.
template <unsigned kSize, class addr_T>
inline unsigned table_address(const addr_T& x) {
#pragma HLS INLINE
  constexpr int kBits = ceillog2(kSize);
  static_assert(is_pow2(kSize), "a table size must be a power of 2");
  static_assert(kBits <= addr_T::width, "a table size exceeds 2^(width of its index type)");
  const ap_uint<kBits> address = x.range(addr_T::width - 1, addr_T::width - kBits);
  return address.to_uint();
}

// A constant table of N entries of table_T, entry i being table_T(Sampler::value(i, N)).
// Sampler::value returns the float or double that the reference computes for that entry, so the
// conversion into table_T (with its rounding and overflow modes) is the same as the reference's.
// Tables depend only on (table_T, N, Sampler): layers with equal table types share one instance.
template <class table_T, unsigned N, class Sampler>
struct LookupTable {
  table_T entry[N];
  LookupTable() {
    for (unsigned i = 0; i < N; i++) {
      entry[i] = table_T(Sampler::value(i, N));
    }
  }
};

}  // namespace nnet

#endif  // HLSNN_NNET_COMMON_H_
