#ifndef HLSNN_CLI_COMMANDS_H
#define HLSNN_CLI_COMMANDS_H

// Each subcommand registers its options and its action on the top-level app. Actions throw
// hlsnn::Error; cli_main turns it into the one-line error and the exit code.

#include <CLI/CLI.hpp>

namespace hlsnn::cli {

/// Options every command reads.
struct GlobalOptions {
  bool quiet = false;
};

void add_config_command(CLI::App& app, const GlobalOptions& global);
void add_convert_command(CLI::App& app, const GlobalOptions& global);
void add_compile_command(CLI::App& app, const GlobalOptions& global);
void add_predict_command(CLI::App& app, const GlobalOptions& global);
void add_trace_command(CLI::App& app, const GlobalOptions& global);
void add_build_command(CLI::App& app, const GlobalOptions& global);
void add_fifo_command(CLI::App& app, const GlobalOptions& global);
void add_report_command(CLI::App& app);
void add_layers_command(CLI::App& app);
void add_tables_command(CLI::App& app, const GlobalOptions& global);

}  // namespace hlsnn::cli

#endif  // HLSNN_CLI_COMMANDS_H
