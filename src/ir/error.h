#ifndef HLSNN_IR_ERROR_H
#define HLSNN_IR_ERROR_H

#include <exception>
#include <stdexcept>
#include <string>
#include <string_view>

namespace hlsnn {

/// The one exception type of hlsnn. Every error says what was wrong, where (a layer name, a config
/// key, a file and line) and what to do about it, so that a user never has to read our sources to
/// act on it. The pieces stay available separately for callers that render them differently (the
/// CLI, the Python layer) and are composed into `what()` as
///
///     <where>: <problem>
///       hint: <hint>
///
/// with the parts that are empty left out.
///
/// Errors often quote what a damaged or hostile file holds, so every part is made printable when
/// the error is built: control characters, bidirectional overrides and bytes that are not UTF-8
/// become backslash escapes (only `problem` keeps line breaks, for compiler output), and a part
/// longer than kMaxErrorPartBytes is cut, saying how much was left out.
class Error : public std::runtime_error {
 public:
  /// `problem`: what was wrong; `where`: the place it was found; `hint`: what to do.
  explicit Error(std::string problem, std::string where = {}, std::string hint = {});

  /// What was wrong, without location or hint.
  const std::string& problem() const noexcept { return problem_; }
  /// Where it was found (layer name, config key, file:line); empty when unknown.
  const std::string& where() const noexcept { return where_; }
  /// What the user can do about it; empty when there is nothing useful to say.
  const std::string& hint() const noexcept { return hint_; }

  /// A copy whose location is prefixed with an outer context, for callers that catch an error
  /// from deeper code and know more about where it happened, e.g. a config reader adding
  /// "config.yml:12" to a "layer 'dense'" error gives "config.yml:12, layer 'dense'".
  Error with_context(std::string_view outer_where) const;

 private:
  std::string problem_;
  std::string where_;
  std::string hint_;
};

/// Longest part (problem, where, hint) an Error keeps; the rest is cut with a note.
inline constexpr std::size_t kMaxErrorPartBytes = 2000;

/// `text` made printable on one terminal line: control characters as \n, \t, \xNN, C1 and
/// bidirectional controls as \uNNNN, bytes that are not UTF-8 as \xNN; valid UTF-8 letters stay.
/// With `keep_line_breaks`, '\n' stays. Cut to `max_bytes` (at a character boundary) with
/// " ... (N more bytes)" appended.
std::string printable_text(std::string_view text, std::size_t max_bytes,
                           bool keep_line_breaks = false);

/// An exception from a library (the standard library, JSON, filesystem) turned into an Error
/// without the library's own jargon: a filesystem error names the path and the system's reason,
/// running out of memory or an impossible size says that the input is too large, and anything
/// else is reported as an internal error to be reported. An hlsnn::Error comes back unchanged.
Error error_from_exception(const std::exception& exception);

}  // namespace hlsnn

#endif  // HLSNN_IR_ERROR_H
