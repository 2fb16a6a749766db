// Formatting of an exact decimal string to a stream precision, as the reference's
// operator<< on ap_fixed does: round half up to `precision` significant digits, print in full
// when that loses nothing, otherwise switch to a %g-like scientific form.
#ifndef HLSNN_AP_TYPES_DETAIL_PRECISION_FORMAT_H
#define HLSNN_AP_TYPES_DETAIL_PRECISION_FORMAT_H

#include <string>

namespace ap_detail {

inline bool is_nonzero_digit(char c) { return c >= '1' && c <= '9'; }

// "d.ddde±XX" from an unsigned decimal string; the exponent has at least two digits and is
// omitted when zero.
inline std::string scientific(const std::string& digits) {
  size_t point = digits.find('.');
  if (point == std::string::npos) point = digits.size();
  size_t first = 0;
  while (!is_nonzero_digit(digits[first])) ++first;
  const int exponent = first > point ? int(point) - int(first) : int(point) - int(first) - 1;
  size_t last = digits.size() - 1;
  while (!is_nonzero_digit(digits[last])) --last;
  std::string out(1, digits[first]);
  if (first != last) {
    out += '.';
    for (size_t i = first + 1; i <= last; ++i)
      if (digits[i] != '.') out += digits[i];
  }
  if (exponent != 0) {
    const int magnitude = exponent < 0 ? -exponent : exponent;
    out += exponent < 0 ? "e-" : "e+";
    if (magnitude < 10) out += '0';
    out += std::to_string(magnitude);
  }
  return out;
}

inline std::string reduce_to_precision(const std::string& decimal, int precision) {
  // The reference's zero test counts a '-' as a digit, so "-0" (from the I > W to_string quirk)
  // comes back unchanged.
  if (decimal.find_first_of("123456789") == std::string::npos)
    return decimal[0] == '-' ? decimal : "0";
  const bool negative = decimal[0] == '-';
  const size_t first = decimal.find_first_of("123456789");
  const size_t last = decimal.find_last_of("123456789");
  size_t point = decimal.find('.');
  if (point == std::string::npos) point = decimal.size();

  // Position (in `decimal`) of the first digit dropped by rounding.
  size_t cut;
  if (point > last) {
    if (int(last - first + 1) <= precision) return decimal;
    cut = first + precision;
  } else if (point < first) {
    if (int(last - first + 1) <= precision) {
      if (first - point - 1 < 4) return decimal;
      return negative ? "-" + scientific(decimal.substr(1)) : scientific(decimal);
    }
    cut = first + precision;
  } else {
    if (int(last - first) <= precision) return decimal;
    cut = first + precision + 1;
  }

  // Work on "0" + unsigned digits so that a carry can add a leading digit.
  std::string digits = "0" + (negative ? decimal.substr(1) : decimal);
  if (!negative) ++cut;
  bool carry = digits[cut] > '4';
  for (size_t i = cut; carry && i-- > 0;) {
    if (digits[i] == '.') continue;
    if (digits[i] == '9') {
      digits[i] = '0';
    } else {
      ++digits[i];
      carry = false;
    }
  }
  // Zero every digit beyond `precision` significant ones.
  size_t start = digits[0] == '1' ? 0 : digits.find_first_of("123456789");
  int significant = 0;
  for (size_t i = start; i < digits.size(); ++i) {
    if (digits[i] == '.') continue;
    if (++significant > precision) digits[i] = '0';
  }
  // Drop trailing fraction zeros (and the point when nothing follows it).
  size_t end = digits.size();
  if (digits.find('.') != std::string::npos) {
    for (end = digits.size() - 1;; --end) {
      if (digits[end] == '.') break;
      if (digits[end] != '0') {
        ++end;
        break;
      }
    }
  }
  digits = digits[0] == '1' ? digits.substr(0, end) : digits.substr(1, end - 1);

  const std::string sign = negative ? "-" : "";
  const size_t new_point = digits.find('.');
  if (new_point != std::string::npos) {
    size_t i = new_point + 1;
    while (i < digits.size() && digits[i] == '0') ++i;
    if (i - new_point - 1 < 4) return sign + digits;
    return sign + scientific(digits);
  }
  if (int(digits.size()) <= precision) return sign + digits;
  return sign + scientific(digits);
}

}  // namespace ap_detail

#endif  // HLSNN_AP_TYPES_DETAIL_PRECISION_FORMAT_H
