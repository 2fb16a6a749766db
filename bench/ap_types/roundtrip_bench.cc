// double -> ap_fixed -> double round trips for a few representative types.
//
// Usage: roundtrip_bench [repetitions]. Prints one JSON line per type; see bench_common.h.
#include <vector>

#include "ap_fixed.h"
#include "bench_common.h"

namespace {

constexpr long long kValues = 1 << 20;

// Inputs span 1.25x the type's range, so about a fifth of them overflow and exercise the
// wrap or saturation path, and carry full 53-bit mantissas, so quantization always matters.
template <class Fixed, int kIntegerBits>
void RunRoundTrip(const char* name, int repetitions, uint64_t seed) {
  const double bound = 1.25 * static_cast<double>(1LL << (kIntegerBits - 1));
  bench::SplitMix64 random(seed);
  std::vector<double> inputs(kValues);
  for (double& value : inputs) value = random.UniformReal(-bound, bound);

  std::vector<double> outputs(kValues);
  const std::vector<double> seconds = bench::TimePasses(repetitions, [&] {
    for (long long k = 0; k < kValues; ++k) outputs[k] = Fixed(inputs[k]).to_double();
  });
  bench::Checksum checksum;
  for (double value : outputs) checksum.AddDouble(value);
  bench::PrintResult(name, "ap", kValues, seconds, checksum.value());
}

}  // namespace

int main(int argc, char** argv) {
  const int repetitions = bench::RepetitionsFromArgs(argc, argv);
  RunRoundTrip<ap_fixed<16, 6>, 6>("roundtrip ap_fixed<16,6>", repetitions, 16);
  RunRoundTrip<ap_fixed<18, 8, AP_RND, AP_SAT>, 8>("roundtrip ap_fixed<18,8,AP_RND,AP_SAT>",
                                                   repetitions, 18);
  RunRoundTrip<ap_fixed<32, 16>, 16>("roundtrip ap_fixed<32,16>", repetitions, 32);
  RunRoundTrip<ap_fixed<64, 24>, 24>("roundtrip ap_fixed<64,24>", repetitions, 64);
  return 0;
}
