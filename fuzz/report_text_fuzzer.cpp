// The vendor's text reports: co-simulation report, Vivado utilization report, results logs; and
// the summary and JSON made of them (`hlsnn report` and `--json`).

#include "fuzz_common.h"
#include "report/text_reports.h"
#include "report/vivado_report.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text = hlsnn::fuzz::bytes_of(data, size);
  hlsnn::fuzz::run_reader([&] {
    nlohmann::ordered_json sections = nlohmann::ordered_json::object();
    sections["CosimReport"] = hlsnn::report::parse_cosim_report(text);
    sections["VivadoSynthReport"] = hlsnn::report::parse_vivado_synth_report(text).first;
    sections["CSimResults"] = hlsnn::report::parse_results_log(text);
    nlohmann::ordered_json summary = hlsnn::report::summarize(sections);
    hlsnn::report::format_summary(summary);
    sections["Summary"] = summary;
    sections.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  });
  return 0;
}
