#ifndef HLSNN_FRONTEND_ISOLATED_CALL_H
#define HLSNN_FRONTEND_ISOLATED_CALL_H

// Runs a reader in a child process, for libraries that may crash or loop on damaged input (the
// HDF5 library does, in versions still shipped by distributions): the child gets a time and a
// memory limit, and whatever happens to it, the caller gets the result or an hlsnn::Error.

#include <cstdint>
#include <functional>
#include <string>

namespace hlsnn::frontend {

struct IsolationLimits {
  /// Wall-clock time the child may take; it is killed afterwards.
  double seconds = 60;
  /// Address space the child may add to what it shares with the parent when it starts (not
  /// enforced under AddressSanitizer, which reserves terabytes of address space).
  uint64_t memory_bytes = uint64_t{4} << 30;
};

/// Calls `work` in a forked child limited by `limits` and returns the bytes it returns. An
/// hlsnn::Error it throws is thrown here with the same problem, where and hint; any other
/// exception as error_from_exception makes it. A child that dies (a crash in a library), runs out
/// of time or memory becomes an Error naming `label`, with `hint`.
std::string call_isolated(const std::function<std::string()>& work, const IsolationLimits& limits,
                          const std::string& label, const std::string& hint);

}  // namespace hlsnn::frontend

#endif  // HLSNN_FRONTEND_ISOLATED_CALL_H
