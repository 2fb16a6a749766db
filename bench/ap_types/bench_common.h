// Helpers shared by the ap-type speed benchmarks. Everything here is independent of the ap-type
// header set, so the vendor build and our build see identical inputs and report comparable lines.
#ifndef HLSNN_BENCH_AP_TYPES_BENCH_COMMON_H_
#define HLSNN_BENCH_AP_TYPES_BENCH_COMMON_H_

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <vector>

namespace bench {

// SplitMix64: fully specified by its few lines, unlike the std:: distributions, so the inputs are
// the same whatever the standard library.
class SplitMix64 {
 public:
  explicit SplitMix64(uint64_t seed) : state_(seed) {}

  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }

  // Uniform in [low, high); the modulo bias is irrelevant for benchmark inputs.
  int64_t UniformInt(int64_t low, int64_t high) {
    return low + static_cast<int64_t>(Next() % static_cast<uint64_t>(high - low));
  }

  // Uniform in [low, high) with all 53 mantissa bits random, so conversions must really quantize.
  double UniformReal(double low, double high) {
    return low + (high - low) * static_cast<double>(Next() >> 11) * 0x1.0p-53;
  }

 private:
  uint64_t state_;
};

// Order-sensitive 64-bit hash: each step is a bijection of the running hash for a fixed input
// word, so a single differing output always changes the checksum.
class Checksum {
 public:
  void AddInteger(int64_t value) {
    uint64_t z = (hash_ ^ static_cast<uint64_t>(value)) + 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    hash_ = z ^ (z >> 31);
  }

  void AddDouble(double value) {
    // Adding +0.0 folds -0.0 into +0.0: the sign of a zero is not a numeric difference.
    const double normalized = value + 0.0;
    uint64_t bits;
    std::memcpy(&bits, &normalized, sizeof bits);
    AddInteger(static_cast<int64_t>(bits));
  }

  uint64_t value() const { return hash_; }

 private:
  uint64_t hash_ = 0xcbf29ce484222325ULL;
};

// Keeps the optimizer from merging or dropping repeated timed passes over the same data.
inline void ClobberMemory() { asm volatile("" : : : "memory"); }

// Long enough that timer resolution and scheduling noise stay small.
constexpr double kMinSecondsPerMeasurement = 0.2;

// CPU time of this (single-threaded) process rather than wall time: on a shared machine the time
// slices given to other processes would otherwise count against whichever build was unlucky.
inline double CpuSeconds() {
  timespec now;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + 1e-9 * static_cast<double>(now.tv_nsec);
}

// Runs `pass` back to back until kMinSecondsPerMeasurement of CPU time has elapsed; returns CPU
// seconds per pass.
template <class Pass>
double SecondsPerPass(Pass&& pass) {
  const double start = CpuSeconds();
  long long passes = 0;
  double elapsed = 0;
  do {
    pass();
    ClobberMemory();
    ++passes;
    elapsed = CpuSeconds() - start;
  } while (elapsed < kMinSecondsPerMeasurement);
  return elapsed / static_cast<double>(passes);
}

// One untimed warm-up pass (page faults, caches, lazy initialization), then `repetitions`
// measurements, each reported as seconds per pass.
template <class Pass>
std::vector<double> TimePasses(int repetitions, Pass&& pass) {
  pass();
  ClobberMemory();
  std::vector<double> seconds;
  for (int rep = 0; rep < repetitions; ++rep) seconds.push_back(SecondsPerPass(pass));
  return seconds;
}

// One JSON object per line on stdout, parsed by bench/ap_types/run.py. `items` is the work done
// by one pass (samples or conversions); `seconds` holds one seconds-per-pass per measurement.
inline void PrintResult(const char* benchmark, const char* variant, long long items,
                        const std::vector<double>& seconds, uint64_t checksum) {
  std::printf("{\"benchmark\": \"%s\", \"variant\": \"%s\", \"items\": %lld, \"seconds\": [",
              benchmark, variant, items);
  for (size_t k = 0; k < seconds.size(); ++k) {
    std::printf("%s%.9g", k ? ", " : "", seconds[k]);
  }
  std::printf("], \"checksum\": \"%016llx\"}\n", static_cast<unsigned long long>(checksum));
  std::fflush(stdout);
}

inline int RepetitionsFromArgs(int argc, char** argv) {
  const int repetitions = argc > 1 ? std::atoi(argv[1]) : 3;
  return repetitions > 0 ? repetitions : 1;
}

}  // namespace bench

#endif  // HLSNN_BENCH_AP_TYPES_BENCH_COMMON_H_
