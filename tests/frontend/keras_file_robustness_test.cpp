// Issue 15: damaged and hostile model files. Every case here crashed, hung or allocated gigabytes
// before; each must now be an hlsnn::Error that names the file (and member or object), quickly.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>

#include <chrono>
#include <cstdlib>
#include <string>

#include "../ir/error_matchers.h"
#include "frontend/isolated_call.h"
#include "frontend/keras_file.h"
#include "frontend/zip_archive.h"
#include "ir/error.h"
#include "test_files.h"

namespace hlsnn::frontend {
namespace {

using ir::testing::Contains;
using ir::testing::error_from;
using testing::declare_member_size;
using testing::Hdf5Writer;
using testing::read_bytes;
using testing::read_error;
using testing::TemporaryDirectory;
using testing::write_bytes;
using testing::write_zip;

const char kOneDenseModel[] = R"({"class_name": "Sequential", "config": {"name": "one", "layers": [
  {"class_name": "InputLayer", "config": {"name": "in", "batch_input_shape": [null, 2]}},
  {"class_name": "Dense", "config": {"name": "dense", "units": 2}}]}})";

// The model.weights.h5 member of a .keras archive of kOneDenseModel.
std::string weights_image(const TemporaryDirectory& directory) {
  const auto path = directory / "model.weights.h5";
  Hdf5Writer(path)
      .group("/vars")
      .float_dataset("/layers/dense/vars/0", {2, 2}, {1, 2, 3, 4})
      .float_dataset("/layers/dense/vars/1", {2}, {5, 6});
  return read_bytes(path);
}

std::string deeply_nested(size_t depth) {
  return R"({"class_name": "Sequential", "config": {"name": "deep", "layers": [)" +
         std::string(depth, '[') + std::string(depth, ']') + "]}}";
}

TEST(DamagedKerasFiles, DeeplyNestedConfigJsonIsAnErrorNamingTheMember) {
  TemporaryDirectory directory;
  const auto path = directory / "deep.keras";
  write_zip(path, {{"config.json", deeply_nested(300000)},
                   {"model.weights.h5", weights_image(directory)}});
  const Error error = read_error(path);
  EXPECT_TRUE(Contains(error.where(), path.string() + ":config.json"));
  EXPECT_TRUE(Contains(error.problem(), "deeper than the limit of 256 levels"));
}

TEST(DamagedKerasFiles, StoredMemberDeclaringGigabytesIsRefusedBeforeAllocating) {
  TemporaryDirectory directory;
  const auto path = directory / "liar.keras";
  write_zip(path,
            {{"config.json", kOneDenseModel}, {"model.weights.h5", weights_image(directory)}});
  declare_member_size(path, "config.json", 0xfffffff0u);
  const auto start = std::chrono::steady_clock::now();
  const Error error = read_error(path);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  EXPECT_TRUE(Contains(error.what(), path.string()));
  EXPECT_TRUE(Contains(error.what(), "config.json"));
}

TEST(DamagedKerasFiles, DeflatedMemberDeclaringMoreThanDeflateCanExpandIsRefused) {
  TemporaryDirectory directory;
  const auto path = directory / "bomb.npz";
  write_zip(path, {{"x.npy", std::string(100000, 'a')}}, /*deflate=*/true);
  declare_member_size(path, "x.npy", 900u << 20);
  const Error error = error_from([&] { ZipArchive::open(path).read_member("x.npy"); });
  EXPECT_TRUE(Contains(error.where(), path.string() + ":x.npy"));
  EXPECT_TRUE(Contains(error.problem(), "more than deflate can expand"));
}

TEST(DamagedKerasFiles, DeflatedMemberHoldingMoreThanItDeclaresIsStopped) {
  TemporaryDirectory directory;
  const auto path = directory / "bomb.npz";
  write_zip(path, {{"x.npy", std::string(8 << 20, '\0')}}, /*deflate=*/true);
  declare_member_size(path, "x.npy", 1 << 20);
  const Error error = error_from([&] { ZipArchive::open(path).read_member("x.npy"); });
  EXPECT_TRUE(Contains(error.where(), path.string() + ":x.npy"));
  EXPECT_TRUE(Contains(error.problem(), "more data than the 1 MiB its header declares"));
}

TEST(DamagedKerasFiles, MembersSharingCompressedDataCannotExpandWithoutBound) {
  // Overlapping members (a zip bomb of many entries over one deflated stream) are the same as one
  // member read again and again: together, they may expand 1100 times the archive at most.
  TemporaryDirectory directory;
  const auto path = directory / "zeros.npz";
  write_zip(path, {{"x.npy", std::string(32 << 20, '\0')}}, /*deflate=*/true);
  const ZipArchive archive = ZipArchive::open(path);
  const Error error = error_from([&] {
    for (int read = 0; read < 100; ++read) archive.read_member("x.npy");
  });
  EXPECT_TRUE(Contains(error.problem(), "together expand to more than 1100 times its size"));
}

TEST(DamagedKerasFiles, DevicesAndFifosAreRefusedWithoutReading) {
  TemporaryDirectory directory;
  const auto fifo = directory / "model.h5";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  for (const std::filesystem::path& path : {std::filesystem::path("/dev/zero"), fifo}) {
    const Error model_error = read_error(path);
    EXPECT_TRUE(Contains(model_error.where(), path.string()));
    EXPECT_TRUE(Contains(model_error.problem(), "not a regular file"));
    const Error weights_error = error_from([&] { read_keras_weights_file(path, kOneDenseModel); });
    EXPECT_TRUE(Contains(weights_error.problem(), "not a regular file"));
  }
}

TEST(DamagedKerasFiles, DatasetDeclaringMoreValuesThanTheFileHoldsIsRefused) {
  TemporaryDirectory directory;
  const auto path = directory / "model.weights.h5";
  Hdf5Writer(path).group("/vars").unwritten_dataset("/layers/dense/vars/0", {1 << 14, 1 << 13});
  const Error error = error_from([&] { read_keras_weights_file(path, kOneDenseModel); });
  EXPECT_TRUE(Contains(error.where(), "/layers/dense/vars/0"));
  EXPECT_TRUE(Contains(error.problem(), "134217728 values, more than the file of"));
}

TEST(DamagedKerasFiles, HostileTextInAFileIsEscapedAndCutInTheMessage) {
  TemporaryDirectory directory;
  const auto path = directory / "model.h5";
  Hdf5Writer(path)
      .string_attribute("/", "keras_version", "\x1b[31m2\n" + std::string(300000, 'x') + "\xff")
      .string_attribute("/", "model_config", kOneDenseModel);
  const Error error = read_error(path);
  const std::string message = error.what();
  EXPECT_TRUE(Contains(message, "\\x1b[31m2\\n"));
  EXPECT_TRUE(Contains(message, "more bytes)"));
  EXPECT_LT(message.size(), 3 * kMaxErrorPartBytes);
  for (char c : message) EXPECT_FALSE(c == '\x1b' || c == '\xff');
}

TEST(DamagedKerasFiles, CrashInsideTheHdf5LibraryIsContained) {
  // Found by fuzzing: a variable-length string descriptor shorter than its heap object makes
  // HDF5 1.10 overflow its own buffer (H5HG_read). Whether that crashes depends on the heap's
  // layout in the reading process (it does in a fresh one, as in the CLI; after the other tests
  // of this suite HDF5 may report an error instead): either way the isolated reader answers with
  // an error naming the file, and this process lives on.
  const std::filesystem::path path = HLSNN_FRONTEND_TEST_DATA "/hdf5_library_crash.h5";
  const Error error = read_error(path);
  EXPECT_EQ(error.where(), path.string());
  EXPECT_TRUE(Contains(error.hint(), "damaged"));
}

TEST(IsolatedCall, ReturnsTheResultAndPassesErrorsOn) {
  EXPECT_EQ(call_isolated([] { return std::string("bytes\0back", 10); }, {}, "label", "hint"),
            std::string("bytes\0back", 10));
  const Error error = error_from([] {
    call_isolated([]() -> std::string { throw Error("problem", "where", "what to do"); }, {},
                  "label", "hint");
  });
  EXPECT_EQ(error.problem(), "problem");
  EXPECT_EQ(error.where(), "where");
  EXPECT_EQ(error.hint(), "what to do");
}

TEST(IsolatedCall, ACrashingLibraryBecomesAnErrorNamingTheFile) {
  const Error error = error_from([] {
    call_isolated(
        []() -> std::string {
          ::raise(SIGSEGV);
          return {};
        },
        {}, "model.h5", "save the model again");
  });
  EXPECT_EQ(error.where(), "model.h5");
  EXPECT_TRUE(Contains(error.problem(), "crashed on this file (SIGSEGV)"));
  EXPECT_EQ(error.hint(), "save the model again");
}

TEST(IsolatedCall, ALoopingLibraryIsStoppedAtItsTimeLimit) {
  IsolationLimits limits;
  limits.seconds = 1;
  const auto start = std::chrono::steady_clock::now();
  const Error error = error_from([&] {
    call_isolated(
        []() -> std::string {
          while (true) ::pause();
        },
        limits, "model.h5", "hint");
  });
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  EXPECT_TRUE(Contains(error.problem(), "took longer than 1 s"));
}

// AddressSanitizer reserves terabytes of address space: the child's memory limit is not set there.
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HLSNN_TEST_UNDER_ASAN 1
#endif
#endif
#if !defined(__SANITIZE_ADDRESS__) && !defined(HLSNN_TEST_UNDER_ASAN)
TEST(IsolatedCall, MemoryBeyondTheLimitIsAnErrorInsteadOfExhaustingTheMachine) {
  IsolationLimits limits;
  limits.memory_bytes = 256 << 20;
  const Error error = error_from([&] {
    call_isolated(
        []() -> std::string {
          std::string huge(size_t{8} << 30, 'x');
          return huge.substr(0, 1);
        },
        limits, "model.h5", "hint");
  });
  EXPECT_TRUE(Contains(error.problem(), "out of memory"));
}
#endif

}  // namespace
}  // namespace hlsnn::frontend
