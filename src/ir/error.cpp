#include "ir/error.h"

#include <utility>

namespace hlsnn {
namespace {

std::string compose_message(const std::string& problem, const std::string& where,
                            const std::string& hint) {
  std::string message = where.empty() ? problem : where + ": " + problem;
  if (!hint.empty()) {
    message += "\n  hint: " + hint;
  }
  return message;
}

}  // namespace

Error::Error(std::string problem, std::string where, std::string hint)
    : std::runtime_error(compose_message(problem, where, hint)),
      problem_(std::move(problem)),
      where_(std::move(where)),
      hint_(std::move(hint)) {}

Error Error::with_context(std::string_view outer_where) const {
  std::string combined(outer_where);
  if (!where_.empty()) {
    combined = combined.empty() ? where_ : combined + ", " + where_;
  }
  return Error(problem_, std::move(combined), hint_);
}

}  // namespace hlsnn
