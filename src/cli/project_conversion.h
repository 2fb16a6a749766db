#ifndef HLSNN_CLI_PROJECT_CONVERSION_H
#define HLSNN_CLI_PROJECT_CONVERSION_H

#include "api/model.h"
#include "cli/project_config_yaml.h"

namespace hlsnn::cli {

/// The model a project config describes: a whole model file (KerasH5), or an architecture JSON
/// (KerasJson) with its weights file (KerasH5). Throws hlsnn::Error naming an unreadable file.
Model convert_project(const ProjectConfig& config);

}  // namespace hlsnn::cli

#endif  // HLSNN_CLI_PROJECT_CONVERSION_H
