// Entry point of the `hlsnn` command line.

#include <CLI/CLI.hpp>
#include <exception>
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

int report_error(const std::string& message) {
  std::cerr << "hlsnn: error: " << one_line(message) << std::endl;
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
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
  hlsnn::cli::add_build_command(app, global);
  hlsnn::cli::add_layers_command(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    if (error.get_exit_code() == 0) return app.exit(error);  // --help, --version
    report_error(std::string(error.what()) + " (see hlsnn --help)");
    return error.get_exit_code();
  } catch (const hlsnn::Error& error) {
    return report_error(error.what());
  } catch (const std::exception& error) {
    return report_error(error.what());
  }
  return 0;
}
