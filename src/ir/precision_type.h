#ifndef HLSNN_IR_PRECISION_TYPE_H
#define HLSNN_IR_PRECISION_TYPE_H

#include <cstddef>
#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>

namespace hlsnn::ir {

/// Quantization (rounding) mode of an ap_fixed, in the order of the `ap_q_mode` enumerators.
enum class RoundingMode { kRnd, kRndZero, kRndMinInf, kRndInf, kRndConv, kTrn, kTrnZero };

/// Overflow mode of an ap_fixed, in the order of the `ap_o_mode` enumerators.
enum class OverflowMode { kSat, kSatZero, kSatSym, kWrap, kWrapSm };

/// The mode's name without the `AP_` prefix, e.g. "RND_CONV".
std::string_view to_string(RoundingMode mode);
/// The mode's name without the `AP_` prefix, e.g. "SAT".
std::string_view to_string(OverflowMode mode);

/// Widest type accepted from user text unless a caller asks for more: the default `AP_INT_MAX_W`.
inline constexpr int kDefaultMaxWidth = 1024;
/// Widest type at all: the open-source ap headers refuse to compile anything wider.
inline constexpr int kAbsoluteMaxWidth = 32768;

/// The numeric type of a value in the generated code: `ap_fixed<W,I,Q,O,N>`, `ap_ufixed<...>`,
/// `ap_int<W>`, `ap_uint<W>`, or `auto` (not decided yet; a pass infers it).
///
/// An integer type is kept apart from the fixed type with the same value set (`ap_int<8>` is not
/// `ap_fixed<8,8>`) because the two convert differently (ap_int truncates toward zero, ap_fixed
/// floors) and because users expect the spelling they wrote to come back. Integer types always
/// carry the default modes (truncate, wrap, N=0). Values are immutable; the factories reject
/// parameters the ap headers reject.
class PrecisionType {
 public:
  /// `auto`, so that a default-constructed slot reads as "not decided yet".
  PrecisionType() = default;

  /// `ap_fixed<width,integer_bits,...>` (signed) or `ap_ufixed<...>`. Throws hlsnn::Error when
  /// width is outside [1, kAbsoluteMaxWidth], integer_bits outside ±kAbsoluteMaxWidth,
  /// saturation_bits outside [0, width], or an unsigned type asks for WRAP_SM.
  static PrecisionType fixed(int width, int integer_bits, bool is_signed = true,
                             RoundingMode rounding = RoundingMode::kTrn,
                             OverflowMode overflow = OverflowMode::kWrap, int saturation_bits = 0);
  /// `ap_int<width>` or `ap_uint<width>`. Throws hlsnn::Error for a width outside
  /// [1, kAbsoluteMaxWidth].
  static PrecisionType integer(int width, bool is_signed = true);
  /// `auto`: the precision is to be inferred by a pass.
  static PrecisionType automatic() { return PrecisionType(); }

  bool is_auto() const { return is_auto_; }
  /// True when written as `ap_int`/`ap_uint` (or `int`/`uint`).
  bool is_integer() const { return is_integer_; }
  bool is_signed() const { return is_signed_; }
  /// W: total number of bits.
  int width() const { return width_; }
  /// I: bits above the binary point, sign included; may be negative or exceed W.
  int integer_bits() const { return integer_bits_; }
  /// F = W − I: bits below the binary point; negative when the LSB weighs more than 1.
  int fractional_bits() const { return width_ - integer_bits_; }
  RoundingMode rounding() const { return rounding_; }
  OverflowMode overflow() const { return overflow_; }
  /// N: the saturation bits of the WRAP and WRAP_SM modes.
  int saturation_bits() const { return saturation_bits_; }

  /// Canonical C++ spelling with default trailing parameters left out: `ap_fixed<16,6>`,
  /// `ap_ufixed<8,0,AP_RND_CONV,AP_SAT>`, `ap_int<8>`. Throws hlsnn::Error for `auto`, which
  /// must be inferred before code is generated.
  std::string to_cpp() const;
  /// The hls4ml configuration spelling: `fixed<16,6>`, `ufixed<8,0,RND_CONV,SAT>`, `int<8>`,
  /// `auto`.
  std::string to_config() const;

  /// Weight of the least significant bit, 2^−F. The precision-helper functions below throw
  /// hlsnn::Error for `auto`.
  double lsb() const;
  /// Smallest representable value: −2^(I−1) when signed, else 0.
  double min_value() const;
  /// Largest representable value, 2^(I−1) − lsb when signed, else 2^I − lsb (rounded to double
  /// when W > 53).
  double max_value() const;
  /// True when `value` is finite, a multiple of the LSB and inside the range, i.e. converting it
  /// to this type loses nothing whatever the modes. Exact for every width.
  bool is_representable(double value) const;

  std::size_t hash() const;
  friend bool operator==(const PrecisionType& a, const PrecisionType& b);
  friend bool operator!=(const PrecisionType& a, const PrecisionType& b) { return !(a == b); }

 private:
  bool is_auto_ = true;
  bool is_integer_ = false;
  bool is_signed_ = true;
  int width_ = 0;
  int integer_bits_ = 0;
  RoundingMode rounding_ = RoundingMode::kTrn;
  OverflowMode overflow_ = OverflowMode::kWrap;
  int saturation_bits_ = 0;
};

/// Prints `to_config()`, so that test failures and logs show readable types.
std::ostream& operator<<(std::ostream& stream, const PrecisionType& type);

/// Parses every spelling users write: `ap_fixed<16,6>`, `fixed<16,6,RND,SAT>`,
/// `ap_ufixed<8,0,AP_RND_CONV,AP_SAT>`, `ufixed<...>`, `ap_fixed<W,I,Q,O,N>`, `ap_int<8>`,
/// `int<8>`, `ap_uint<4>`, `uint<4>` and `auto`, with spaces around every token and mode names
/// with or without the `AP_` prefix. Widths above `max_width` are refused so that a typo such as
/// `ap_fixed<1600,6>` is caught; pass a larger limit when the target tool is configured for it.
/// Throws hlsnn::Error quoting the text, the reason and the accepted forms.
PrecisionType parse_precision(std::string_view text, int max_width = kDefaultMaxWidth);

/// The exact type of `a * b` under the ap result-type rules: W = W1+W2, I = I1+I2, signed if
/// either is. Integer when both are. Default modes, as for every ap operator result. Throws
/// hlsnn::Error for `auto` operands.
PrecisionType product_type(const PrecisionType& a, const PrecisionType& b);

/// The exact type of `a + b` under the ap result-type rules: F = max(F1,F2),
/// I = max(I1 + [S2∧¬S1], I2 + [S1∧¬S2]) + 1, signed if either is; default modes.
PrecisionType sum_type(const PrecisionType& a, const PrecisionType& b);

/// The narrowest type that holds a sum of `term_count` values of type `term` exactly: the term's
/// F, and I grown by ceil(log2(term_count)) bits. This is what an accumulator needs (the pairwise
/// C++ rule would grow one bit per addition). Throws hlsnn::Error when term_count < 1.
PrecisionType accumulation_type(const PrecisionType& term, long long term_count);

}  // namespace hlsnn::ir

/// Lets PrecisionType key unordered containers.
namespace std {
template <>
struct hash<hlsnn::ir::PrecisionType> {
  std::size_t operator()(const hlsnn::ir::PrecisionType& type) const { return type.hash(); }
};
}  // namespace std

#endif  // HLSNN_IR_PRECISION_TYPE_H
