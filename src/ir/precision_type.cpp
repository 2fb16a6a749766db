#include "ir/precision_type.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <ostream>
#include <utility>
#include <vector>

#include "ir/error.h"
#include "ir/names.h"

namespace hlsnn::ir {
namespace {

constexpr std::array<std::pair<std::string_view, RoundingMode>, 7> kRoundingNames = {{
    {"RND", RoundingMode::kRnd},
    {"RND_ZERO", RoundingMode::kRndZero},
    {"RND_MIN_INF", RoundingMode::kRndMinInf},
    {"RND_INF", RoundingMode::kRndInf},
    {"RND_CONV", RoundingMode::kRndConv},
    {"TRN", RoundingMode::kTrn},
    {"TRN_ZERO", RoundingMode::kTrnZero},
}};

constexpr std::array<std::pair<std::string_view, OverflowMode>, 5> kOverflowNames = {{
    {"SAT", OverflowMode::kSat},
    {"SAT_ZERO", OverflowMode::kSatZero},
    {"SAT_SYM", OverflowMode::kSatSym},
    {"WRAP", OverflowMode::kWrap},
    {"WRAP_SM", OverflowMode::kWrapSm},
}};

constexpr std::string_view kAcceptedForms =
    "accepted forms: ap_fixed<W,I>, ap_fixed<W,I,Q>, ap_fixed<W,I,Q,O>, ap_fixed<W,I,Q,O,N> "
    "(likewise ap_ufixed, fixed, ufixed), ap_int<W>, ap_uint<W>, int<W>, uint<W>, auto; "
    "Q is one of RND, RND_ZERO, RND_MIN_INF, RND_INF, RND_CONV, TRN, TRN_ZERO and "
    "O one of SAT, SAT_ZERO, SAT_SYM, WRAP, WRAP_SM, with or without the AP_ prefix";

void require_concrete(const PrecisionType& type, std::string_view operation) {
  if (type.is_auto()) {
    throw Error(
        std::string("cannot compute the ") + std::string(operation) + " of an 'auto' precision", "",
        "infer the precision first (the precision-inference pass does this)");
  }
}

std::string_view trim(std::string_view text) {
  constexpr std::string_view kSpaces = " \t\r\n";
  const size_t first = text.find_first_not_of(kSpaces);
  if (first == std::string_view::npos) {
    return {};
  }
  const size_t last = text.find_last_not_of(kSpaces);
  return text.substr(first, last - first + 1);
}

/// Parses one precision string; every failure names the text and lists the accepted forms.
class PrecisionParser {
 public:
  PrecisionParser(std::string_view text, int max_width) : text_(text), max_width_(max_width) {}

  PrecisionType parse() const {
    const std::string_view body = trim(text_);
    if (body == "auto") {
      return PrecisionType::automatic();
    }
    const size_t open = body.find('<');
    if (open == std::string_view::npos) {
      fail("expected a type name followed by <...>");
    }
    const std::string_view name = trim(body.substr(0, open));
    if (body.back() != '>') {
      fail("expected '>' at the end");
    }
    const std::string_view inside = body.substr(open + 1, body.size() - open - 2);
    if (inside.find_first_of("<>") != std::string_view::npos) {
      fail("unbalanced '<' or '>'");
    }
    const std::vector<std::string_view> parameters = split_parameters(inside);

    if (name == "ap_int" || name == "int" || name == "ap_uint" || name == "uint") {
      if (parameters.size() != 1) {
        fail(std::string(name) + " takes exactly one parameter, W");
      }
      const bool is_signed = name == "ap_int" || name == "int";
      return PrecisionType::integer(parse_width(parameters[0]), is_signed);
    }
    if (name == "ap_fixed" || name == "fixed" || name == "ap_ufixed" || name == "ufixed") {
      return parse_fixed(parameters, name == "ap_fixed" || name == "fixed");
    }
    fail("unknown type name '" + std::string(name) + "'");
  }

 private:
  [[noreturn]] void fail(const std::string& reason) const {
    throw Error("invalid precision " + single_quoted(text_) + ": " + reason, "",
                std::string(kAcceptedForms));
  }

  std::vector<std::string_view> split_parameters(std::string_view inside) const {
    std::vector<std::string_view> parameters;
    size_t start = 0;
    while (true) {
      const size_t comma = inside.find(',', start);
      const std::string_view parameter = trim(inside.substr(start, comma - start));
      if (parameter.empty()) {
        fail("empty parameter");
      }
      parameters.push_back(parameter);
      if (comma == std::string_view::npos) {
        return parameters;
      }
      start = comma + 1;
    }
  }

  PrecisionType parse_fixed(const std::vector<std::string_view>& parameters, bool is_signed) const {
    if (parameters.size() < 2 || parameters.size() > 5) {
      fail("a fixed-point type takes 2 to 5 parameters W,I[,Q[,O[,N]]], got " +
           std::to_string(parameters.size()));
    }
    const int width = parse_width(parameters[0]);
    const long long integer_bits = parse_integer(parameters[1], "integer bits I");
    if (integer_bits < -kAbsoluteMaxWidth || integer_bits > kAbsoluteMaxWidth) {
      fail("integer bits I=" + std::to_string(integer_bits) + " outside [-" +
           std::to_string(kAbsoluteMaxWidth) + ", " + std::to_string(kAbsoluteMaxWidth) + "]");
    }
    const RoundingMode rounding = parameters.size() > 2
                                      ? parse_mode(parameters[2], kRoundingNames, "rounding mode Q")
                                      : RoundingMode::kTrn;
    const OverflowMode overflow = parameters.size() > 3
                                      ? parse_mode(parameters[3], kOverflowNames, "overflow mode O")
                                      : OverflowMode::kWrap;
    long long saturation_bits = 0;
    if (parameters.size() > 4) {
      saturation_bits = parse_integer(parameters[4], "saturation bits N");
      if (saturation_bits < 0 || saturation_bits > width) {
        fail("saturation bits N=" + std::to_string(saturation_bits) +
             " outside [0, W=" + std::to_string(width) + "]");
      }
    }
    if (!is_signed && overflow == OverflowMode::kWrapSm) {
      fail("an unsigned type cannot use WRAP_SM (the ap headers abort on it)");
    }
    return PrecisionType::fixed(width, static_cast<int>(integer_bits), is_signed, rounding,
                                overflow, static_cast<int>(saturation_bits));
  }

  int parse_width(std::string_view parameter) const {
    const long long width = parse_integer(parameter, "width W");
    if (width < 1) {
      fail("width W=" + std::to_string(width) + " is less than 1");
    }
    if (width > max_width_) {
      fail("width W=" + std::to_string(width) + " exceeds the maximum " +
           std::to_string(max_width_) +
           " (AP_INT_MAX_W); ask for a larger maximum if the target tool is set up for it");
    }
    if (width > kAbsoluteMaxWidth) {
      fail("width W=" + std::to_string(width) + " exceeds " + std::to_string(kAbsoluteMaxWidth) +
           ", the widest type the ap headers support");
    }
    return static_cast<int>(width);
  }

  long long parse_integer(std::string_view parameter, std::string_view role) const {
    // from_chars rejects a leading '+', which users do write.
    const std::string_view digits = parameter.front() == '+' ? parameter.substr(1) : parameter;
    long long value = 0;
    const auto [end, status] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (status == std::errc::result_out_of_range) {
      fail(std::string(role) + " '" + std::string(parameter) + "' is out of range");
    }
    if (status != std::errc() || end != digits.data() + digits.size() || digits.empty()) {
      fail(std::string(role) + " '" + std::string(parameter) + "' is not an integer");
    }
    return value;
  }

  template <typename Mode, size_t kCount>
  Mode parse_mode(std::string_view parameter,
                  const std::array<std::pair<std::string_view, Mode>, kCount>& names,
                  std::string_view role) const {
    std::string_view bare = parameter;
    if (bare.substr(0, 3) == "AP_") {
      bare.remove_prefix(3);
    }
    for (const auto& [name, mode] : names) {
      if (bare == name) {
        return mode;
      }
    }
    std::string choices;
    for (const auto& entry : names) {
      choices += (choices.empty() ? "" : ", ") + std::string(entry.first);
    }
    fail("unknown " + std::string(role) + " '" + std::string(parameter) + "' (valid: " + choices +
         ", with or without AP_)");
  }

  std::string_view text_;
  int max_width_;
};

/// Smallest k with 2^k >= count, for count >= 1.
int ceil_log2(long long count) {
  int bits = 0;
  while ((1ULL << bits) < static_cast<unsigned long long>(count)) {
    ++bits;
  }
  return bits;
}

/// Spells a concrete type as `<type_prefix>fixed<W,I,<mode_prefix>Q,...>`, leaving out trailing
/// default parameters. Template arguments are positional, so a non-default later parameter
/// forces the earlier ones to be written.
std::string spell(const PrecisionType& type, std::string_view type_prefix,
                  std::string_view mode_prefix) {
  std::string text(type_prefix);
  if (!type.is_signed()) {
    text += "u";
  }
  if (type.is_integer()) {
    return text + "int<" + std::to_string(type.width()) + ">";
  }
  text += "fixed<" + std::to_string(type.width()) + "," + std::to_string(type.integer_bits());
  const bool write_saturation_bits = type.saturation_bits() != 0;
  const bool write_overflow = write_saturation_bits || type.overflow() != OverflowMode::kWrap;
  const bool write_rounding = write_overflow || type.rounding() != RoundingMode::kTrn;
  if (write_rounding) {
    text += "," + std::string(mode_prefix) + std::string(to_string(type.rounding()));
  }
  if (write_overflow) {
    text += "," + std::string(mode_prefix) + std::string(to_string(type.overflow()));
  }
  if (write_saturation_bits) {
    text += "," + std::to_string(type.saturation_bits());
  }
  return text + ">";
}

}  // namespace

std::string_view to_string(RoundingMode mode) {
  for (const auto& [name, value] : kRoundingNames) {
    if (value == mode) {
      return name;
    }
  }
  return "?";
}

std::string_view to_string(OverflowMode mode) {
  for (const auto& [name, value] : kOverflowNames) {
    if (value == mode) {
      return name;
    }
  }
  return "?";
}

PrecisionType PrecisionType::fixed(int width, int integer_bits, bool is_signed,
                                   RoundingMode rounding, OverflowMode overflow,
                                   int saturation_bits) {
  // Only built when an error is thrown: this factory runs for every intermediate type.
  const auto spelled = [&] {
    return std::string(is_signed ? "fixed<" : "ufixed<") + std::to_string(width) + "," +
           std::to_string(integer_bits) + ",...>";
  };
  if (width < 1 || width > kAbsoluteMaxWidth) {
    throw Error("invalid width W=" + std::to_string(width) + " in " + spelled(), "",
                "W must be between 1 and " + std::to_string(kAbsoluteMaxWidth));
  }
  if (integer_bits < -kAbsoluteMaxWidth || integer_bits > kAbsoluteMaxWidth) {
    throw Error("invalid integer bits I=" + std::to_string(integer_bits) + " in " + spelled(), "",
                "I must be between -" + std::to_string(kAbsoluteMaxWidth) + " and " +
                    std::to_string(kAbsoluteMaxWidth));
  }
  if (saturation_bits < 0 || saturation_bits > width) {
    throw Error("invalid saturation bits N=" + std::to_string(saturation_bits) + " in " + spelled(),
                "", "N must be between 0 and W");
  }
  if (!is_signed && overflow == OverflowMode::kWrapSm) {
    throw Error("an unsigned fixed-point type cannot use WRAP_SM: " + spelled(), "",
                "use WRAP, a saturating mode, or a signed type");
  }
  PrecisionType type;
  type.is_auto_ = false;
  type.is_signed_ = is_signed;
  type.width_ = width;
  type.integer_bits_ = integer_bits;
  type.rounding_ = rounding;
  type.overflow_ = overflow;
  type.saturation_bits_ = saturation_bits;
  return type;
}

PrecisionType PrecisionType::integer(int width, bool is_signed) {
  if (width < 1 || width > kAbsoluteMaxWidth) {
    throw Error("invalid width W=" + std::to_string(width) + " in " +
                    (is_signed ? "int<" : "uint<") + std::to_string(width) + ">",
                "", "W must be between 1 and " + std::to_string(kAbsoluteMaxWidth));
  }
  PrecisionType type = fixed(width, width, is_signed);
  type.is_integer_ = true;
  return type;
}

std::string PrecisionType::to_cpp() const {
  if (is_auto_) {
    throw Error("precision 'auto' has no C++ spelling", "",
                "infer the precision before generating code (the precision-inference pass)");
  }
  return spell(*this, "ap_", "AP_");
}

std::string PrecisionType::to_config() const {
  if (is_auto_) {
    return "auto";
  }
  return spell(*this, "", "");
}

double PrecisionType::lsb() const {
  require_concrete(*this, "LSB");
  return std::ldexp(1.0, -fractional_bits());
}

double PrecisionType::min_value() const {
  require_concrete(*this, "minimum value");
  return is_signed_ ? -std::ldexp(1.0, integer_bits_ - 1) : 0.0;
}

double PrecisionType::max_value() const {
  require_concrete(*this, "maximum value");
  const int top_exponent = is_signed_ ? integer_bits_ - 1 : integer_bits_;
  return std::ldexp(1.0, top_exponent) - lsb();
}

bool PrecisionType::is_representable(double value) const {
  require_concrete(*this, "representable range");
  if (!std::isfinite(value)) {
    return false;
  }
  if (value == 0.0) {
    return true;
  }
  // value = mantissa * 2^(exponent - 53) with an integer mantissa; its lowest set bit must not
  // lie below the LSB of the type.
  int exponent = 0;
  const double fraction = std::frexp(std::fabs(value), &exponent);
  auto mantissa = static_cast<std::uint64_t>(std::ldexp(fraction, 53));
  int lowest_bit_exponent = exponent - 53;
  while ((mantissa & 1U) == 0) {
    mantissa >>= 1U;
    ++lowest_bit_exponent;
  }
  if (lowest_bit_exponent < -fractional_bits()) {
    return false;
  }
  // Every multiple of the LSB strictly below 2^top is at most max_value; comparing against the
  // power of two keeps this exact where max_value() itself would round.
  const int top_exponent = is_signed_ ? integer_bits_ - 1 : integer_bits_;
  const double top = std::ldexp(1.0, top_exponent);
  if (value > 0) {
    return value < top;
  }
  return is_signed_ && value >= -top;
}

std::size_t PrecisionType::hash() const {
  std::size_t seed = 0;
  for (const long long field :
       {static_cast<long long>(is_auto_), static_cast<long long>(is_integer_),
        static_cast<long long>(is_signed_), static_cast<long long>(width_),
        static_cast<long long>(integer_bits_), static_cast<long long>(rounding_),
        static_cast<long long>(overflow_), static_cast<long long>(saturation_bits_)}) {
    seed ^= std::hash<long long>{}(field) + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2);
  }
  return seed;
}

bool operator==(const PrecisionType& a, const PrecisionType& b) {
  return a.is_auto_ == b.is_auto_ && a.is_integer_ == b.is_integer_ &&
         a.is_signed_ == b.is_signed_ && a.width_ == b.width_ &&
         a.integer_bits_ == b.integer_bits_ && a.rounding_ == b.rounding_ &&
         a.overflow_ == b.overflow_ && a.saturation_bits_ == b.saturation_bits_;
}

std::ostream& operator<<(std::ostream& stream, const PrecisionType& type) {
  return stream << type.to_config();
}

PrecisionType parse_precision(std::string_view text, int max_width) {
  return PrecisionParser(text, max_width).parse();
}

PrecisionType product_type(const PrecisionType& a, const PrecisionType& b) {
  require_concrete(a, "product type");
  require_concrete(b, "product type");
  const bool is_signed = a.is_signed() || b.is_signed();
  if (a.is_integer() && b.is_integer()) {
    return PrecisionType::integer(a.width() + b.width(), is_signed);
  }
  return PrecisionType::fixed(a.width() + b.width(), a.integer_bits() + b.integer_bits(),
                              is_signed);
}

PrecisionType sum_type(const PrecisionType& a, const PrecisionType& b) {
  require_concrete(a, "sum type");
  require_concrete(b, "sum type");
  // An unsigned operand added to a signed one needs one more bit to stay non-negative.
  const int a_integer_bits = a.integer_bits() + (b.is_signed() && !a.is_signed() ? 1 : 0);
  const int b_integer_bits = b.integer_bits() + (a.is_signed() && !b.is_signed() ? 1 : 0);
  const int integer_bits = std::max(a_integer_bits, b_integer_bits) + 1;
  const int fractional_bits = std::max(a.fractional_bits(), b.fractional_bits());
  const bool is_signed = a.is_signed() || b.is_signed();
  if (a.is_integer() && b.is_integer()) {
    return PrecisionType::integer(integer_bits, is_signed);
  }
  return PrecisionType::fixed(integer_bits + fractional_bits, integer_bits, is_signed);
}

PrecisionType accumulation_type(const PrecisionType& term, long long term_count) {
  require_concrete(term, "accumulation type");
  if (term_count < 1) {
    throw Error("cannot size an accumulator for " + std::to_string(term_count) + " terms", "",
                "the number of terms must be at least 1");
  }
  const int growth = ceil_log2(term_count);
  if (term.is_integer()) {
    return PrecisionType::integer(term.width() + growth, term.is_signed());
  }
  return PrecisionType::fixed(term.width() + growth, term.integer_bits() + growth,
                              term.is_signed());
}

}  // namespace hlsnn::ir
