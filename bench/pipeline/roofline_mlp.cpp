// The int roofline of the bench's MLP: 16-64-32-32-5 (ReLU hidden layers, linear output) as a
// plain integer loop with the semantics hlsnn's kernels give that model for ap_fixed<16,6> data,
// weights, biases and results and ap_fixed<32,12> accumulation: exact int16 x int16 products,
// int32 sums that wrap, results truncated (AP_TRN) and wrapped (AP_WRAP) to int16; inputs
// converted from float as the vendor's C simulation converts them (floor to the grid, wrap).
// bench/pipeline/roofline.py builds it with hlsnn's flags and checks its outputs bit for bit.

#include <cmath>
#include <cstdint>

namespace {

constexpr int kFractionBits = 10;
constexpr float kScale = 1 << kFractionBits;

template <int In, int Out>
struct Layer {
  int16_t weight[In][Out];  // Keras kernel layout
  int16_t bias[Out];
};

Layer<16, 64> fc1;
Layer<64, 32> fc2;
Layer<32, 32> fc3;
Layer<32, 5> output;

template <int In, int Out, bool Relu>
void dense(const int16_t* x, const Layer<In, Out>& layer, int16_t* y) {
  uint32_t acc[Out];  // unsigned: wrapping sums without undefined behaviour
  for (int o = 0; o < Out; ++o)
    acc[o] = static_cast<uint32_t>(layer.bias[o] * (1 << kFractionBits));
  for (int i = 0; i < In; ++i) {
    const int32_t xi = x[i];
    for (int o = 0; o < Out; ++o) acc[o] += static_cast<uint32_t>(xi * layer.weight[i][o]);
  }
  for (int o = 0; o < Out; ++o) {
    const auto result = static_cast<int16_t>(static_cast<int32_t>(acc[o]) >> kFractionBits);
    y[o] = Relu && result < 0 ? int16_t{0} : result;
  }
}

template <int In, int Out>
void load(Layer<In, Out>& layer, const int16_t* weight, const int16_t* bias) {
  for (int i = 0; i < In; ++i)
    for (int o = 0; o < Out; ++o) layer.weight[i][o] = weight[i * Out + o];
  for (int o = 0; o < Out; ++o) layer.bias[o] = bias[o];
}

}  // namespace

/// Weights and biases of layer `index` (0..3) as integers on the 2^-10 grid; false for a bad index.
extern "C" bool roofline_set_layer(int index, const int16_t* weight, const int16_t* bias) {
  switch (index) {
    case 0:
      load(fc1, weight, bias);
      return true;
    case 1:
      load(fc2, weight, bias);
      return true;
    case 2:
      load(fc3, weight, bias);
      return true;
    case 3:
      load(output, weight, bias);
      return true;
    default:
      return false;
  }
}

extern "C" void roofline_predict(const float* inputs, float* outputs, int64_t samples) {
  for (int64_t sample = 0; sample < samples; ++sample) {
    int16_t x[16];
    for (int i = 0; i < 16; ++i) {
      const auto grid = static_cast<int64_t>(std::floor(double{inputs[sample * 16 + i]} * kScale));
      x[i] = static_cast<int16_t>(static_cast<uint16_t>(grid));
    }
    int16_t h1[64], h2[32], h3[32], y[5];
    dense<16, 64, true>(x, fc1, h1);
    dense<64, 32, true>(h1, fc2, h2);
    dense<32, 32, true>(h2, fc3, h3);
    dense<32, 5, false>(h3, output, y);
    for (int o = 0; o < 5; ++o) outputs[sample * 5 + o] = y[o] / kScale;
  }
}
