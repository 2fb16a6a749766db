#include "ir/model_settings.h"

#include <gtest/gtest.h>

#include <limits>

#include "error_matchers.h"

namespace hlsnn::ir {
namespace {

using testing::Contains;
using testing::error_from;

TEST(ModelSettings, DefaultsMatchTheReferenceConverter) {
  const ModelSettings settings;
  EXPECT_EQ(settings.project_name, "myproject");
  EXPECT_EQ(settings.backend, Backend::kVivado);
  EXPECT_EQ(settings.part, "xcvu13p-flga2577-2-e");
  EXPECT_EQ(settings.clock_period_ns, 5.0);
  EXPECT_EQ(settings.io_type, IoType::kParallel);
  EXPECT_EQ(settings.default_precision, PrecisionType::fixed(16, 6));
  EXPECT_EQ(settings.default_reuse_factor, 1);
  EXPECT_EQ(settings.default_strategy, Strategy::kLatency);
  EXPECT_NO_THROW(settings.validate());
}

TEST(Backend, PrintsAndParsesIgnoringCase) {
  EXPECT_EQ(to_string(Backend::kVivado), "Vivado");
  EXPECT_EQ(to_string(Backend::kVitis), "Vitis");
  EXPECT_EQ(parse_backend("vitis"), Backend::kVitis);
  EXPECT_EQ(parse_backend("Vivado"), Backend::kVivado);
}

TEST(Backend, RejectsUnknownNamesListingTheChoices) {
  const Error error = error_from([] { parse_backend("Quartis"); });
  EXPECT_TRUE(Contains(error.problem(), "unknown backend 'Quartis'"));
  EXPECT_TRUE(Contains(error.hint(), "Vivado, Vitis"));
  const Error other = error_from([] { parse_backend("quartus"); });
  EXPECT_TRUE(Contains(other.problem(), "(an hls4ml backend) is not supported by hlsnn"));
  EXPECT_TRUE(Contains(other.hint(), "Vivado or Vitis"));
}

TEST(IoType, PrintsAndParsesIgnoringCase) {
  EXPECT_EQ(to_string(IoType::kParallel), "io_parallel");
  EXPECT_EQ(to_string(IoType::kStream), "io_stream");
  EXPECT_EQ(parse_io_type("io_stream"), IoType::kStream);
  EXPECT_EQ(parse_io_type("IO_PARALLEL"), IoType::kParallel);
}

TEST(IoType, RejectsUnknownNamesListingTheChoices) {
  const Error error = error_from([] { parse_io_type("stream"); });
  EXPECT_TRUE(Contains(error.problem(), "unknown io_type 'stream'"));
  EXPECT_TRUE(Contains(error.hint(), "io_parallel, io_stream"));
}

/// The config key named by the error validate() throws for `settings`.
std::string failing_key(const ModelSettings& settings) {
  return error_from([&] { settings.validate(); }).where();
}

TEST(ModelSettingsValidate, RejectsProjectNamesThatAreNotIdentifiers) {
  for (const char* name : {"", "my project", "class", "../x", "1model", "a\"b"}) {
    ModelSettings settings;
    settings.project_name = name;
    const Error error = error_from([&] { settings.validate(); });
    EXPECT_EQ(error.where(), "config key ProjectName") << name;
    EXPECT_TRUE(Contains(error.hint(), "e.g. myproject"));
  }
}

TEST(ModelSettingsValidate, RejectsPartsThatCouldInjectIntoTcl) {
  for (const char* part : {"", "xc7z020]; exec rm -rf /", "xc7 z020", "a\nb"}) {
    ModelSettings settings;
    settings.part = part;
    EXPECT_EQ(failing_key(settings), "config key Part") << part;
  }
}

TEST(ModelSettingsValidate, RejectsNonPositiveClockPeriods) {
  for (const double period : {0.0, -5.0, std::numeric_limits<double>::quiet_NaN()}) {
    ModelSettings settings;
    settings.clock_period_ns = period;
    EXPECT_EQ(failing_key(settings), "config key ClockPeriod");
  }
}

TEST(ModelSettingsValidate, AcceptsUncertaintyInNanosecondsOrPercent) {
  for (const char* uncertainty : {"12.5%", "27%", "0.625", "1"}) {
    ModelSettings settings;
    settings.clock_uncertainty = uncertainty;
    EXPECT_NO_THROW(settings.validate()) << uncertainty;
  }
  for (const char* uncertainty : {"", "%", "1.2.3", "abc", ".5", "5.", "12.5 %"}) {
    ModelSettings settings;
    settings.clock_uncertainty = uncertainty;
    EXPECT_EQ(failing_key(settings), "config key ClockUncertainty") << uncertainty;
  }
}

TEST(ModelSettingsValidate, RejectsAutoAsDefaultPrecision) {
  ModelSettings settings;
  settings.default_precision = PrecisionType::automatic();
  EXPECT_EQ(failing_key(settings), "config key Model.Precision");
}

TEST(ModelSettingsValidate, RejectsReuseFactorBelowOne) {
  ModelSettings settings;
  settings.default_reuse_factor = 0;
  EXPECT_EQ(failing_key(settings), "config key Model.ReuseFactor");
}

TEST(ModelSettings, ToStringShowsEverySetting) {
  ModelSettings settings;
  settings.backend = Backend::kVitis;
  settings.io_type = IoType::kStream;
  settings.default_strategy = Strategy::kResource;
  settings.default_reuse_factor = 4;
  EXPECT_EQ(settings.to_string(),
            "myproject: Vitis xcvu13p-flga2577-2-e, clock 5 ns (uncertainty '12.5%'), io_stream, "
            "default precision fixed<16,6>, reuse factor 4, Resource");
}

}  // namespace
}  // namespace hlsnn::ir
