#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "ir/error.h"
#include "runtime/compiler.h"
#include "runtime/content_hash.h"
#include "runtime/shared_library.h"

namespace hlsnn::runtime {
namespace {

namespace fs = std::filesystem;

class CompilerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("hlsnn_compiler_test_" +
             std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_ / "include");
    fs::create_directories(root_ / "cache");
  }
  void TearDown() override { fs::remove_all(root_); }

  fs::path write(const fs::path& relative, const std::string& text) {
    const fs::path path = root_ / relative;
    std::ofstream(path) << text;
    return path;
  }

  CompileRequest request(std::vector<fs::path> sources) {
    CompileRequest result;
    result.sources = std::move(sources);
    result.include_dirs = {root_ / "include"};
    result.flags = {"-std=c++17", "-O1"};
    result.cache_dir = root_ / "cache";
    return result;
  }

  fs::path root_;
};

TEST_F(CompilerTest, BuildsALoadableLibraryFromSeveralSources) {
  write("include/scale.h", "constexpr int kScale = 3;\n");
  const fs::path a = write("a.cpp", "#include \"scale.h\"\nint twice(int x) { return 2 * x; }\n");
  const fs::path b = write("b.cpp",
                           "#include \"scale.h\"\nint twice(int);\n"
                           "extern \"C\" int run(int x) { return twice(x) * kScale; }\n");
  const CompiledLibrary library = compile_shared_library(request({a, b}), find_compiler());
  EXPECT_FALSE(library.from_cache);
  const SharedLibrary loaded(library.path);
  EXPECT_EQ(loaded.function<int(int)>("run")(7), 42);
}

TEST_F(CompilerTest, UnchangedInputsComeFromTheCacheAndAnEditedHeaderRebuilds) {
  write("include/value.h", "constexpr int kValue = 1;\n");
  const fs::path source =
      write("v.cpp", "#include \"value.h\"\nextern \"C\" int value() { return kValue; }\n");
  const Compiler compiler = find_compiler();
  const CompiledLibrary first = compile_shared_library(request({source}), compiler);
  const CompiledLibrary again = compile_shared_library(request({source}), compiler);
  EXPECT_TRUE(again.from_cache);
  EXPECT_EQ(again.path, first.path);

  write("include/value.h", "constexpr int kValue = 2;\n");
  const CompiledLibrary edited = compile_shared_library(request({source}), compiler);
  EXPECT_FALSE(edited.from_cache);
  EXPECT_NE(edited.key, first.key);
  EXPECT_EQ(SharedLibrary(edited.path).function<int()>("value")(), 2);
}

TEST_F(CompilerTest, FlagsArePartOfTheCacheKey) {
  const fs::path source = write("f.cpp", "extern \"C\" int f() { return 1; }\n");
  const Compiler compiler = find_compiler();
  CompileRequest optimised = request({source});
  CompileRequest debug = request({source});
  debug.flags = {"-std=c++17", "-O0"};
  EXPECT_NE(cache_key(optimised, compiler), cache_key(debug, compiler));
}

TEST_F(CompilerTest, HlsPragmasAreNotPartOfTheCacheKey) {
  // A C++ compiler ignores `#pragma HLS`: a project whose FIFO depths changed keeps its library.
  const Compiler compiler = find_compiler();
  const fs::path source = write("p.cpp",
                                "extern \"C\" int f() {\n  #pragma HLS STREAM variable=s depth=4\n"
                                "  return 1;\n}\n");
  const std::string before = cache_key(request({source}), compiler);
  write("p.cpp",
        "extern \"C\" int f() {\n  #pragma HLS STREAM variable=s depth=9\n  return 1;\n}\n");
  EXPECT_EQ(cache_key(request({source}), compiler), before);
  write("p.cpp", "extern \"C\" int f() {\n  #pragma once_more\n  return 1;\n}\n");
  EXPECT_NE(cache_key(request({source}), compiler), before);
}

TEST(WithoutHlsPragmas, DropsOnlyWholePragmaLinesOutsideMacros) {
  EXPECT_EQ(without_hls_pragmas("a\n  #pragma HLS PIPELINE II=2\nb\n"), "a\nb\n");
  EXPECT_EQ(without_hls_pragmas("#pragma HLS\tINLINE\n"), "");
  EXPECT_EQ(without_hls_pragmas("#pragma HLSX\n#pragma omp parallel\n"),
            "#pragma HLSX\n#pragma omp parallel\n");
  // Inside a macro definition the line is part of the macro: kept.
  EXPECT_EQ(without_hls_pragmas("#define X \\\n  #pragma HLS INLINE\n"),
            "#define X \\\n  #pragma HLS INLINE\n");
  EXPECT_EQ(without_hls_pragmas("x // #pragma HLS INLINE\n"), "x // #pragma HLS INLINE\n");
}

TEST_F(CompilerTest, CompileErrorNamesTheFileAndShowsTheFirstErrorLines) {
  const fs::path source = write("broken.cpp", "int f() { return undeclared_name; }\n");
  try {
    compile_shared_library(request({source}), find_compiler());
    FAIL() << "expected a compile error";
  } catch (const Error& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("broken.cpp"), std::string::npos) << message;
    EXPECT_NE(message.find("undeclared_name"), std::string::npos) << message;
  }
  EXPECT_TRUE(fs::is_empty(root_ / "cache")) << "a failed build must leave no files behind";
}

TEST_F(CompilerTest, MissingCompilerNamedByTheEnvironmentIsReported) {
  setenv("HLSNN_CXX", "/nonexistent/g++-42", 1);
  try {
    find_compiler();
    unsetenv("HLSNN_CXX");
    FAIL() << "expected an error";
  } catch (const Error& error) {
    unsetenv("HLSNN_CXX");
    const std::string message = error.what();
    EXPECT_NE(message.find("/nonexistent/g++-42"), std::string::npos) << message;
    EXPECT_NE(message.find("HLSNN_CXX"), std::string::npos) << message;
  }
}

TEST_F(CompilerTest, MissingLibrarySymbolIsAnErrorNamingIt) {
  const fs::path source = write("s.cpp", "extern \"C\" int present() { return 1; }\n");
  const SharedLibrary loaded(compile_shared_library(request({source}), find_compiler()).path);
  EXPECT_THROW(loaded.symbol("absent_symbol"), Error);
}

}  // namespace
}  // namespace hlsnn::runtime
