// The C synthesis report (<top>_csynth.xml) and the summary made of it.

#include "fuzz_common.h"
#include "report/csynth_report.h"
#include "report/vivado_report.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text = hlsnn::fuzz::bytes_of(data, size);
  hlsnn::fuzz::run_reader([&] {
    nlohmann::ordered_json sections = nlohmann::ordered_json::object();
    sections["CSynthesisReport"] = hlsnn::report::parse_csynth_xml(text, "fuzz_csynth.xml");
    hlsnn::report::format_summary(hlsnn::report::summarize(sections));
  });
  return 0;
}
