#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "ir/error.h"
#include "project/manifest.h"
#include "report/vivado_report.h"

namespace hlsnn::report {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

const fs::path kData = HLSNN_REPORT_TEST_DATA;

/// Every folder a test makes, removed when the tests end.
fs::path scratch_root() {
  static const fs::path root =
      fs::temp_directory_path() / ("hlsnn_report_test_" + std::to_string(::getpid()));
  return root;
}

class ScratchCleanup : public ::testing::Environment {
 public:
  void TearDown() override { fs::remove_all(scratch_root()); }
};
const auto* const kCleanup = ::testing::AddGlobalTestEnvironment(new ScratchCleanup);

/// A copy of data/<layout> in a fresh folder, with an hlsnn manifest instead of hls4ml's
/// project.tcl when `with_manifest`.
fs::path project_copy(const std::string& layout, bool with_manifest) {
  static int count = 0;
  const fs::path dir = scratch_root() / (layout + std::to_string(++count));
  fs::create_directories(scratch_root());
  fs::copy(kData / layout, dir, fs::copy_options::recursive);
  if (with_manifest) {
    fs::remove(dir / "project.tcl");
    project::Manifest manifest;
    manifest.project_name = "myproject";
    manifest.backend = layout == "vitis" ? "Vitis" : "Vivado";
    manifest.io_type = "io_parallel";
    project::write_manifest(manifest, dir);
  }
  return dir;
}

TEST(VivadoReport, CSynthesisMatchesTheReferenceShape) {
  const ProjectReport found = parse_vivado_report(project_copy("vivado", true));
  const json expected = {{"TargetClockPeriod", "5.00"},
                         {"EstimatedClockPeriod", "4.256"},
                         {"BestLatency", "9"},
                         {"WorstLatency", "11"},
                         {"IntervalMin", "1"},
                         {"IntervalMax", "2"},
                         {"BRAM_18K", "4"},
                         {"DSP", "52"},
                         {"FF", "3817"},
                         {"LUT", "12044"},
                         {"URAM", "0"},
                         {"AvailableBRAM_18K", "4320"},
                         {"AvailableDSP", "6840"},
                         {"AvailableFF", "2364480"},
                         {"AvailableLUT", "1182240"},
                         {"AvailableURAM", "960"}};
  EXPECT_EQ(found.sections["CSynthesisReport"], expected);
}

TEST(VivadoReport, SummaryHasNanosecondsAndShareOfThePart) {
  const ProjectReport found = parse_vivado_report(project_copy("vivado", true));
  const json& csynth = found.summary["CSynthesis"];
  EXPECT_EQ(csynth["LatencyMinCycles"], 9);
  EXPECT_EQ(csynth["LatencyMaxCycles"], 11);
  EXPECT_DOUBLE_EQ(csynth["LatencyMinNs"].get<double>(), 45.0);
  EXPECT_DOUBLE_EQ(csynth["LatencyMaxNs"].get<double>(), 55.0);
  EXPECT_EQ(csynth["IntervalMax"], 2);
  EXPECT_DOUBLE_EQ(csynth["EstimatedClockPeriodNs"].get<double>(), 4.256);
  EXPECT_EQ(csynth["Resources"]["DSP"]["Used"], 52);
  EXPECT_EQ(csynth["Resources"]["DSP"]["Available"], 6840);
  EXPECT_DOUBLE_EQ(csynth["Resources"]["DSP"]["Percent"].get<double>(), 100.0 * 52 / 6840);
  EXPECT_DOUBLE_EQ(csynth["Resources"]["URAM"]["Percent"].get<double>(), 0.0);

  const json& cosim = found.summary["Cosim"];
  EXPECT_EQ(cosim["Status"], "Pass");
  EXPECT_EQ(cosim["RTL"], "Verilog");
  EXPECT_EQ(cosim["LatencyMaxCycles"], 11);
  EXPECT_DOUBLE_EQ(cosim["LatencyMaxNs"].get<double>(), 55.0);

  const json& vsynth = found.summary["VivadoSynth"]["Resources"];
  EXPECT_EQ(vsynth["LUT"]["Used"], 10125.0);
  EXPECT_EQ(vsynth["BRAM_18K"]["Used"], 1.5);
  EXPECT_EQ(vsynth["DSP48E"]["Available"], 6840.0);
  EXPECT_DOUBLE_EQ(vsynth["DSP48E"]["Percent"].get<double>(), 0.70);
  EXPECT_TRUE(found.missing.empty());

  const std::string table = format_summary(found.summary);
  EXPECT_NE(table.find("9 cycles (45 ns)"), std::string::npos) << table;
  EXPECT_NE(table.find("52 of 6840 (0.8%)"), std::string::npos) << table;
}

TEST(VivadoReport, CosimAndVivadoSynthAsTheReferenceReadsThem) {
  const ProjectReport found = parse_vivado_report(project_copy("vivado", false));
  const json cosim = {{"RTL", "Verilog"},   {"Status", "Pass"},   {"LatencyMin", "9"},
                      {"LatencyMax", "11"}, {"IntervalMin", "1"}, {"IntervalMax", "2"}};
  EXPECT_EQ(found.sections["CosimReport"], cosim);
  const json vsynth = {
      {"LUT", "10125"}, {"FF", "3290"}, {"BRAM_18K", "1.5"}, {"URAM", "0"}, {"DSP48E", "48"}};
  EXPECT_EQ(found.sections["VivadoSynthReport"], vsynth);
}

TEST(VivadoReport, VitisLayoutAndDspName) {
  const ProjectReport found = parse_vivado_report(project_copy("vitis", true));
  EXPECT_EQ(found.sections["CSynthesisReport"]["DSP"], "40");
  EXPECT_EQ(found.sections["CSynthesisReport"]["WorstLatency"], "9");
  // No cosim or Vivado synthesis ran: each is named with the step that writes it.
  ASSERT_EQ(found.missing.size(), 2u);
  EXPECT_NE(found.missing[0].find("-l"), std::string::npos) << found.missing[0];
  EXPECT_NE(found.missing[1].find("-r"), std::string::npos) << found.missing[1];
}

TEST(VivadoReport, UnbuiltProjectNamesTheSynthesisStep) {
  const fs::path dir = project_copy("vitis", true);
  fs::remove_all(dir / "myproject_prj");
  const ProjectReport found = parse_vivado_report(dir);
  EXPECT_TRUE(found.summary.empty());
  ASSERT_FALSE(found.missing.empty());
  EXPECT_NE(found.missing[0].find("hlsnn build -p " + dir.string() + " -s"), std::string::npos)
      << found.missing[0];
}

TEST(VivadoReport, BrokenXmlNamesTheFile) {
  const fs::path dir = project_copy("vivado", true);
  const fs::path xml = dir / "myproject_prj/solution1/syn/report/myproject_csynth.xml";
  std::ofstream(xml) << "<profile><UserAssignments>";
  try {
    parse_vivado_report(dir);
    FAIL() << "no error";
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("myproject_csynth.xml"), std::string::npos)
        << error.what();
  }
}

TEST(VivadoReport, MissingDirectoryAndNonProject) {
  EXPECT_THROW(parse_vivado_report(fs::temp_directory_path() / "hlsnn_no_such_project"), Error);
  const fs::path empty = scratch_root() / "empty";
  fs::create_directories(empty);
  EXPECT_THROW(parse_vivado_report(empty), Error);
}

TEST(VivadoReport, ReadReportPrintsTheReferenceSections) {
  const fs::path dir = project_copy("vivado", true);
  const std::string brief = read_vivado_report(dir, false);
  EXPECT_NE(brief.find("Found 1 solution(s)"), std::string::npos) << brief;
  EXPECT_NE(brief.find("C SIMULATION RESULT:"), std::string::npos) << brief;
  EXPECT_NE(brief.find("|        9|       11|"), std::string::npos) << brief;
  EXPECT_EQ(brief.find("* DSP48E"), std::string::npos) << brief;
  EXPECT_NE(brief.find("CO-SIMULATION RESULT:"), std::string::npos) << brief;
  EXPECT_NE(read_vivado_report(dir, true).find("* DSP48E"), std::string::npos);
}

}  // namespace
}  // namespace hlsnn::report
