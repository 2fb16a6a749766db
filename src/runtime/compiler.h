#ifndef HLSNN_RUNTIME_COMPILER_H
#define HLSNN_RUNTIME_COMPILER_H

#include <filesystem>
#include <string>
#include <vector>

namespace hlsnn::runtime {

/// The C++ compiler used to build emulation libraries.
struct Compiler {
  std::string executable;  ///< full path
  std::string identity;    ///< its `--version` text: part of every cache key
};

/// Finds the compiler: $HLSNN_CXX, else $CXX, else g++, c++, clang++ on PATH. Throws hlsnn::Error
/// naming what was tried and the variable to set when none is found.
Compiler find_compiler();

/// What to build: a shared library from C++ sources.
struct CompileRequest {
  std::vector<std::filesystem::path> sources;
  /// Every file below these folders is part of the cache key, so an edited header recompiles.
  std::vector<std::filesystem::path> include_dirs;
  std::vector<std::string> flags = {"-std=c++17", "-O3", "-march=native", "-DNDEBUG"};
  /// The only symbols the library exports. Sources are always compiled with hidden visibility,
  /// so each of these must also be declared __attribute__((visibility("default"))).
  std::vector<std::string> exported_symbols;
  /// Where the assembler looks for the files an `.incbin` names. Not part of the cache key (the
  /// project's location must not be): they are include_dirs, whose files the key covers.
  std::vector<std::filesystem::path> assembler_include_dirs;
  std::filesystem::path cache_dir;
  std::string library_stem = "model";  ///< the file is <cache_dir>/<stem>-<key>.so
  /// Sources written to be compiled together (no clashing internal names), as a generated
  /// project's firmware and bridge are: one compiler process reads them in order, parsing the
  /// headers they share once, so the build needs the memory of one compiler instead of one per
  /// source and less CPU. Otherwise each source compiles in its own process, in parallel.
  bool one_translation_unit = false;
};

struct CompiledLibrary {
  std::filesystem::path path;
  std::string key;  ///< the content hash the library is cached under
  bool from_cache = false;
};

/// The content hash of a request: sources, headers below the include folders, flags, compiler
/// identity and, when -march=native is asked for, the CPU model and features.
std::string cache_key(const CompileRequest& request, const Compiler& compiler);

/// Builds the shared library, or returns the cached one when the key matches. The library is
/// self-contained: hidden visibility, no GNU-unique symbols, only `exported_symbols` exported,
/// so any number of libraries defining the same names live side by side in one process. Sources
/// compile in parallel (one process each), or as one translation unit when the request says so,
/// and are then linked. Safe when several processes build the same key at once (each writes
/// privately, the last rename wins with identical content). On a compile error throws
/// hlsnn::Error with the first error lines and the file they point at.
CompiledLibrary compile_shared_library(const CompileRequest& request, const Compiler& compiler);

}  // namespace hlsnn::runtime

#endif  // HLSNN_RUNTIME_COMPILER_H
