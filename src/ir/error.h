#ifndef HLSNN_IR_ERROR_H
#define HLSNN_IR_ERROR_H

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

}  // namespace hlsnn

#endif  // HLSNN_IR_ERROR_H
