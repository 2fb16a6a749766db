// The project manifest (hlsnn_manifest.json) and the signature the runtime checks it by.

#include "fuzz_common.h"
#include "project/manifest.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text = hlsnn::fuzz::bytes_of(data, size);
  hlsnn::fuzz::run_reader([&] {
    const hlsnn::project::Manifest manifest =
        hlsnn::project::parse_manifest(text, "hlsnn_manifest.json");
    hlsnn::project::bridge_signature(manifest);
    for (const auto& tensor : manifest.inputs) tensor.element_count();
  });
  return 0;
}
