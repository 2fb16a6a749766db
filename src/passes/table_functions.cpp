#include "passes/table_functions.h"

#include <algorithm>
#include <cmath>

namespace hlsnn::passes {

namespace {

constexpr double kSeluLambda = 1.0507009873554805;
constexpr double kSeluAlpha = 1.6732632423543772;

}  // namespace

std::optional<TableActivation> table_activation(const ir::Layer& layer) {
  if (layer.layer_class != "Activation") return std::nullopt;
  const std::string name = layer.attribute_or<std::string>("activation", "");
  if (name == "sigmoid") return TableActivation{TableFunction::kSigmoid, name};
  if (name == "tanh") return TableActivation{TableFunction::kTanh, name};
  if (name == "softplus") return TableActivation{TableFunction::kSoftplus, name};
  if (name == "softsign") return TableActivation{TableFunction::kSoftsign, name};
  if (name == "selu") return TableActivation{TableFunction::kSelu, name};
  if (name == "elu") {
    // Keras' plain Activation('elu') carries no alpha: it is 1.
    return TableActivation{TableFunction::kElu, name, layer.attribute_or<double>("alpha", 1.0)};
  }
  return std::nullopt;
}

double evaluate(const TableActivation& activation, double x) {
  switch (activation.function) {
    case TableFunction::kSigmoid:
      return 1 / (1 + std::exp(-x));
    case TableFunction::kTanh:
      return std::tanh(x);
    case TableFunction::kSoftplus:
      return std::max(x, 0.0) + std::log1p(std::exp(-std::fabs(x)));
    case TableFunction::kSoftsign:
      return x / (1 + std::fabs(x));
    case TableFunction::kElu:
      return x >= 0 ? x : activation.alpha * std::expm1(x);
    case TableFunction::kSelu:
      return kSeluLambda * (x >= 0 ? x : kSeluAlpha * std::expm1(x));
  }
  return 0;
}

double AccurateTableShape::tail(double range) const {
  switch (function) {
    case TableFunction::kSigmoid:
      return 1 / (1 + std::exp(range));
    case TableFunction::kTanh:
      return 1 - std::tanh(range);
    case TableFunction::kSoftplus:
      return std::log1p(std::exp(-range));
    case TableFunction::kElu:
      return std::fabs(alpha) * std::exp(-range);
    case TableFunction::kSelu:
      return kSeluLambda * kSeluAlpha * std::exp(-range);
    case TableFunction::kSoftsign:
      return 0;
  }
  return 0;
}

AccurateTableShape accurate_table_shape(const TableActivation& activation) {
  // The tables hold g(t) for t >= 0: sigmoid(t), tanh(t), log(1 + e^-t), e^-t - 1 (elu, before
  // alpha), lambda * alpha * (e^-t - 1) (selu); softsign's holds 1/m for m in [1, 2).
  switch (activation.function) {
    case TableFunction::kSigmoid:
      return {0.25, 0.5, 1, activation.function, activation.alpha};
    case TableFunction::kTanh:
      return {1, 0, 1, activation.function, activation.alpha};
    case TableFunction::kSoftplus:
      return {0.5, 0, std::log(2.0), activation.function, activation.alpha};
    case TableFunction::kElu:
      return {std::fabs(activation.alpha), -1, 0, activation.function, activation.alpha};
    case TableFunction::kSelu:
      return {kSeluLambda * kSeluAlpha, -kSeluLambda * kSeluAlpha, 0, activation.function,
              activation.alpha};
    case TableFunction::kSoftsign:
      return {1, 0.5, 1, activation.function, activation.alpha};
  }
  return {1, 0, 1, activation.function, activation.alpha};
}

ReferenceTableShape reference_table_shape(const TableActivation& activation) {
  switch (activation.function) {
    case TableFunction::kSigmoid:
      return {-8, 8, 0.25, false};
    case TableFunction::kTanh:
      return {-4, 4, 1, false};
    case TableFunction::kSoftplus:
    case TableFunction::kSoftsign:
      return {-8, 8, 1, false};
    case TableFunction::kElu:
      return {-8, 0, std::fabs(activation.alpha), true};
    case TableFunction::kSelu:
      return {-8, 0, kSeluLambda * kSeluAlpha, true};
  }
  return {-8, 8, 1, false};
}

void softmax(const double* logits, double* probabilities, int count) {
  const double largest = *std::max_element(logits, logits + count);
  double sum = 0;
  for (int i = 0; i < count; ++i) {
    probabilities[i] = std::exp(logits[i] - largest);
    sum += probabilities[i];
  }
  for (int i = 0; i < count; ++i) probabilities[i] /= sum;
}

}  // namespace hlsnn::passes
