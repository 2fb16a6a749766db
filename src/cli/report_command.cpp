#include <iostream>

#include "cli/commands.h"
#include "ir/error.h"
#include "report/vivado_report.h"

namespace hlsnn::cli {

namespace {

struct ReportOptions {
  std::string project_dir;
  bool json = false;
};

// The table (or JSON) goes to stdout; the reports not found are noted on stderr, and an error
// when there is none at all, so that a script sees the failure.
void run_report(const ReportOptions& options) {
  const report::ProjectReport found = report::parse_vivado_report(options.project_dir);
  if (found.summary.empty() && !found.sections.contains("CSimResults")) {
    std::string hints;
    for (const std::string& missing : found.missing) hints += (hints.empty() ? "" : "; ") + missing;
    throw Error("no report of the vendor flow", options.project_dir, hints);
  }
  if (options.json) {
    nlohmann::ordered_json document = found.sections;
    document["Summary"] = found.summary;
    std::cout << document.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace)
              << std::endl;
  } else {
    std::cout << report::format_summary(found.summary);
  }
  for (const std::string& missing : found.missing) std::cerr << "hlsnn: note: " << missing << "\n";
}

}  // namespace

void add_report_command(CLI::App& app) {
  CLI::App* command = app.add_subcommand(
      "report", "Show the vendor reports of a built project: latency, interval, resources");
  auto options = std::make_shared<ReportOptions>();
  command->add_option("-p,--project", options->project_dir, "Project directory")->required();
  command->add_flag("--json", options->json,
                    "Print JSON: hls4ml's parse_vivado_report sections plus a Summary of numbers");
  command->callback([options] { run_report(*options); });
}

}  // namespace hlsnn::cli
