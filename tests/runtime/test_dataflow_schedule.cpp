// The dataflow schedule model on small designs whose schedules are worked out by hand here.

#include <gtest/gtest.h>

#include "ir/error.h"
#include "runtime/dataflow_schedule.h"

namespace hlsnn::runtime {
namespace {

using project::Manifest;
using project::ProcessInfo;
using project::StreamInfo;

/// A chain: the caller writes 4 words of `in` (cycles 0..3); `rows` reads a word and writes a
/// word, 4 times (read interval 1, write interval 1, latency 6); `sum` reads the 4 words of
/// `mid` and writes one word of `out` (latency 8); the caller reads it.
Manifest chain() {
  Manifest manifest;
  manifest.project_name = "chain";
  manifest.processes = {{"x", 1, 1, 0}, {"rows", 1, 1, 6}, {"sum", 1, 1, 8}, {"sink", 1, 1, 0}};
  manifest.streams = {{"in", "x", "x", "rows", 4, 6, 0},
                      {"mid", "rows", "rows", "sum", 4, 5, 4},
                      {"out", "sum", "sum", "sink", 1, 3, 0}};
  return manifest;
}

/// The events of one sample in the C simulation's order.
std::vector<StreamEvent> chain_events() {
  std::vector<StreamEvent> events;
  for (int k = 0; k < 4; ++k) events.push_back({0, true});
  for (int k = 0; k < 4; ++k) {
    events.push_back({0, false});
    events.push_back({1, true});
  }
  for (int k = 0; k < 4; ++k) events.push_back({1, false});
  events.push_back({2, true});
  events.push_back({2, false});
  return events;
}

TEST(DataflowSchedule, OneSampleOfAChainMatchesTheHandSchedule) {
  const ScheduleResult result = run_dataflow_schedule(chain(), chain_events(), 1);
  ASSERT_FALSE(result.deadlock);
  // in: written 0,1,2,3; rows reads each a cycle later, one per cycle.
  EXPECT_EQ(result.write_cycles[0], (std::vector<int64_t>{0, 1, 2, 3}));
  EXPECT_EQ(result.read_cycles[0], (std::vector<int64_t>{1, 2, 3, 4}));
  // mid: each write 6 cycles after its read (and one per cycle); sum reads a cycle later.
  EXPECT_EQ(result.write_cycles[1], (std::vector<int64_t>{7, 8, 9, 10}));
  EXPECT_EQ(result.read_cycles[1], (std::vector<int64_t>{8, 9, 10, 11}));
  // out: 8 cycles after sum's last read; the caller takes it at 20.
  EXPECT_EQ(result.write_cycles[2], (std::vector<int64_t>{19}));
  EXPECT_EQ(result.read_cycles[2], (std::vector<int64_t>{20}));
  EXPECT_EQ(result.cycles, 21);
  // mid: at 8 two words written, none read before 8; at 9 three written, one read before.
  EXPECT_EQ(result.peak_occupancy[1], 2);
}

TEST(DataflowSchedule, TheNextSampleWaitsForEachProcessToFinish) {
  const ScheduleResult result = run_dataflow_schedule(chain(), chain_events(), 2);
  ASSERT_FALSE(result.deadlock);
  // The caller streams the second sample right behind the first.
  EXPECT_EQ(result.write_cycles[0], (std::vector<int64_t>{0, 1, 2, 3, 4, 5, 6, 7}));
  // rows starts its second sample after its last operation of the first (cycle 10).
  EXPECT_EQ(result.read_cycles[0], (std::vector<int64_t>{1, 2, 3, 4, 11, 12, 13, 14}));
  EXPECT_EQ(result.write_cycles[1], (std::vector<int64_t>{7, 8, 9, 10, 17, 18, 19, 20}));
  // sum starts its second sample after writing the first result at 19.
  EXPECT_EQ(result.read_cycles[1], (std::vector<int64_t>{8, 9, 10, 11, 20, 21, 22, 23}));
  EXPECT_EQ(result.write_cycles[2], (std::vector<int64_t>{19, 31}));
  EXPECT_EQ(result.cycles, 33);
  // At cycle 20 eight words of mid are written and four read before: the peak.
  EXPECT_EQ(result.peak_occupancy[1], 4);
}

TEST(DataflowSchedule, DepthsAtThePeakKeepTheUnboundedSchedule) {
  const Manifest manifest = chain();
  const ScheduleResult unbounded = run_dataflow_schedule(manifest, chain_events(), 2);
  std::vector<int64_t> depths = {0, unbounded.peak_occupancy[1], 0};
  const ScheduleResult sized = run_dataflow_schedule(manifest, chain_events(), 2, depths);
  EXPECT_FALSE(sized.deadlock);
  EXPECT_EQ(sized.write_cycles, unbounded.write_cycles);
  EXPECT_EQ(sized.read_cycles, unbounded.read_cycles);
  // One word less: rows waits for room, and the schedule gets longer.
  depths[1] -= 1;
  const ScheduleResult shallow = run_dataflow_schedule(manifest, chain_events(), 2, depths);
  EXPECT_FALSE(shallow.deadlock);
  EXPECT_GT(shallow.write_cycles[1][7], unbounded.write_cycles[1][7]);
}

/// A fork: the caller writes 4 words into `a`; `copy` writes each to `direct` and `through`;
/// `all` reads the 4 words of `through` before writing 4 words of `back`; `join` reads a word of
/// `direct` and one of `back` per output word.
Manifest fork() {
  Manifest manifest;
  manifest.project_name = "fork";
  manifest.processes = {
      {"x", 1, 1, 0}, {"copy", 1, 1, 1}, {"all", 1, 1, 3}, {"join", 1, 1, 1}, {"sink", 1, 1, 0}};
  manifest.streams = {{"a", "x", "x", "copy", 4, 2, 0},
                      {"direct", "x", "copy", "join", 4, 2, 4},
                      {"through", "x", "copy", "all", 4, 2, 4},
                      {"back", "all", "all", "join", 4, 2, 4},
                      {"out", "join", "join", "sink", 4, 2, 0}};
  return manifest;
}

std::vector<StreamEvent> fork_events() {
  std::vector<StreamEvent> events;
  for (int k = 0; k < 4; ++k) events.push_back({0, true});
  for (int k = 0; k < 4; ++k) {
    events.push_back({0, false});
    events.push_back({1, true});
    events.push_back({2, true});
  }
  for (int k = 0; k < 4; ++k) events.push_back({2, false});
  for (int k = 0; k < 4; ++k) events.push_back({3, true});
  for (int k = 0; k < 4; ++k) {
    events.push_back({1, false});
    events.push_back({3, false});
    events.push_back({4, true});
  }
  for (int k = 0; k < 4; ++k) events.push_back({4, false});
  return events;
}

TEST(DataflowSchedule, ReconvergingBranchesNeedTheWholeSkewAndDeadlockBelowIt) {
  const Manifest manifest = fork();
  const ScheduleResult unbounded = run_dataflow_schedule(manifest, fork_events(), 1);
  ASSERT_FALSE(unbounded.deadlock);
  // copy writes both copies at 2,3,4,5; `all` reads through at 3..6 and writes back at 9..12;
  // join reads direct word 0 at 3, then waits for back word 0 (10) and writes at 11; its next
  // iteration starts one read interval after the one that wrote (11 + 1 - latency 1), so it reads
  // direct at 11, 12, 13: direct holds 3 words at cycle 5 (written 2..5, one read before 5).
  EXPECT_EQ(unbounded.write_cycles[1], (std::vector<int64_t>{2, 3, 4, 5}));
  EXPECT_EQ(unbounded.write_cycles[3], (std::vector<int64_t>{9, 10, 11, 12}));
  EXPECT_EQ(unbounded.read_cycles[1], (std::vector<int64_t>{3, 11, 12, 13}));
  EXPECT_EQ(unbounded.peak_occupancy[1], 3);

  // With direct one word shallower, copy cannot write the fourth word there, so `all` never gets
  // its fourth word: a deadlock, reported with what each process waits for.
  const ScheduleResult stuck = run_dataflow_schedule(manifest, fork_events(), 1, {0, 2, 4, 4, 0});
  ASSERT_TRUE(stuck.deadlock);
  std::string waiting;
  for (const std::string& line : stuck.waiting) waiting += line + "\n";
  EXPECT_NE(waiting.find("'copy' waits to write stream 'direct', full at depth 2"),
            std::string::npos)
      << waiting;
  EXPECT_NE(waiting.find("'all' waits to read stream 'through'"), std::string::npos) << waiting;
}

TEST(DataflowSchedule, UnknownStreamsAndProcessesAreErrors) {
  Manifest manifest = chain();
  EXPECT_THROW(run_dataflow_schedule(manifest, {{7, true}}, 1), Error);
  manifest.streams[1].consumer = "nobody";
  try {
    run_dataflow_schedule(manifest, chain_events(), 1);
    FAIL() << "an unknown process was accepted";
  } catch (const Error& error) {
    EXPECT_NE(error.problem().find("'nobody'"), std::string::npos) << error.what();
  }
  EXPECT_THROW(run_dataflow_schedule(chain(), chain_events(), 0), Error);
  EXPECT_THROW(run_dataflow_schedule(chain(), chain_events(), 1, {1, 2}), Error);
}

}  // namespace
}  // namespace hlsnn::runtime
