// Support code for the generated differential programs (see program_generator.py).
//
// The same source is compiled once against our ap_types headers and once against the vendor
// headers, so everything here must use only long-established API that both provide: const
// operator[] to read a raw bit, operator[] assignment to write one, and the W/I/S/Q/O/N template
// parameters of ap_int_base / ap_fixed_base. Inputs are built from a PRNG implemented here, so
// they are identical in both builds; every input is printed back as the build sees it, which
// separates "the input construction differs" from "the operation differs".
#ifndef HLSNN_TESTS_AP_TYPES_DIFFERENTIAL_DIFF_SUPPORT_H_
#define HLSNN_TESTS_AP_TYPES_DIFFERENTIAL_DIFF_SUPPORT_H_

#include <ap_fixed.h>
#include <ap_int.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <iomanip>
#include <sstream>
#include <string>
#include <type_traits>

namespace diff {

// splitmix64: tiny, deterministic and identical in both builds.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform-ish integer in [lo, hi]; the modulo bias is irrelevant for test-data generation.
  long long between(long long lo, long long hi) {
    return lo + static_cast<long long>(next() % static_cast<std::uint64_t>(hi - lo + 1));
  }

 private:
  std::uint64_t state_;
};

constexpr int kMaxPatternBits = 1024;

// A raw bit pattern of `width` bits, bit k at bits[k].
struct Pattern {
  int width;
  bool bits[kMaxPatternBits];
};

// Number of leading value indices that get fixed edge patterns instead of random ones.
constexpr int kEdgePatternCount = 8;

// Fills `pattern` for value number `value_index`: first the edge patterns (0, +1 LSB, all ones,
// MSB only, all but MSB, MSB|1, 2 LSB, MSB-1 only), then a mix of full-width random patterns,
// random magnitudes (sign- or zero-extended from a random bit count, so small and near-boundary
// values are common), and ties: when `tie_bits` > 0 the low tie_bits bits become 10...0, i.e.
// exactly half an LSB of a target type with tie_bits fewer fractional bits.
inline void make_pattern(Rng& rng, int width, int value_index, int tie_bits, Pattern* pattern) {
  pattern->width = width;
  bool* bits = pattern->bits;
  const int msb = width - 1;
  if (value_index < kEdgePatternCount) {
    for (int k = 0; k < width; ++k) {
      switch (value_index) {
        case 0:
          bits[k] = false;
          break;
        case 1:
          bits[k] = (k == 0);
          break;
        case 2:
          bits[k] = true;
          break;
        case 3:
          bits[k] = (k == msb);
          break;
        case 4:
          bits[k] = (k != msb) || width == 1;
          break;
        case 5:
          bits[k] = (k == msb) || (k == 0);
          break;
        case 6:
          bits[k] = (k == 1);
          break;
        default:
          bits[k] = (k == msb - 1);
          break;
      }
    }
    return;
  }
  std::uint64_t word = 0;
  for (int k = 0; k < width; ++k) {
    if (k % 64 == 0) word = rng.next();
    bits[k] = (word >> (k % 64)) & 1;
  }
  const int shape = static_cast<int>(rng.next() % 4);
  if (shape == 1 || shape == 2) {
    const int kept = static_cast<int>(rng.between(1, width));
    const bool fill = (rng.next() & 1) && bits[kept - 1];
    for (int k = kept; k < width; ++k) bits[k] = fill;
  }
  if (shape == 2 && tie_bits > 0) {
    for (int k = 0; k < tie_bits && k < width; ++k) bits[k] = (k == tie_bits - 1);
  }
}

template <class T>
void write_bits(const Pattern& pattern, T* x) {
  for (int k = 0; k < pattern.width; ++k) (*x)[k] = pattern.bits[k];
}

// Builds a random value of ap type T (see make_pattern).
template <class T>
T random_ap(Rng& rng, int value_index, int tie_bits) {
  static Pattern pattern;
  make_pattern(rng, T::width, value_index, tie_bits, &pattern);
  T x;
  write_bits(pattern, &x);
  return x;
}

// Divisors: a zero raw pattern is replaced by +1 LSB (division by zero traps in the vendor code).
template <class T>
T nonzero(const T& x) {
  for (int k = 0; k < T::width; ++k) {
    if (x[k]) return x;
  }
  T one = x;
  one[0] = true;
  return one;
}

// C integer of random magnitude: sign-extended from a random number of low bits.
inline long long random_c_integer(Rng& rng) {
  const int kept = static_cast<int>(rng.between(1, 64));
  const std::uint64_t raw = rng.next();
  if (kept == 64) return static_cast<long long>(raw);
  const std::uint64_t sign = (raw >> (kept - 1)) & 1;
  const std::uint64_t low = raw & ((std::uint64_t{1} << kept) - 1);
  return static_cast<long long>(sign ? (low | ~((std::uint64_t{1} << kept) - 1)) : low);
}

// Random double with a binary exponent in [min_exponent, max_exponent] and a full random mantissa.
inline double random_double(Rng& rng, int min_exponent, int max_exponent) {
  const std::uint64_t mantissa = rng.next() >> 11;  // 53 bits
  const int exponent = static_cast<int>(rng.between(min_exponent, max_exponent)) - 52;
  double magnitude = static_cast<double>(mantissa | (std::uint64_t{1} << 52));
  for (int e = exponent; e > 0; --e) magnitude *= 2.0;  // exact: powers of two, no overflow
  for (int e = exponent; e < 0; ++e) magnitude *= 0.5;  // exact while in the normal range
  return (rng.next() & 1) ? -magnitude : magnitude;
}

// ---- Printing. Every result line is "<case> <kind> <type parameters>:<value>". ----

template <class T>
void print_hex_bits(const T& x, int width) {
  static char text[kMaxPatternBits / 2 + 2];
  int length = 0;
  for (int top = ((width - 1) / 4) * 4; top >= 0; top -= 4) {
    int nibble = 0;
    for (int k = 3; k >= 0; --k)
      nibble = nibble * 2 + ((top + k < width) ? int(bool(x[top + k])) : 0);
    text[length++] = "0123456789abcdef"[nibble];
  }
  text[length] = '\0';
  std::fputs(text, stdout);
}

template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N>
void print_value(const ap_fixed_base<W, I, S, Q, O, N>& x) {
  std::printf("fixed<%d,%d,%c,q%d,o%d,n%d>:", W, I, S ? 's' : 'u', int(Q), int(O), N);
  print_hex_bits(x, W);
}

template <int W, bool S>
void print_value(const ap_int_base<W, S>& x) {
  std::printf("int<%d,%c>:", W, S ? 's' : 'u');
  print_hex_bits(x, W);
}

inline void print_value(bool x) { std::printf("bool:%d", int(x)); }

inline void print_value(double x) {
  std::uint64_t bits;
  std::memcpy(&bits, &x, sizeof bits);
  std::printf("double:%016llx", static_cast<unsigned long long>(bits));
}

inline void print_value(float x) {
  std::uint32_t bits;
  std::memcpy(&bits, &x, sizeof bits);
  std::printf("float:%08x", static_cast<unsigned>(bits));
}

// Any C integer type other than bool: print its size and signedness so the result type is pinned.
template <class T, class = std::enable_if_t<std::is_integral<T>::value>>
void print_value(T x) {
  if (std::is_signed<T>::value) {
    std::printf("c%zus:%lld", sizeof(T), static_cast<long long>(x));
  } else {
    std::printf("c%zuu:%llu", sizeof(T), static_cast<unsigned long long>(x));
  }
}

inline void print_value(const std::string& x) { std::printf("string:\"%s\"", x.c_str()); }

template <class T>
void emit(int case_index, const T& result) {
  std::printf("%d ", case_index);
  print_value(result);
  std::putchar('\n');
}

template <class T>
std::string streamed(const T& x) {
  std::ostringstream out;
  out << x;
  return out.str();
}

// The inputs of one value iteration, as this build sees them.
template <class A, class B>
void begin_value(int value_index, const A& a, const B& b, long long n, double d, int s) {
  std::printf("V %d a=", value_index);
  print_value(a);
  std::printf(" b=");
  print_value(b);
  std::printf(" n=%lld d=", n);
  print_value(d);
  std::printf(" s=%d\n", s);
}

}  // namespace diff

#endif  // HLSNN_TESTS_AP_TYPES_DIFFERENTIAL_DIFF_SUPPORT_H_
