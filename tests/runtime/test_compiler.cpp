#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "ir/error.h"
#include "runtime/compiler.h"
#include "runtime/content_hash.h"
#include "runtime/process.h"
#include "runtime/shared_library.h"

namespace hlsnn::runtime {
namespace {

namespace fs = std::filesystem;

// Libraries are compiled with hidden visibility: what they export is declared so.
constexpr const char* kExport =
    "#define EXPORT extern \"C\" __attribute__((visibility(\"default\")))\n";

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

  CompileRequest request(std::vector<fs::path> sources,
                         std::vector<std::string> exported_symbols = {}) {
    CompileRequest result;
    result.sources = std::move(sources);
    result.exported_symbols = std::move(exported_symbols);
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
  const fs::path b = write("b.cpp", std::string(kExport) +
                                        "#include \"scale.h\"\nint twice(int);\n"
                                        "EXPORT int run(int x) { return twice(x) * kScale; }\n");
  const CompiledLibrary library = compile_shared_library(request({a, b}, {"run"}), find_compiler());
  EXPECT_FALSE(library.from_cache);
  const SharedLibrary loaded(library.path);
  EXPECT_EQ(loaded.function<int(int)>("run")(7), 42);
}

TEST_F(CompilerTest, BuildsSeveralSourcesAsOneTranslationUnit) {
  // Folders whose names C++ could not quote; each source finds the header next to it.
  fs::create_directories(root_ / "a \"dir\"");
  fs::create_directories(root_ / "b dir");
  write("a \"dir\"/local.h", "#pragma once\nconstexpr int kOffset = 5;\n");
  write("b dir/local.h", "#pragma once\nconstexpr int kFactor = 4;\n");
  const fs::path a =
      write("a \"dir\"/a.cpp",
            "#include \"local.h\"\ninline int shifted(int x) { return x + kOffset; }\n");
  const fs::path b =
      write("b dir/b.cpp", std::string(kExport) +
                               "#include \"local.h\"\n"
                               "EXPORT int run(int x) { return shifted(x) * kFactor; }\n");
  CompileRequest together = request({a, b}, {"run"});
  together.one_translation_unit = true;
  const CompiledLibrary library = compile_shared_library(together, find_compiler());
  // b.cpp alone does not compile (shifted is declared in a.cpp): they were read as one unit.
  EXPECT_EQ(SharedLibrary(library.path).function<int(int)>("run")(2), 28);
  EXPECT_NE(library.key, cache_key(request({a, b}, {"run"}), find_compiler()));
}

TEST_F(CompilerTest, UnchangedInputsComeFromTheCacheAndAnEditedHeaderRebuilds) {
  write("include/value.h", "constexpr int kValue = 1;\n");
  const fs::path source =
      write("v.cpp",
            std::string(kExport) + "#include \"value.h\"\nEXPORT int value() { return kValue; }\n");
  const Compiler compiler = find_compiler();
  const CompiledLibrary first = compile_shared_library(request({source}, {"value"}), compiler);
  const CompiledLibrary again = compile_shared_library(request({source}, {"value"}), compiler);
  EXPECT_TRUE(again.from_cache);
  EXPECT_EQ(again.path, first.path);

  write("include/value.h", "constexpr int kValue = 2;\n");
  const CompiledLibrary edited = compile_shared_library(request({source}, {"value"}), compiler);
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
  const fs::path source =
      write("s.cpp", std::string(kExport) + "EXPORT int present() { return 1; }\n");
  const SharedLibrary loaded(
      compile_shared_library(request({source}, {"present"}), find_compiler()).path);
  EXPECT_EQ(loaded.function<int()>("present")(), 1);
  EXPECT_THROW(loaded.symbol("absent_symbol"), Error);
}

// What two generated projects have in common: template and inline code of the same mangled names
// whose function-local statics (lookup tables) and helpers differ from model to model.
std::string model_source(int table_value) {
  return std::string(kExport) +
         "struct config { static const int value = " + std::to_string(table_value) +
         "; };\n"
         "template <class C> struct Table { int entry[4]; Table() { for (int& e : entry) e = "
         "C::value; } };\n"
         "template <class C> int lookup(int i) { static const Table<C> table; return "
         "table.entry[i]; }\n"
         "inline int offset() { static int value = " +
         std::to_string(table_value) +
         "; return value; }\n"
         "int helper() { return " +
         std::to_string(table_value) +
         "; }\n"
         "EXPORT int run() { return lookup<config>(1) + offset() + helper(); }\n";
}

TEST_F(CompilerTest, LibrariesDefiningTheSameNamesKeepTheirOwnStaticsAndFunctions) {
  fs::create_directories(root_ / "one");
  fs::create_directories(root_ / "two");
  const Compiler compiler = find_compiler();
  const CompiledLibrary one =
      compile_shared_library(request({write("one/m.cpp", model_source(1))}, {"run"}), compiler);
  const CompiledLibrary two =
      compile_shared_library(request({write("two/m.cpp", model_source(100))}, {"run"}), compiler);
  const SharedLibrary first(one.path);
  const SharedLibrary second(two.path);
  // Called in both orders: the first call of each builds its statics.
  EXPECT_EQ(second.function<int()>("run")(), 300);
  EXPECT_EQ(first.function<int()>("run")(), 3);
  EXPECT_EQ(second.function<int()>("run")(), 300);
}

TEST_F(CompilerTest, LibraryExportsOnlyTheRequestedSymbolsAndNoUniqueOnes) {
  const CompiledLibrary library =
      compile_shared_library(request({write("m.cpp", model_source(7))}, {"run"}), find_compiler());
  const ProcessResult exported =
      run_process({"nm", "-D", "--defined-only", "--format=just-symbols", library.path.string()});
  ASSERT_EQ(exported.exit_code, 0) << exported.output;
  EXPECT_EQ(exported.output, "run\n");
  // Every symbol, with its binding: `u` marks a GNU-unique object, merged across libraries.
  const ProcessResult all = run_process({"nm", library.path.string()});
  ASSERT_EQ(all.exit_code, 0) << all.output;
  EXPECT_EQ(all.output.find(" u "), std::string::npos) << all.output;
}

}  // namespace
}  // namespace hlsnn::runtime
