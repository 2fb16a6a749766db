#include <iostream>

#include "api/table_report.h"
#include "cli/commands.h"
#include "cli/progress.h"
#include "cli/project_config_yaml.h"
#include "cli/project_conversion.h"

namespace hlsnn::cli {

namespace {

struct TablesOptions {
  std::string config_path;
  bool json = false;
  TableReportOptions report;
};

}  // namespace

void add_tables_command(CLI::App& app, const GlobalOptions& global) {
  CLI::App* command = app.add_subcommand(
      "tables",
      "Report the lookup tables of a model (softmax, sigmoid, tanh, ...): types, memory, and the "
      "error estimated from the types and measured on the emulation");
  auto options = std::make_shared<TablesOptions>();
  command
      ->add_option("-c,--config", options->config_path, "YAML project config (see `hlsnn config`)")
      ->required();
  command->add_flag("--json", options->json, "Print the report as JSON");
  command
      ->add_option("--limit", options->report.exhaustive_limit,
                   "Input types with at most this many values are measured on each, wider ones "
                   "on this many")
      ->capture_default_str()
      ->check(CLI::Range(int64_t{1024}, int64_t{1} << 26));
  command->add_option("--rows", options->report.softmax_rows, "Softmax rows to measure")
      ->capture_default_str()
      ->check(CLI::Range(int64_t{1}, int64_t{100000000}));
  command
      ->add_option("--sigma", options->report.softmax_sigma,
                   "Standard deviation of the softmax logits")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  command->add_option("--seed", options->report.seed, "Seed of the drawn inputs")
      ->capture_default_str();
  command->callback([options, &global] {
    const Progress progress(global.quiet);
    const ProjectConfig config = read_project_config(options->config_path);
    progress.step("converting " + config.keras_h5.string());
    const Model model = convert_project(config);
    nlohmann::ordered_json report;
    progress.while_running("measuring the tables",
                           [&] { report = table_report(model, options->report); });
    if (options->json) {
      std::cout << report.dump(2) << std::endl;
    } else {
      std::cout << format_table_report(report);
    }
  });
}

}  // namespace hlsnn::cli
