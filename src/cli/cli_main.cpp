// Entry point of the `hlsnn` command line.

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <iostream>
#include <string>

#include "cli/commands.h"
#include "ir/error.h"

namespace {

/// Errors are one line, so that they read well in a terminal and grep well in a log. what()
/// composes "<where>: <problem>\n  hint: <hint>": each line break and the indentation after it
/// become "; ".
std::string one_line(const std::string& text) {
  std::string result;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\n') {
      result += text[i];
      continue;
    }
    while (i + 1 < text.size() && text[i + 1] == ' ') ++i;
    if (i + 1 < text.size()) result += "; ";
  }
  return result;
}

/// One printable line (hlsnn::Error's parts already are; CLI11's messages quote the arguments).
int report_error(const std::string& message) {
  std::cerr << "hlsnn: error: "
            << hlsnn::printable_text(one_line(message), 4 * hlsnn::kMaxErrorPartBytes) << std::endl;
  return 1;
}

/// Installed with the Python package, the binary is <package>/bin/hlsnn and the emulation
/// headers and kernels are <package>/hls; built from source, the source tree's are used.
void use_installed_hls_dir() {
  const char* chosen = std::getenv("HLSNN_HLS_DIR");
  if (chosen != nullptr && *chosen != '\0') return;
  std::error_code error;
  const std::filesystem::path binary = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) return;
  const std::filesystem::path installed = binary.parent_path().parent_path() / "hls";
  if (std::filesystem::exists(installed / "ap_types" / "ap_int.h", error)) {
    ::setenv("HLSNN_HLS_DIR", installed.c_str(), 1);
  }
}

int run(int argc, char** argv) {
  use_installed_hls_dir();
  CLI::App app{"hlsnn: compile trained Keras networks into HLS C++ projects"};
  app.set_version_flag("--version", "hlsnn " HLSNN_VERSION);
  app.require_subcommand(1);
  hlsnn::cli::GlobalOptions global;
  app.add_flag("-q,--quiet", global.quiet, "Print no progress lines");
  // Subcommands accept the global options too: `hlsnn convert -q -c cfg.yml`.
  app.fallthrough();

  hlsnn::cli::add_config_command(app, global);
  hlsnn::cli::add_convert_command(app, global);
  hlsnn::cli::add_compile_command(app, global);
  hlsnn::cli::add_predict_command(app, global);
  hlsnn::cli::add_trace_command(app, global);
  hlsnn::cli::add_build_command(app, global);
  hlsnn::cli::add_fifo_command(app, global);
  hlsnn::cli::add_report_command(app);
  hlsnn::cli::add_layers_command(app);
  hlsnn::cli::add_tables_command(app, global);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    if (error.get_exit_code() == 0) return app.exit(error);  // --help, --version
    report_error(std::string(error.what()) + " (see hlsnn --help)");
    return error.get_exit_code();
  } catch (const std::exception& error) {
    // A library's exception (filesystem, JSON, allocation) in our words, not its own.
    return report_error(hlsnn::error_from_exception(error).what());
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  // Setting up the commands allocates; even that fails with a message, not a crash.
  try {
    return run(argc, argv);
  } catch (const std::exception& error) {
    return report_error(hlsnn::error_from_exception(error).what());
  }
}
