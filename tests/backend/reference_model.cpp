#include "reference_model.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace hlsnn::backend::testing {
namespace {

using Values = std::vector<double>;

double activate(const ir::Layer& layer, const std::string& function, double x) {
  if (function == "linear") return x;
  if (function == "relu") return std::max(x, 0.0);
  if (function == "relu6") return std::clamp(x, 0.0, 6.0);
  if (function == "leaky_relu") return x > 0 ? x : layer.attribute<double>("alpha") * x;
  if (function == "thresholded_relu") return x > layer.attribute<double>("theta") ? x : 0.0;
  if (function == "elu") {
    return x >= 0 ? x : layer.attribute_or<double>("alpha", 1.0) * std::expm1(x);
  }
  if (function == "selu") {
    return 1.0507009873554805 * (x >= 0 ? x : 1.6732632423543772 * std::expm1(x));
  }
  if (function == "sigmoid") return 1 / (1 + std::exp(-x));
  if (function == "tanh") return std::tanh(x);
  if (function == "softplus") return std::log1p(std::exp(x));
  if (function == "softsign") return x / (1 + std::fabs(x));
  if (function == "hard_sigmoid" || function == "hard_tanh") {
    const double y = std::clamp(
        layer.attribute<double>("slope") * x + layer.attribute<double>("offset"), 0.0, 1.0);
    return function == "hard_sigmoid" ? y : 2 * y - 1;
  }
  throw std::runtime_error("reference: no activation " + function);
}

Values concatenate(const ir::Layer& layer, const ir::Shape& first, const Values& a,
                   const Values& b) {
  const size_t axis = static_cast<size_t>(layer.attribute<int64_t>("axis"));
  int64_t outer = 1;
  for (size_t d = 0; d < axis; ++d) outer *= first[d];
  const size_t chunk_a = a.size() / outer;
  const size_t chunk_b = b.size() / outer;
  Values out;
  for (int64_t o = 0; o < outer; ++o) {
    out.insert(out.end(), a.begin() + o * chunk_a, a.begin() + (o + 1) * chunk_a);
    out.insert(out.end(), b.begin() + o * chunk_b, b.begin() + (o + 1) * chunk_b);
  }
  return out;
}

Values merge(const std::string& op, const Values& a, const Values& b) {
  Values out(a.size());
  for (size_t i = 0; i < a.size(); ++i) {
    if (op == "add")
      out[i] = a[i] + b[i];
    else if (op == "subtract")
      out[i] = a[i] - b[i];
    else if (op == "multiply")
      out[i] = a[i] * b[i];
    else if (op == "average")
      out[i] = (a[i] + b[i]) / 2;
    else if (op == "maximum")
      out[i] = std::max(a[i], b[i]);
    else if (op == "minimum")
      out[i] = std::min(a[i], b[i]);
    else
      throw std::runtime_error("reference: no merge " + op);
  }
  return out;
}

/// A window of `window` ("filt" or "pool") moved over a channels-last image, as Keras moves it:
/// calls visit(output pixel, window row, window column, input pixel) for every position of every
/// window that lies inside the image.
template <typename Visit>
void slide(const ir::Layer& layer, const std::string& window, Visit visit) {
  const auto get = [&](const std::string& key) { return layer.attribute<int64_t>(key); };
  for (int64_t oh = 0; oh < get("out_height"); ++oh) {
    for (int64_t ow = 0; ow < get("out_width"); ++ow) {
      for (int64_t kh = 0; kh < get(window + "_height"); ++kh) {
        const int64_t ih = oh * get("stride_height") + kh - get("pad_top");
        if (ih < 0 || ih >= get("in_height")) continue;
        for (int64_t kw = 0; kw < get(window + "_width"); ++kw) {
          const int64_t iw = ow * get("stride_width") + kw - get("pad_left");
          if (iw < 0 || iw >= get("in_width")) continue;
          visit(static_cast<size_t>(oh * get("out_width") + ow), kh, kw,
                static_cast<size_t>(ih * get("in_width") + iw));
        }
      }
    }
  }
}

/// Conv (channels x filters per tap), depthwise (channel c feeds outputs c*m .. c*m+m-1) or the
/// depthwise step of a separable convolution (no bias).
Values convolve(const ir::Layer& layer, const Values& x, const Values& kernel, const Values& bias,
                bool depthwise) {
  const size_t chan = static_cast<size_t>(layer.attribute<int64_t>("n_chan"));
  const size_t multiplier =
      depthwise ? static_cast<size_t>(layer.attribute<int64_t>("depth_multiplier")) : 0;
  const size_t filters = depthwise ? chan * multiplier : bias.size();
  const size_t width = static_cast<size_t>(layer.attribute<int64_t>("filt_width"));
  const size_t pixels = static_cast<size_t>(layer.attribute<int64_t>("out_height") *
                                            layer.attribute<int64_t>("out_width"));
  Values out(pixels * filters);
  for (size_t p = 0; p < pixels; ++p) {
    for (size_t f = 0; f < filters; ++f) out[p * filters + f] = bias.empty() ? 0.0 : bias[f];
  }
  slide(layer, "filt", [&](size_t p, int64_t kh, int64_t kw, size_t i) {
    const size_t tap = static_cast<size_t>(kh) * width + static_cast<size_t>(kw);
    for (size_t c = 0; c < chan; ++c) {
      const double value = x[i * chan + c];
      if (depthwise) {
        for (size_t m = 0; m < multiplier; ++m) {
          out[p * filters + c * multiplier + m] +=
              value * kernel[tap * filters + c * multiplier + m];
        }
      } else {
        for (size_t f = 0; f < filters; ++f) {
          out[p * filters + f] += value * kernel[(tap * chan + c) * filters + f];
        }
      }
    }
  });
  return out;
}

Values pool(const ir::Layer& layer, const Values& x) {
  const size_t chan = static_cast<size_t>(layer.attribute<int64_t>("n_chan"));
  const bool max = layer.attribute<std::string>("pool_op") == "max";
  const size_t pixels = static_cast<size_t>(layer.attribute<int64_t>("out_height") *
                                            layer.attribute<int64_t>("out_width"));
  Values out(pixels * chan, max ? -INFINITY : 0.0);
  std::vector<double> count(pixels, 0.0);
  slide(layer, "pool", [&](size_t p, int64_t, int64_t, size_t i) {
    count[p] += 1;
    for (size_t c = 0; c < chan; ++c) {
      double& y = out[p * chan + c];
      y = max ? std::max(y, x[i * chan + c]) : y + x[i * chan + c];
    }
  });
  for (size_t k = 0; !max && k < out.size(); ++k) out[k] /= count[k / chan];
  return out;
}

Values evaluate(const ir::Layer& layer, const std::vector<const Values*>& in,
                const std::vector<ir::Shape>& shapes) {
  const std::string& cls = layer.layer_class;
  if (cls == "Dense") {
    // The kernel on each row of n_in along the last axis.
    const Values& w = layer.weight("weight").values;
    const Values& bias = layer.weight("bias").values;
    const size_t n_in = static_cast<size_t>(layer.attribute<int64_t>("n_in"));
    const size_t n_out = bias.size();
    Values out;
    for (size_t row = 0; row < in[0]->size() / n_in; ++row) {
      Values sums = bias;
      for (size_t i = 0; i < n_in; ++i) {
        for (size_t j = 0; j < n_out; ++j) sums[j] += (*in[0])[row * n_in + i] * w[i * n_out + j];
      }
      out.insert(out.end(), sums.begin(), sums.end());
    }
    return out;
  }
  if (cls == "Activation" || cls == "PReLU") {
    Values out(*in[0]);
    for (size_t i = 0; i < out.size(); ++i) {
      out[i] = cls == "PReLU" ? (out[i] > 0 ? out[i] : layer.weight("alpha").values[i] * out[i])
                              : activate(layer, layer.attribute<std::string>("activation"), out[i]);
    }
    return out;
  }
  if (cls == "Softmax") {
    Values out(*in[0]);
    const double top = *std::max_element(out.begin(), out.end());
    double sum = 0;
    for (double& v : out) sum += (v = std::exp(v - top));
    for (double& v : out) v /= sum;
    return out;
  }
  if (cls == "BatchNormalization") {
    const Values& scale = layer.weight("scale").values;
    const Values& bias = layer.weight("bias").values;
    Values out(*in[0]);
    for (size_t i = 0; i < out.size(); ++i) {
      out[i] = out[i] * scale[i % scale.size()] + bias[i % bias.size()];
    }
    return out;
  }
  if (cls == "Merge") {
    // Any number of inputs: a running sum, product, maximum or minimum; the mean divides once.
    const std::string op = layer.attribute<std::string>("op");
    Values out = *in[0];
    for (size_t k = 1; k < in.size(); ++k) out = merge(op == "average" ? "add" : op, out, *in[k]);
    if (op == "average") {
      for (double& v : out) v /= static_cast<double>(in.size());
    }
    return out;
  }
  if (cls == "Concatenate") {
    Values out = *in[0];
    ir::Shape shape = shapes[0];
    const size_t axis = static_cast<size_t>(layer.attribute<int64_t>("axis"));
    for (size_t k = 1; k < in.size(); ++k) {
      out = concatenate(layer, shape, out, *in[k]);
      shape[axis] += shapes[k][axis];
    }
    return out;
  }
  if (cls == "Dot") {
    double sum = 0;
    for (size_t i = 0; i < in[0]->size(); ++i) sum += (*in[0])[i] * (*in[1])[i];
    return {sum};
  }
  if (cls == "Conv1D" || cls == "Conv2D" || cls == "DepthwiseConv1D" || cls == "DepthwiseConv2D") {
    return convolve(layer, *in[0], layer.weight("weight").values, layer.weight("bias").values,
                    cls.rfind("Depthwise", 0) == 0);
  }
  if (cls == "SeparableConv1D" || cls == "SeparableConv2D") {
    const Values depthwise = convolve(layer, *in[0], layer.weight("depthwise").values, {}, true);
    const Values& pointwise = layer.weight("pointwise").values;
    const Values& bias = layer.weight("bias").values;
    const size_t chan = pointwise.size() / bias.size();
    Values out;
    for (size_t p = 0; p < depthwise.size() / chan; ++p) {
      for (size_t f = 0; f < bias.size(); ++f) {
        double sum = bias[f];
        for (size_t c = 0; c < chan; ++c)
          sum += depthwise[p * chan + c] * pointwise[c * bias.size() + f];
        out.push_back(sum);
      }
    }
    return out;
  }
  if (cls.find("Pooling") != std::string::npos) return pool(layer, *in[0]);
  if (cls == "Reshape") return *in[0];
  throw std::runtime_error("reference: no layer class " + cls);
}

}  // namespace

std::map<std::string, std::vector<double>> reference_outputs(
    const ir::Graph& graph, const std::vector<std::vector<double>>& inputs) {
  std::map<std::string, Values> by_tensor;
  std::map<std::string, Values> by_layer;
  for (size_t i = 0; i < inputs.size(); ++i) by_tensor[graph.inputs()[i]] = inputs[i];
  for (const ir::Layer& layer : graph.layers()) {
    if (layer.layer_class == "Input") continue;
    std::vector<const Values*> in;
    std::vector<ir::Shape> shapes;
    for (const std::string& name : layer.inputs) {
      in.push_back(&by_tensor.at(name));
      shapes.push_back(graph.tensor(name).shape);
    }
    by_tensor[layer.output().name] = by_layer[layer.name] = evaluate(layer, in, shapes);
  }
  return by_layer;
}

}  // namespace hlsnn::backend::testing
