#ifndef HLSNN_IR_NAMES_H
#define HLSNN_IR_NAMES_H

#include <map>
#include <set>
#include <string>
#include <string_view>

namespace hlsnn::ir {

/// Longest identifier `sanitize_identifier` keeps unchanged, so that identifiers also work as
/// file names (NAME_MAX is 255 bytes) with room for prefixes and suffixes.
inline constexpr size_t kMaxIdentifierLength = 64;

/// True when `name` can be used as-is as a C++ identifier in generated code: ASCII letters,
/// digits and '_', not starting with a digit, and none of
///  - C++ keywords and alternative tokens (`class`, `and`, ...),
///  - identifiers reserved to the implementation (leading '_', or "__" anywhere),
///  - macro names the generated code sees (`NULL`, `EOF`, `assert`, ..., and the `AP_`/`SC_`
///    prefixes of the ap headers), which would be expanded by the preprocessor.
bool is_valid_cpp_identifier(std::string_view name);

/// Maps any name from a model file to a safe C++ identifier, deterministically. A name that is
/// already valid and at most kMaxIdentifierLength long comes back unchanged, so user-visible
/// names survive. Any other name becomes its cleaned form (other bytes turned into '_', runs of
/// '_' merged, cut to 48 characters, prefixed with `id_` when needed) plus '_' and 8 hex digits
/// of a hash of the original: "layer 1" -> "layer_1_<hash>". The hash keeps two names that clean
/// to the same text apart without depending on which one comes first. The result contains only
/// [A-Za-z0-9_], so it is also a safe file name.
std::string sanitize_identifier(std::string_view name);

/// Hands out one identifier per name, collision-free within a table (use one table per generated
/// project). Builds on sanitize_identifier and adds "_2", "_3", ... in the rare case that two
/// names still meet, so the result depends on the order of assignment only then.
class IdentifierTable {
 public:
  /// Marks an identifier the generator uses itself (e.g. the top function) as taken.
  void reserve(std::string identifier);
  /// The identifier for `name`: the same one every time the same name is asked for.
  const std::string& assign(std::string_view name);

 private:
  std::map<std::string, std::string, std::less<>> assigned_;
  std::set<std::string, std::less<>> taken_;
};

/// `name` in single quotes with backslash escapes for quotes, backslashes, control characters
/// and non-ASCII bytes, so that a hostile name cannot break a message or a terminal across
/// lines or reorder it (bidirectional controls): "a'b\n" -> 'a\'b\n'.
std::string single_quoted(std::string_view name);

/// `name` unchanged when it is non-empty and made of letters, digits and `_ . : / -` only (the
/// usual Keras names), otherwise `single_quoted(name)`. For printing names in messages and dumps.
std::string display_name(std::string_view name);

/// A C++ string literal (with the double quotes) whose value is exactly `text`: quotes,
/// backslashes, '?' (trigraphs), '*' (so that "*/" cannot close a surrounding comment), control
/// characters and non-ASCII bytes are escaped, so the literal is a single line that is safe in
/// code and in comments.
std::string to_cpp_string_literal(std::string_view text);

/// True when `a` and `b` differ at most in the case of ASCII letters; for reading config choices
/// such as "latency" for "Latency".
bool equals_ignoring_case(std::string_view a, std::string_view b);

}  // namespace hlsnn::ir

#endif  // HLSNN_IR_NAMES_H
