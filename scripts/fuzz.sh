#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ (clang, AddressSanitizer + UndefinedBehaviorSanitizer over
# the whole build) and runs each for a given time, niced, on a corpus seeded from valid files made
# by fuzz/make_seeds.py (real Keras, QKeras and hlsnn output). Prints one line per target:
# executions, coverage (libFuzzer's cov: edges and ft: features), corpus size, and findings.
#
#   scripts/fuzz.sh [--seconds N] [--jobs J] [target[=seconds] ...]  (default: 60 s each, all)
#
# A target named with =seconds runs for that time instead of --seconds (a long campaign gives the
# fast readers more time than the slow ones in one build and one run).
#
# A finding (crash, hang, leak, sanitizer report, an exception other than hlsnn::Error) is saved
# in build-fuzz/findings/<target>/ and the script exits non-zero; make it a regression test by
# copying it into tests/fuzz_regressions/<target>/ once fixed.
#
# The HDF5 targets (h5_model, h5_weights, keras_archive) read HDF5 in their own process, where a
# crash or loop inside the HDF5 library (uninstrumented, not ours to fix) stops an input like any
# finding. They run in libFuzzer's fork mode, which records such inputs and goes on; afterwards
# fuzz/check_hdf5_findings.py checks that each one is inside libhdf5 and that the `hlsnn`
# command, which reads HDF5 in an isolated child process, turns it into a one-line error.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${HLSNN_FUZZ_BUILD_DIR:-$repo/build-fuzz}
seconds=60
jobs=1
targets=()
declare -A target_seconds=()
while [ $# -gt 0 ]; do
  case $1 in
    --seconds) seconds=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    *=*) targets+=("${1%%=*}"); target_seconds[${1%%=*}]=${1#*=}; shift ;;
    *) targets+=("$1"); shift ;;
  esac
done
all_targets=(keras_model h5_model h5_weights keras_archive yaml_config manifest npy npz csv
             report_xml report_text)
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")

sanitizers="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link $sanitizers" \
  -DCMAKE_EXE_LINKER_FLAGS="$sanitizers" \
  -DHLSNN_FUZZ=ON -DHLSNN_BUILD_TESTS=OFF >/dev/null
nice cmake --build "$build" -j "$(nproc)" --target "${targets[@]/#/fuzz_}"

# Seeds: valid files, made once per build folder.
seeds=$build/seeds
if [ ! -f "$seeds/.complete" ]; then
  python=${HLSNN_SEED_PYTHON:-$repo/.venv-keras2/bin/python}
  hlsnn=${HLSNN_CLI:-$repo/build/src/cli/hlsnn}
  [ -x "$hlsnn" ] || { echo "fuzz.sh: needs the hlsnn command at $hlsnn (build it, or set HLSNN_CLI)"; exit 2; }
  rm -rf "$seeds"
  "$python" "$repo/fuzz/make_seeds.py" --out "$seeds" --hlsnn "$hlsnn" --repo "$repo"
  touch "$seeds/.complete"
fi

# allocator_may_return_null: a malloc of an impossible size fails as it does in production, where
# the HDF5 library reports it as an error (fuzz_common.h still treats our code running out of
# memory as a finding, and -malloc_limit_mb any single allocation over 2 GiB).
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$repo/fuzz/lsan_suppressions.txt}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
status=0
printf '%-14s %12s %8s %8s %8s %s\n' target executions cov ft corpus findings
for target in "${targets[@]}"; do
  corpus=$build/corpus/$target
  findings=$build/findings/$target
  mkdir -p "$corpus" "$findings"
  log=$build/logs/$target.log
  mkdir -p "$(dirname "$log")"
  # -timeout: one input taking longer is a hang; -rss_limit_mb: memory is a finding beyond it.
  mode=(-jobs="$jobs" -workers="$jobs")
  asan=$ASAN_OPTIONS
  case $target in
    h5_model | h5_weights | keras_archive)
      # Full stacks for the leak suppressions, which name a function inside libhdf5.
      mode=(-fork="$jobs" -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
      asan=$ASAN_OPTIONS:fast_unwind_on_malloc=0 ;;
  esac
  run_seconds=${target_seconds[$target]:-$seconds}
  set +e
  (cd "$build" && ASAN_OPTIONS=$asan nice "$build/fuzz/fuzz_$target" "$corpus" "$seeds/$target" \
    -max_total_time="$run_seconds" -timeout=10 -rss_limit_mb=2560 -malloc_limit_mb=2048 \
    -max_len=262144 -print_final_stats=1 "${mode[@]}" -artifact_prefix="$findings/" >"$log" 2>&1)
  code=$?
  set -e
  # With -jobs the workers log to fuzz-<n>.log in the folder they run in; libFuzzer has already
  # copied each into its own output when the job ended.
  rm -f "$build"/fuzz-*.log
  executions=$( (grep -h 'stat::number_of_executed_units' "$log" || true) |
    awk '{s += $2} END {print s + 0}')
  if [ "${mode[0]}" != "${mode[0]#-fork}" ]; then
    # Fork mode counts all jobs' executions in its progress lines: "#<executions>: cov: ...".
    executions=$( (grep -h -E '^#[0-9]+: cov:' "$log" || true) | tail -1 | sed 's/^#\([0-9]*\):.*/\1/')
    code=0
  fi
  last=$( (grep -h -E '^#[0-9]+.*cov:' "$log" || true) | tail -1)
  cov=$(sed -n 's/.*cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.*ft: \([0-9]*\).*/\1/p' <<<"$last")
  found=$(find "$findings" -type f | wc -l)
  printf '%-14s %12s %8s %8s %8s %s\n' "$target" "${executions:-0}" "${cov:-?}" "${ft:-?}" \
    "$(find "$corpus" -type f | wc -l)" "$found"
  case $target in h5_model | h5_weights | keras_archive) hdf5_checks=1; continue ;; esac
  if [ "$code" -ne 0 ] || [ "$found" -ne 0 ]; then
    status=1
    echo "fuzz.sh: $target: finding(s) in $findings, log $log" >&2
    grep -h -m3 -E 'ERROR|SUMMARY|finding|deadly|timeout|out-of-memory' "$log" >&2 || true
  fi
done
if [ -n "${hdf5_checks:-}" ]; then
  python3 "$repo/fuzz/check_hdf5_findings.py" --build "$build" \
    --hlsnn "${HLSNN_CLI:-$repo/build/src/cli/hlsnn}" || status=1
fi
exit $status
