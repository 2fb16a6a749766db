// The convolution kernel's int roofline: the three Conv2D layers of the bench's SVHN-style CNN
// through hlsnn's nnet::conv (hls/nnet_utils/nnet_conv.h, Latency strategy) and through a plain
// integer loop of the same arithmetic: ap_fixed<16,6> data, weights, biases and results (AP_TRN,
// AP_WRAP), exact int16 x int16 products summed in ap_fixed<32,12> (an int32 that wraps), the sum
// truncated to the result. Random values on the 2^-10 grid, fixed seed; the outputs are compared
// bit for bit. Timed on this thread's CPU clock, the two alternating, the median of each.
//
// Prints one line per layer and a total: `name multiplications ours_us loop_us identical`.
// bench/pipeline/roofline.py builds it with hlsnn's flags (-I hls/ap_types -I hls).

#include <time.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

#include "ap_fixed.h"
#include "nnet_utils/nnet_conv.h"

namespace {

constexpr int kFractionBits = 10;
typedef ap_fixed<16, 6> data_t;

template <unsigned H, unsigned W, unsigned C, unsigned F>
struct Layer {
  struct config : nnet::conv_config {
    static const unsigned in_height = H, in_width = W, n_chan = C, n_filt = F;
    static const unsigned filt_height = 3, filt_width = 3;
    static const unsigned out_height = H - 2, out_width = W - 2;
    static const unsigned multiplier_limit = 9 * C * F;
    typedef ap_fixed<32, 12> accum_t;
    typedef data_t bias_t;
    typedef data_t weight_t;
  };
  static constexpr unsigned kIn = H * W * C, kOut = (H - 2) * (W - 2) * F, kWeights = 9 * C * F;
  static constexpr unsigned kMultiplications = kOut * 9 * C;
  std::vector<data_t> in = std::vector<data_t>(kIn), out = std::vector<data_t>(kOut);
  std::vector<data_t> weights = std::vector<data_t>(kWeights), biases = std::vector<data_t>(F);
  std::vector<int16_t> int_in = std::vector<int16_t>(kIn), int_out = std::vector<int16_t>(kOut);
  std::vector<int16_t> int_weights = std::vector<int16_t>(kWeights);
  std::vector<int16_t> int_biases = std::vector<int16_t>(F);

  explicit Layer(std::mt19937& random) {
    // Activations within +-4, weights within +-0.5: sums that exercise the wrap rarely.
    std::uniform_int_distribution<int> activation(-4096, 4095), weight(-512, 511);
    fill(random, activation, int_in, in);
    fill(random, weight, int_weights, weights);
    fill(random, weight, int_biases, biases);
  }
  static void fill(std::mt19937& random, std::uniform_int_distribution<int>& values,
                   std::vector<int16_t>& raw, std::vector<data_t>& typed) {
    for (size_t i = 0; i < raw.size(); ++i) {
      raw[i] = static_cast<int16_t>(values(random));
      typed[i] = static_cast<double>(raw[i]) / (1 << kFractionBits);
    }
  }

  __attribute__((noinline)) void ours() {
    nnet::conv<data_t, data_t, config>(in.data(), out.data(), weights.data(), biases.data());
  }

  __attribute__((noinline)) void loop() {
    for (unsigned oh = 0; oh < H - 2; ++oh) {
      for (unsigned ow = 0; ow < W - 2; ++ow) {
        uint32_t acc[F];  // unsigned: wrapping sums without undefined behaviour
        for (unsigned f = 0; f < F; ++f) {
          acc[f] = static_cast<uint32_t>(int_biases[f]) << kFractionBits;
        }
        for (unsigned kh = 0; kh < 3; ++kh) {
          for (unsigned kw = 0; kw < 3; ++kw) {
            const int16_t* pixel = &int_in[((oh + kh) * W + ow + kw) * C];
            const int16_t* tap = &int_weights[(kh * 3 + kw) * C * F];
            for (unsigned c = 0; c < C; ++c) {
              const int32_t x = pixel[c];
              for (unsigned f = 0; f < F; ++f) acc[f] += static_cast<uint32_t>(x * tap[c * F + f]);
            }
          }
        }
        for (unsigned f = 0; f < F; ++f) {
          int_out[(oh * (W - 2) + ow) * F + f] =
              static_cast<int16_t>(static_cast<int32_t>(acc[f]) >> kFractionBits);
        }
      }
    }
  }

  bool identical() const {
    for (unsigned i = 0; i < kOut; ++i) {
      if (out[i] != static_cast<double>(int_out[i]) / (1 << kFractionBits)) return false;
    }
    return true;
  }
};

double thread_seconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + 1e-9 * static_cast<double>(now.tv_nsec);
}

template <typename Function>
double seconds_per_call(Function function, int calls) {
  const double start = thread_seconds();
  for (int i = 0; i < calls; ++i) function();
  return (thread_seconds() - start) / calls;
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

template <class L>
void measure(const char* name, L& layer, int rounds, double& ours_total, double& loop_total,
             bool& all_identical) {
  constexpr int kCalls = 20;
  std::vector<double> ours, loop;
  for (int round = 0; round < rounds; ++round) {
    ours.push_back(seconds_per_call([&] { layer.ours(); }, kCalls));
    loop.push_back(seconds_per_call([&] { layer.loop(); }, kCalls));
  }
  const bool identical = layer.identical();
  std::printf("%s %u %.3f %.3f %d\n", name, L::kMultiplications, median(ours) * 1e6,
              median(loop) * 1e6, identical ? 1 : 0);
  ours_total += median(ours);
  loop_total += median(loop);
  all_identical = all_identical && identical;
}

}  // namespace

int main(int argc, char** argv) {
  const int rounds = argc > 1 ? std::atoi(argv[1]) : 7;
  std::mt19937 random(2024);
  Layer<32, 32, 3, 16> conv0(random);
  Layer<15, 15, 16, 16> conv1(random);
  Layer<6, 6, 16, 24> conv2(random);
  double ours = 0, loop = 0;
  bool identical = true;
  measure("conv0", conv0, rounds, ours, loop, identical);
  measure("conv1", conv1, rounds, ours, loop, identical);
  measure("conv2", conv2, rounds, ours, loop, identical);
  std::printf("total 0 %.3f %.3f %d\n", ours * 1e6, loop * 1e6, identical ? 1 : 0);
  return identical ? 0 : 1;
}
