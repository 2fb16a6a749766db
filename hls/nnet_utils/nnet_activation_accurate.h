#ifndef HLSNN_NNET_ACTIVATION_ACCURATE_H_
#define HLSNN_NNET_ACTIVATION_ACCURATE_H_

// hlsnn's own table activations, io_parallel, in namespace nnet::accurate (hlsnn selects them when
// it chooses a layer's table itself, see src/passes/choose_table_types.h). Where hls4ml's tables
// (nnet_activation_table.h) cover a fixed range such as [-8, 8) and take the entry at the low end
// of each step, these:
//
// - look up |x| (or -x for the negative branch of elu and selu) converted to index_t: unsigned,
//   rounding to nearest, saturating, and exactly as wide as the table's address, so the input
//   selects the entry whose grid point is nearest (every entry sits at the centre of the inputs
//   that read it), and inputs beyond the table's range [0, 2^I) read its last entry. hlsnn picks
//   the range from the input type and the function's tail, and the size from the input's LSB;
// - use the symmetry of the function, so that one table over [0, range) serves both signs:
//   sigmoid(-t) = 1 - sigmoid(t), tanh(-t) = -tanh(t), softplus(x) = max(x, 0) + log(1 + e^-|x|);
// - round each result to nearest on res_T's grid through res_round_t (res_T with AP_RND and
//   AP_SAT), whatever res_T's own modes;
// - compute softsign without a range at all: 1/(1 + |x|) by normalized_inverse.
//
// Table entries are the functions evaluated in double precision and rounded into table_t.

#include <cmath>

#include "nnet_common.h"
#include "nnet_reciprocal.h"

namespace nnet {
namespace accurate {

// The grid point t of each address of index_T (its value with every bit addressing the table).
template <class index_T>
inline double grid_point(unsigned i) {
  return std::ldexp(static_cast<double>(i), index_T::iwidth - index_T::width);
}

template <class index_T>
struct SigmoidOfMagnitude {
  static double value(unsigned i, unsigned) { return 1 / (1 + std::exp(-grid_point<index_T>(i))); }
};
template <class index_T>
struct TanhOfMagnitude {
  static double value(unsigned i, unsigned) { return std::tanh(grid_point<index_T>(i)); }
};
// softplus(x) - max(x, 0), a function of |x| alone.
template <class index_T>
struct SoftplusExcess {
  static double value(unsigned i, unsigned) {
    return std::log1p(std::exp(-grid_point<index_T>(i)));
  }
};
// e^-t - 1: elu's negative branch at x = -t, before alpha.
template <class index_T>
struct ExpMinusOneOfNegated {
  static double value(unsigned i, unsigned) { return std::expm1(-grid_point<index_T>(i)); }
};
// lambda * alpha * (e^-t - 1): selu's negative branch at x = -t.
template <class index_T>
struct SeluOfNegated {
  static double value(unsigned i, unsigned) {
    return 1.0507009873554805 * 1.6732632423543772 * std::expm1(-grid_point<index_T>(i));
  }
};

// The address of |x| in a table indexed by index_T (round to nearest, saturate).
template <typename CONFIG_T, class data_T>
inline unsigned magnitude_address(const data_T& x) {
#pragma HLS INLINE
  typedef typename CONFIG_T::index_t index_t;
  static_assert(index_t::width == ceillog2(CONFIG_T::table_size),
                "accurate activations: index_t must be exactly as wide as the table address");
  index_t magnitude;
  if (x < 0) {
    magnitude = -x;
  } else {
    magnitude = x;
  }
  return table_address<CONFIG_T::table_size>(magnitude);
}

template <template <class> class Sampler, typename CONFIG_T>
struct MagnitudeTable {
  typedef LookupTable<typename CONFIG_T::table_t, CONFIG_T::table_size,
                      Sampler<typename CONFIG_T::index_t>>
      type;
};

// The loop of the activations whose table holds f(|x|) for every x: each result is
// Odd::of(x, entry) in res_round_t, where `entry` is the table entry at |x|, then converted to
// res_T.
template <template <class> class Sampler, class Odd, class data_T, class res_T, typename CONFIG_T>
void magnitude_table_loop(const data_T* data, res_T* res) {
#pragma HLS INLINE
  typedef typename MagnitudeTable<Sampler, CONFIG_T>::type Table;
  NNET_CONST_TABLE(Table, table);
  for (unsigned i = 0; i < CONFIG_T::n_in; i++) {
    res[i] = Odd::template of<typename CONFIG_T::res_round_t>(
        data[i], table.entry[magnitude_address<CONFIG_T>(data[i])]);
  }
}

// sigmoid(-x) = 1 - sigmoid(x).
struct SigmoidOfSigned {
  template <class y_T, class x_T, class entry_T>
  static y_T of(const x_T& x, const entry_T& upper) {
    y_T y;
    if (x < 0) {
      y = 1 - upper;
    } else {
      y = upper;
    }
    return y;
  }
};

// tanh(-x) = -tanh(x).
struct TanhOfSigned {
  template <class y_T, class x_T, class entry_T>
  static y_T of(const x_T& x, const entry_T& magnitude) {
    y_T y;
    if (x < 0) {
      y = -magnitude;
    } else {
      y = magnitude;
    }
    return y;
  }
};

// softplus(x) = max(x, 0) + log(1 + e^-|x|), the table holding the second term.
struct SoftplusOfSigned {
  template <class y_T, class x_T, class entry_T>
  static y_T of(const x_T& x, const entry_T& excess) {
    y_T y;
    if (x > 0) {
      y = x + excess;
    } else {
      y = excess;
    }
    return y;
  }
};

template <class data_T, class res_T, typename CONFIG_T>
void sigmoid(const data_T data[CONFIG_T::n_in], res_T res[CONFIG_T::n_in]) {
#pragma HLS PIPELINE
  magnitude_table_loop<SigmoidOfMagnitude, SigmoidOfSigned, data_T, res_T, CONFIG_T>(data, res);
}

template <class data_T, class res_T, typename CONFIG_T>
void tanh(const data_T data[CONFIG_T::n_in], res_T res[CONFIG_T::n_in]) {
#pragma HLS PIPELINE
  magnitude_table_loop<TanhOfMagnitude, TanhOfSigned, data_T, res_T, CONFIG_T>(data, res);
}

template <class data_T, class res_T, typename CONFIG_T>
void softplus(const data_T data[CONFIG_T::n_in], res_T res[CONFIG_T::n_in]) {
#pragma HLS PIPELINE
  magnitude_table_loop<SoftplusExcess, SoftplusOfSigned, data_T, res_T, CONFIG_T>(data, res);
}

// x for x >= 0, alpha * (e^x - 1) below; the product with the table entry is exact.
template <class data_T, class param_T, class res_T, typename CONFIG_T>
void elu(const data_T data[CONFIG_T::n_in], const param_T alpha, res_T res[CONFIG_T::n_in]) {
  typedef typename MagnitudeTable<ExpMinusOneOfNegated, CONFIG_T>::type Table;
  NNET_CONST_TABLE(Table, table);
#pragma HLS PIPELINE
  for (unsigned i = 0; i < CONFIG_T::n_in; i++) {
    typename CONFIG_T::res_round_t y;
    if (data[i] >= 0) {
      y = data[i];
    } else {
      y = alpha * table.entry[magnitude_address<CONFIG_T>(data[i])];
    }
    res[i] = y;
  }
}

template <class data_T, class res_T, typename CONFIG_T>
void elu(const data_T data[CONFIG_T::n_in], res_T res[CONFIG_T::n_in]) {
#pragma HLS INLINE
  elu<data_T, ap_uint<1>, res_T, CONFIG_T>(data, ap_uint<1>(1), res);
}

// lambda * x for x >= 0 (lambda to 24 bits, the product exact), the table below.
template <class data_T, class res_T, typename CONFIG_T>
void selu(const data_T data[CONFIG_T::n_in], res_T res[CONFIG_T::n_in]) {
  typedef typename MagnitudeTable<SeluOfNegated, CONFIG_T>::type Table;
  NNET_CONST_TABLE(Table, table);
  const ap_ufixed<24, 1, AP_RND> lambda = 1.0507009873554805;
#pragma HLS PIPELINE
  for (unsigned i = 0; i < CONFIG_T::n_in; i++) {
    typename CONFIG_T::res_round_t y;
    if (data[i] >= 0) {
      y = lambda * data[i];
    } else {
      y = table.entry[magnitude_address<CONFIG_T>(data[i])];
    }
    res[i] = y;
  }
}

// x / (1 + |x|) = sign(x) * (1 - 1/(1 + |x|)). inv_inp_t holds 1 + |x| exactly; table_t and
// table_size are those of the inverse's mantissa table.
template <class data_T, class res_T, typename CONFIG_T>
void softsign(const data_T data[CONFIG_T::n_in], res_T res[CONFIG_T::n_in]) {
  typedef typename CONFIG_T::inv_inp_t inv_inp_t;
  typedef typename CONFIG_T::table_t table_t;
  // Room for the largest shift (1 + |x|'s integer bits) below the inverse's bits.
  typedef ap_ufixed<table_t::width + inv_inp_t::iwidth, table_t::iwidth> scaled_t;
#pragma HLS PIPELINE
  for (unsigned i = 0; i < CONFIG_T::n_in; i++) {
    inv_inp_t one_plus_magnitude;
    if (data[i] < 0) {
      one_plus_magnitude = -data[i];
    } else {
      one_plus_magnitude = data[i];
    }
    one_plus_magnitude += 1;
    const NormalizedInverse<table_t> inverse =
        normalized_inverse<table_t, CONFIG_T::table_size>(one_plus_magnitude);
    scaled_t reciprocal = inverse.mantissa_inverse;
    reciprocal >>= inverse.shift;
    typename CONFIG_T::res_round_t y;
    if (data[i] < 0) {
      y = reciprocal - 1;
    } else {
      y = 1 - reciprocal;
    }
    res[i] = y;
  }
}

}  // namespace accurate
}  // namespace nnet

#endif  // HLSNN_NNET_ACTIVATION_ACCURATE_H_
