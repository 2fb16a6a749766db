#ifndef HLSNN_PASSES_TABLE_FUNCTIONS_H
#define HLSNN_PASSES_TABLE_FUNCTIONS_H

// The activations hlsnn computes with lookup tables, as mathematics: their values in double
// precision (what the error report compares the emulation against), their steepest slopes and
// tails (what choose_table_types and the error estimate size the tables by).

#include <optional>
#include <string>

#include "ir/layer.h"

namespace hlsnn::passes {

enum class TableFunction { kSigmoid, kTanh, kSoftplus, kSoftsign, kElu, kSelu };

/// The table function of an Activation layer, with elu's alpha; nullopt for the activations
/// computed without a table (relu, linear, hard_sigmoid, ...) and for other layer classes.
struct TableActivation {
  TableFunction function;
  std::string name;    ///< the activation's name: sigmoid, tanh, ...
  double alpha = 1.0;  ///< elu only
};
std::optional<TableActivation> table_activation(const ir::Layer& layer);

/// f(x).
double evaluate(const TableActivation& activation, double x);

/// What hlsnn's accurate kernels (nnet_activation_accurate.h) look up: a table of g(t) over
/// t in [0, range), with t = |x| (sigmoid, tanh, softplus) or t = -x for x < 0 (elu, selu);
/// softsign's table holds 1/m for m in [1, 2) (a reciprocal, no range).
struct AccurateTableShape {
  /// The largest |g'(t)|: with entries at the grid points, an input between two of them is off by
  /// at most this times half a step.
  double max_slope;
  /// The entries lie in [low, high].
  double low;
  double high;
  TableFunction function;
  double alpha;
  /// |g(t) - g(range)| bound for every t beyond `range`: what saturating the address costs.
  double tail(double range) const;
};
AccurateTableShape accurate_table_shape(const TableActivation& activation);

/// hls4ml's table layout (nnet_activation_table.h): entries over [-span/2, span/2) (negative
/// branch of elu and selu: (-span, 0]), each sampled at the low end of its step.
struct ReferenceTableShape {
  double low;          ///< the smallest input the table covers
  double high;         ///< the largest input the table covers
  double max_slope;    ///< the largest |f'(x)| over the covered inputs
  bool negative_only;  ///< elu, selu: only x < 0 reads the table
};
ReferenceTableShape reference_table_shape(const TableActivation& activation);

/// The softmax of one row, in double precision.
void softmax(const double* logits, double* probabilities, int count);

}  // namespace hlsnn::passes

#endif  // HLSNN_PASSES_TABLE_FUNCTIONS_H
