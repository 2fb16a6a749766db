"""Checks on hls/nnet_utils that do not need the vendor tool: each header compiles on its own
warning-free, the synthesis branch (-D__SYNTHESIS__) compiles, the code uses no heap or dynamic
containers, and tables shared through function-local statics give the same results on many threads.
"""

from __future__ import annotations

import re
import subprocess

import kernel_harness as harness
import pytest

HEADERS = sorted(path.name for path in harness.OUR_KERNELS.glob("*.h"))
WARNING_FLAGS = [
    "-Wall",
    "-Wextra",
    "-Wno-unknown-pragmas",
    "-Werror",
]  # HLS pragmas are unknown to g++


def _syntax_check(source: str, *flags: str) -> subprocess.CompletedProcess:
    command = [
        "g++",
        "-std=c++14",
        "-fsyntax-only",
        *flags,
        "-isystem",
        str(harness.VENDOR_AP_TYPES),
        "-I",
        str(harness.OUR_KERNELS),
        "-x",
        "c++",
        "-",
    ]
    return subprocess.run(command, input=source, capture_output=True, text=True)


@pytest.mark.parametrize("header", HEADERS)
def test_header_compiles_alone_without_warnings(header: str) -> None:
    result = _syntax_check(f'#include "{header}"\n', *WARNING_FLAGS)
    assert result.returncode == 0, result.stderr


def test_synthesis_branch_compiles() -> None:
    # The open-source vendor headers refuse __SYNTHESIS__, so it is defined after them.
    source = '#include "ap_fixed.h"\n#include "ap_int.h"\n#define __SYNTHESIS__\n'
    source += "".join(f'#include "{header}"\n' for header in HEADERS)
    result = _syntax_check(source, *WARNING_FLAGS)
    assert result.returncode == 0, result.stderr


def _synthesis_code(text: str) -> str:
    """`text` without the branches synthesis never sees (`#ifndef __SYNTHESIS__` up to its
    `#else` or `#endif`): C-simulation helpers there may use files and strings."""
    kept, depth, skipping_from = [], 0, None
    for line in text.splitlines():
        directive = line.strip()
        if directive.startswith("#if"):
            depth += 1
            if skipping_from is None and re.match(
                r"#\s*(ifndef\s+__SYNTHESIS__|if\s+!\s*defined\s*\(?\s*__SYNTHESIS__)", directive
            ):
                skipping_from = depth
                continue
        elif directive.startswith("#endif"):
            depth -= 1
            if skipping_from is not None and depth < skipping_from:
                skipping_from = None
                continue
        elif directive.startswith("#else") and skipping_from == depth:
            skipping_from = None
            continue
        if skipping_from is None:
            kept.append(line)
    return "\n".join(kept)


@pytest.mark.parametrize("header", HEADERS)
def test_header_uses_no_heap_or_dynamic_containers(header: str) -> None:
    text = (harness.OUR_KERNELS / header).read_text()
    code = re.sub(r"//.*", "", _synthesis_code(text))
    forbidden = [
        r"\bnew\b",
        r"\bdelete\b",
        r"\bmalloc\b",
        r"\bfree\s*\(",
        r"std::vector",
        r"std::string",
        r"std::map",
        r"#include\s*<(vector|map|string|iostream)>",
    ]
    found = [pattern for pattern in forbidden if re.search(pattern, code)]
    assert not found, f"{header} uses {found}"


THREADED_PROGRAM = r"""
#include <thread>
#include <vector>
#include "nnet_activation.h"

typedef ap_fixed<10, 4> in_t;
typedef ap_fixed<16, 6> out_t;
struct sigmoid_cfg : nnet::activ_config { static const unsigned n_in = 1024; };
struct softmax_cfg : nnet::activ_config {
  static const unsigned n_in = 8, n_slice = 8, n_outer = 1, n_inner = 1;
  static const unsigned exp_table_size = 512, inv_table_size = 1024;
  static const nnet::softmax_implementation implementation = nnet::softmax_implementation::stable;
  static constexpr float exp_scale = 1.0;
  typedef ap_fixed<18, 8, AP_RND, AP_SAT> exp_table_t;
  typedef ap_fixed<18, 8, AP_RND, AP_SAT> inv_table_t;
  typedef ap_fixed<18, 8, AP_RND, AP_SAT> accum_t;
  typedef ap_fixed<18, 8, AP_RND, AP_SAT> inv_inp_t;
  typedef ap_ufixed<9, 3> inp_norm_t;
};

// Sum of the raw outputs of sigmoid over every input value and of softmax over shifted windows.
static long long run_all() {
  in_t x[1024];
  out_t y[1024];
  for (int i = 0; i < 1024; i++) x[i].range(9, 0) = i;
  nnet::sigmoid<in_t, out_t, sigmoid_cfg>(x, y);
  long long sum = 0;
  for (int i = 0; i < 1024; i++) sum += y[i].range(15, 0).to_int64();
  for (int start = 0; start + 8 <= 1024; start += 8) {
    nnet::softmax<in_t, out_t, softmax_cfg>(x + start, y);
    for (int i = 0; i < 8; i++) sum += y[i].range(15, 0).to_int64();
  }
  return sum;
}

int main() {
  std::vector<long long> sums(8);
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; t++) threads.emplace_back([&sums, t] { sums[t] = run_all(); });
  for (auto& thread : threads) thread.join();
  const long long expected = run_all();
  for (long long sum : sums) {
    if (sum != expected) return 1;
  }
  return 0;
}
"""


def test_tables_are_shared_safely_between_threads(tmp_path) -> None:
    source = tmp_path / "threads.cpp"
    source.write_text(THREADED_PROGRAM)
    exe = tmp_path / "threads"
    compiled = subprocess.run(
        [
            "g++",
            "-std=c++17",
            "-O1",
            "-pthread",
            "-w",
            "-I",
            str(harness.VENDOR_AP_TYPES),
            "-I",
            str(harness.OUR_KERNELS),
            str(source),
            "-o",
            str(exe),
        ],
        capture_output=True,
        text=True,
    )
    assert compiled.returncode == 0, compiled.stderr
    assert subprocess.run([str(exe)]).returncode == 0
