// Text conversions (semantics §2.3, §4, §7): parsing constructors, to_string and stream
// operators. These are slow paths written for clarity.
#ifndef HLSNN_AP_TYPES_DETAIL_STRING_IO_H
#define HLSNN_AP_TYPES_DETAIL_STRING_IO_H

#include <vector>

#include "refs.h"

namespace ap_detail {

inline int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return 99;
}

// Reads an optional 0b/0o/0x (and, for integers, 0d) prefix; returns the radix it names or 0.
inline int read_radix_prefix(const char*& p, bool allow_decimal) {
  if (p[0] != '0') return 0;
  const char c = static_cast<char>(p[1] | 0x20);
  const int radix = c == 'b'                      ? 2
                    : c == 'o'                    ? 8
                    : c == 'x'                    ? 16
                    : (allow_decimal && c == 'd') ? 10
                                                  : 0;
  if (radix) p += 2;
  return radix;
}

// Integer text (§4): optional '-', optional prefix, then digits up to the first invalid one.
// Up to 64 bits the value saturates at 2^64-1 like sscanf; wider values wrap modulo 2^W.
template <int W, bool S>
inline storage_t<W, S> parse_int(const char* text, int radix) {
  const char* p = text;
  while (*p == ' ' || *p == '\t') ++p;
  bool neg = false;
  if (*p == '-' || *p == '+') neg = *p++ == '-';
  const int prefix = read_radix_prefix(p, true);
  if (prefix) radix = prefix;
  if (radix == 0) radix = 10;
  if constexpr (W <= 64) {
    u128 acc = 0;
    bool saturated = false;
    for (; digit_value(*p) < radix; ++p) {
      if (saturated) continue;
      acc = acc * unsigned(radix) + unsigned(digit_value(*p));
      saturated = (acc >> 64) != 0;
    }
    u64 value = saturated ? ~u64(0) : static_cast<u64>(acc);
    if (neg) value = u64(0) - value;
    return cast_raw<W, S, false>(value);
  } else {
    using T = storage_t<W, false>;
    T acc{};
    for (; digit_value(*p) < radix; ++p)
      acc = add_raw<W, false>(mul_raw<W, false>(acc, raw_from_int<W, false>(radix)),
                              raw_from_int<W, false>(digit_value(*p)));
    if (neg) acc = neg_raw<W, false>(acc);
    return cast_raw<W, S, false>(acc);
  }
}

// A number as digit strings around the radix point (after exponent shifting for radix 10).
struct parsed_fixed {
  bool neg = false;
  int radix = 10;
  std::string int_digits, frac_digits;
  long binary_exponent = 0;  // from a 'p' exponent (power of 2)
};

inline parsed_fixed parse_fixed_text(const char* text, int radix) {
  parsed_fixed r;
  std::string s(text);
  const size_t b = s.find_first_not_of(" \t\n\r"), e = s.find_last_not_of(" \t\n\r");
  s = b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
  const char* p = s.c_str();
  if (*p == '-' || *p == '+') r.neg = *p++ == '-';
  const int prefix = read_radix_prefix(p, false);
  r.radix = prefix ? prefix : (radix > 1 ? radix : 10);
  for (; digit_value(*p) < r.radix; ++p) r.int_digits += *p;
  if (*p == '.')
    for (++p; digit_value(*p) < r.radix; ++p) r.frac_digits += *p;
  const char marker = static_cast<char>(*p | 0x20);
  if ((r.radix == 10 && marker == 'e') || (r.radix != 10 && marker == 'p')) {
    const long exponent = std::strtol(p + 1, nullptr, 10);
    if (r.radix != 10) {
      r.binary_exponent = exponent;
    } else if (exponent > 0) {
      const std::string moved =
          r.frac_digits.substr(0, std::min<size_t>(exponent, r.frac_digits.size()));
      r.int_digits += moved + std::string(exponent - moved.size(), '0');
      r.frac_digits.erase(0, moved.size());
    } else if (exponent < 0) {
      const size_t n = static_cast<size_t>(-exponent);
      const std::string moved = n > r.int_digits.size()
                                    ? std::string(n - r.int_digits.size(), '0') + r.int_digits
                                    : r.int_digits.substr(r.int_digits.size() - n);
      r.frac_digits = moved + r.frac_digits;
      r.int_digits.erase(r.int_digits.size() - std::min(n, r.int_digits.size()));
    }
  }
  return r;
}

// Exact text value -> (W, I) target: the integer part is kept modulo 2^K with a flag bit above
// it when larger, the fraction to max(F,0)+2 bits plus a sticky bit, which decides every
// rounding exactly; the result is then converted like any fixed-point source.
template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N>
inline storage_t<W, S> parse_fixed(const char* text, int radix) {
  parsed_fixed num = parse_fixed_text(text, radix);
  constexpr int K = max_of(I, 1) + 3;
  constexpr int G = max_of(W - I, 0) + 2;
  constexpr int Wsrc = K + 1 + G + 1 + 1;
  // Bits of the number, integer part LSB first; a 'p' exponent moves the point afterwards.
  std::vector<int> int_bits, frac_bits;
  std::vector<int> digits;
  for (char c : num.int_digits) digits.push_back(digit_value(c));
  while (!digits.empty()) {  // repeated halving of the integer digit string
    int rem = 0;
    std::vector<int> half;
    for (int d : digits) {
      const int cur = rem * num.radix + d;
      if (!half.empty() || cur / 2) half.push_back(cur / 2);
      rem = cur % 2;
    }
    int_bits.push_back(rem);
    digits.swap(half);
    if (int_bits.size() >
        size_t(K + G + 64) + size_t(num.binary_exponent < 0 ? -num.binary_exponent : 0)) {
      int_bits.push_back(1);  // magnitude far beyond any target range
      break;
    }
  }
  digits.clear();
  for (char c : num.frac_digits) digits.push_back(digit_value(c));
  bool frac_sticky = false;
  const size_t frac_needed =
      size_t(G + 2) + size_t(num.binary_exponent > 0 ? num.binary_exponent : 0);
  while (frac_bits.size() < frac_needed + 1) {  // repeated doubling of the fraction digits
    int carry = 0;
    for (size_t i = digits.size(); i-- > 0;) {
      const int cur = digits[i] * 2 + carry;
      digits[i] = cur % num.radix;
      carry = cur / num.radix;
    }
    frac_bits.push_back(carry);
  }
  for (int d : digits) frac_sticky |= d != 0;
  // Move the binary point for a 'p' exponent.
  for (long e = num.binary_exponent; e > 0; --e) {
    int_bits.insert(int_bits.begin(), frac_bits.empty() ? 0 : frac_bits.front());
    if (!frac_bits.empty()) frac_bits.erase(frac_bits.begin());
  }
  for (long e = num.binary_exponent; e < 0; ++e) {
    frac_bits.insert(frac_bits.begin(), int_bits.empty() ? 0 : int_bits.front());
    if (!int_bits.empty()) int_bits.erase(int_bits.begin());
  }
  using T = storage_t<Wsrc, true>;
  T raw{};
  bool overflow = false;
  for (size_t i = 0; i < int_bits.size(); ++i) {
    if (!int_bits[i]) continue;
    if (i < size_t(K))
      raw = with_bit<Wsrc, true>(raw, int(i) + G + 1, true);
    else
      overflow = true;
  }
  if (overflow) raw = with_bit<Wsrc, true>(raw, K + G + 1, true);
  for (size_t i = 0; i < frac_bits.size(); ++i) {
    if (i < size_t(G)) {
      if (frac_bits[i]) raw = with_bit<Wsrc, true>(raw, G - int(i), true);
    } else {
      frac_sticky |= frac_bits[i] != 0;
    }
  }
  if (frac_sticky) raw = with_bit<Wsrc, true>(raw, 0, true);
  if (num.neg) raw = neg_raw<Wsrc, true>(raw);
  return convert_fixed<W, S, Q, O, N, Wsrc, true>(raw, (W - I) - (G + 1));
}

inline char digit_char(int d, bool upper) {
  return static_cast<char>(d < 10 ? '0' + d : (upper ? 'A' : 'a') + d - 10);
}

// Digits of an unsigned W-bit value in radix 2^bits_per_digit, most significant first.
template <int W, class T>
inline std::string pow2_digits(const T& v, int bits_per_digit, bool upper) {
  std::string out;
  const int ndigits = (W + bits_per_digit - 1) / bits_per_digit;
  for (int d = ndigits - 1; d >= 0; --d) {
    int value = 0;
    for (int b = bits_per_digit - 1; b >= 0; --b) {
      const int bit = d * bits_per_digit + b;
      value = value * 2 + (bit < W && bit_of<false>(v, bit));
    }
    if (!out.empty() || value || d == 0) out += digit_char(value, upper);
  }
  return out;
}

// Decimal digits of an unsigned W-bit value.
template <int W, class T>
inline std::string decimal_digits(T value) {
  // At least 5 bits so that the divisor 10 itself fits.
  constexpr int Wd = W > 5 ? W : 5;
  auto v = cast_raw<Wd, false, false>(value);
  std::string out;
  const auto ten = raw_from_int<Wd, false>(10);
  do {
    decltype(v) q, r;
    divmod_raw<Wd, false>(v, ten, &q, &r);
    out += static_cast<char>('0' + word_of<false>(r, 0));
    v = q;
  } while (!is_zero_raw(v));
  return std::string(out.rbegin(), out.rend());
}

template <int W, bool S>
inline std::string int_to_string(const storage_t<W, S>& bits, int radix, bool sign) {
  constexpr int Wu = W + 1;
  const bool neg = is_negative<S>(bits);
  if (radix == 10) {
    auto mag = cast_raw<Wu, false, S>(bits);
    if (neg) mag = neg_raw<Wu, false>(mag);
    return (neg ? "-" : "") + decimal_digits<Wu>(mag);
  }
  const int bits_per_digit = radix == 2 ? 1 : radix == 8 ? 3 : 4;
  const char* prefix = radix == 2 ? "0b" : radix == 8 ? "0o" : "0x";
  if (radix == 2) sign = false;
  const bool upper = W > 64;
  if (sign && neg) {
    auto mag = neg_raw<Wu, false>(cast_raw<Wu, false, S>(bits));
    return std::string("-") + prefix + pow2_digits<Wu>(mag, bits_per_digit, upper);
  }
  const auto pattern = cast_raw<W, false, S>(bits);
  if (is_zero_raw(pattern)) return W > 64 ? "0" : std::string(prefix) + "0";
  std::string digits = pow2_digits<W>(pattern, bits_per_digit, upper);
  const int printed_bits = int(digits.size()) * bits_per_digit;
  const bool top_msb = digit_value(digits[0]) >> (bits_per_digit - 1);
  if (printed_bits < W && (W > 64 || top_msb)) digits.insert(0, "0");
  return prefix + digits;
}

// Exact decimal expansion of raw * 2^-F.
template <int W, bool S, int F>
inline std::string fixed_to_decimal(const storage_t<W, S>& bits) {
  constexpr int Wu = W + 1;
  const bool neg = is_negative<S>(bits);
  auto mag = cast_raw<Wu, false, S>(bits);
  if (neg) mag = neg_raw<Wu, false>(mag);
  std::string out = neg ? "-" : "";
  if constexpr (F <= 0) {
    // Reference quirk: with I > W the integer part is shifted within the W+1 bits of the
    // magnitude, so its top -F bits are lost (ap_fixed<39,42> min prints "-0").
    return out + decimal_digits<Wu>(shl_raw<Wu, false>(mag, -F));
  } else {
    out += decimal_digits<Wu>(shr_raw<Wu, false>(mag, F));
    // Fraction digits: repeated multiplication of the fraction by 10, F+4 bits of headroom.
    constexpr int Wf = F + 5;
    auto frac = cast_raw<Wf, false, false>(mag);
    frac = bitwise_raw<Wf, false, bitwise::and_op>(
        frac, sub_raw<Wf, false>(shl_raw<Wf, false>(raw_from_int<Wf, false>(1), F),
                                 raw_from_int<Wf, false>(1)));
    if (!is_zero_raw(frac)) out += '.';
    while (!is_zero_raw(frac)) {
      frac = mul_raw<Wf, false>(frac, raw_from_int<Wf, false>(10));
      out += static_cast<char>('0' + word_of<false>(shr_raw<Wf, false>(frac, F), 0));
      frac = bitwise_raw<Wf, false, bitwise::and_op>(
          frac, sub_raw<Wf, false>(shl_raw<Wf, false>(raw_from_int<Wf, false>(1), F),
                                   raw_from_int<Wf, false>(1)));
    }
    return out;
  }
}

std::string reduce_to_precision(const std::string& decimal, int precision);

}  // namespace ap_detail

template <int W, bool S>
ap_int_base<W, S>::ap_int_base(const char* text) {
  V.bits = ap_detail::parse_int<W, S>(text, 0);
}
template <int W, bool S>
ap_int_base<W, S>::ap_int_base(const char* text, signed char radix) {
  V.bits = ap_detail::parse_int<W, S>(text, radix);
}
template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N>
ap_fixed_base<W, I, S, Q, O, N>::ap_fixed_base(const char* text, signed char radix) {
  V.bits = ap_detail::parse_fixed<W, I, S, Q, O, N>(text, radix);
}

template <int W, bool S>
std::string ap_int_base<W, S>::to_string(signed char radix, bool sign) const {
  return ap_detail::int_to_string<W, S>(V.bits, radix, sign);
}

template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N>
std::string ap_fixed_base<W, I, S, Q, O, N>::to_string(unsigned char radix, bool sign) const {
  using namespace ap_detail;
  constexpr int F = W - I;
  if (radix == 10) return fixed_to_decimal<W, S, F>(V.bits);
  // Other radixes, as the reference: the integer part is the (I+1)-bit pattern above the binary
  // point (of the magnitude when printing a sign), or "0" after the prefix when I <= 0; then
  // the fraction bits grouped from the binary point, only when some are set, with "p0" in hex.
  const bool magnitude = radix != 2 && sign && is_neg();
  constexpr int Wm = W + 1;
  auto value = cast_raw<Wm, true, S>(V.bits);
  if (magnitude) value = neg_raw<Wm, true>(value);
  std::string out = magnitude ? "-" : "";
  if constexpr (I > 0) {
    out += int_to_string<I + 1, false>(
        cast_raw<I + 1, false, true>(
            F > 0 ? shr_raw<Wm, true>(value, F)
                  : shl_raw<Wm + 1 - F, true>(cast_raw<Wm + 1 - F, true, true>(value), -F)),
        radix, false);
  } else {
    out += radix == 2 ? "0b0" : radix == 8 ? "0o0" : "0x0";
  }
  if (F > 0 && low_bits_nonzero<true>(value, F)) {
    const int bits_per_digit = radix == 2 ? 1 : radix == 8 ? 3 : 4;
    out += '.';
    for (int top = F - 1; top >= 0; top -= bits_per_digit) {
      int digit = 0;
      for (int b = 0; b < bits_per_digit; ++b)
        digit = digit * 2 + ((top - b >= 0) && bit_of<true>(value, top - b));
      out += digit_char(digit, false);
    }
    if (radix == 16) out += "p0";
  }
  return out;
}

// ---- Streams --------------------------------------------------------------------------------

// Reference quirk: the base flags are read from std::cout, not from the stream written to.
template <int W, bool S>
inline std::ostream& operator<<(std::ostream& os, const ap_int_base<W, S>& x) {
  const std::ios_base::fmtflags flags = std::cout.flags();
  if (flags & std::ios_base::hex) return os << x.to_string(16);
  if (flags & std::ios_base::oct) return os << x.to_string(8);
  return os << x.to_string(10);
}

template <int W, bool S>
inline std::istream& operator>>(std::istream& in, ap_int_base<W, S>& x) {
  std::string token;
  in >> token;
  const auto base = in.flags() & std::ios_base::basefield;
  x = ap_int_base<W, S>(token.c_str(), static_cast<signed char>(base == std::ios_base::hex   ? 16
                                                                : base == std::ios_base::oct ? 8
                                                                                             : 0));
  return in;
}

template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N>
inline std::ostream& operator<<(std::ostream& os, const ap_fixed_base<W, I, S, Q, O, N>& x) {
  const std::string text =
      ap_detail::reduce_to_precision(x.to_string(10), static_cast<int>(os.precision()));
  // Reference quirk: the fill characters are written one by one without resetting the width
  // first, so the first of them is itself padded to the full width.
  const std::streamsize width = os.width();
  const char fill = os.fill();
  for (std::streamsize i = static_cast<std::streamsize>(text.size()); i < width; ++i) os << fill;
  return os << text;
}

template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N>
inline std::istream& operator>>(std::istream& in, ap_fixed_base<W, I, S, Q, O, N>& x) {
  double d = 0;
  in >> d;
  x = ap_fixed_base<W, I, S, Q, O, N>(d);
  return in;
}

template <class R, std::enable_if_t<ap_detail::is_int_ref_v<R>, int> = 0>
inline std::ostream& operator<<(std::ostream& os, const R& ref) {
  return os << ref.get();
}

#include "precision_format.h"

#endif  // HLSNN_AP_TYPES_DETAIL_STRING_IO_H
