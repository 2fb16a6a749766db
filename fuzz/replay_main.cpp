// A main() for the fuzz targets without libFuzzer: runs LLVMFuzzerTestOneInput once on every file
// named on the command line or found below a folder named there. Built with every test build, it
// replays the inputs that were findings (tests/fuzz_regressions/<target>/) in ctest.

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

int replay(const std::filesystem::path& path) {
  std::ifstream stream(path, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(stream)),
                          std::istreambuf_iterator<char>());
  std::printf("replaying %s (%zu bytes)\n", path.c_str(), bytes.size());
  std::fflush(stdout);
  return LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
}

}  // namespace

int main(int argc, char** argv) {
  int replayed = 0;
  for (int index = 1; index < argc; ++index) {
    const std::filesystem::path root(argv[index]);
    if (!std::filesystem::exists(root)) {
      std::printf("%s: nothing to replay\n", root.c_str());
    } else if (std::filesystem::is_directory(root)) {
      for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
        if (entry.is_regular_file()) replayed += replay(entry.path()) == 0 ? 1 : 0;
      }
    } else {
      replayed += replay(root) == 0 ? 1 : 0;
    }
  }
  std::printf("%d inputs replayed without a finding\n", replayed);
  return 0;
}
