"""Differential harness: our nnet_utils kernels against hls4ml 1.3's, in one C++ program per group.

Both libraries live in one translation unit: the reference headers are included with the macro
`nnet` renamed to `nnet_ref`, ours after it. Every case declares the same config body twice (once
deriving from each library's base struct), runs both kernels on the same exact inputs and exits
non-zero on the first differing output bit. It also prints a digest of the outputs per case so that
runs against different ap_types implementations can be compared with each other. Built without
the reference (`with_reference=False`), a program runs only our kernels and prints the digests:
that is how our own ap types are checked, independently of whether hls4ml's code compiles on them.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[2]
OUR_KERNELS = REPO / "hls" / "nnet_utils"
OUR_AP_TYPES = REPO / "hls" / "ap_types"


def _hls4ml_templates() -> Path:
    """The reference kernels and vendor headers ship in the hls4ml package of the running
    environment; found without importing hls4ml (which would import TensorFlow)."""
    spec = importlib.util.find_spec("hls4ml")
    if spec is None or spec.origin is None:
        raise RuntimeError(
            "hls4ml is not installed in this Python environment; scripts/setup.sh installs "
            "hls4ml==1.3.0 into .venv-keras2"
        )
    return Path(spec.origin).parent / "templates" / "vivado"


HLS4ML_TEMPLATES = _hls4ml_templates()
REF_KERNELS = HLS4ML_TEMPLATES / "nnet_utils"
VENDOR_AP_TYPES = HLS4ML_TEMPLATES / "ap_types"
BUILD_DIR = Path(os.environ.get("HLSNN_NNET_TEST_BUILD", "/tmp/hlsnn_nnet_utils_tests"))
CXX_FLAGS = ["-std=c++17", "-O1", "-DNDEBUG", "-w"]


@dataclass(frozen=True)
class Fixed:
    """An ap_[u]fixed or ap_[u]int type; its values are exact doubles (width <= 53)."""

    width: int
    integer: int
    signed: bool = True
    rounding: str = ""
    overflow: str = ""
    is_int: bool = False

    @property
    def cpp(self) -> str:
        if self.is_int:
            return f"ap_{'' if self.signed else 'u'}int<{self.width}>"
        modes = [self.rounding or "AP_TRN", self.overflow] if self.overflow else [self.rounding]
        modes = "".join(f", {m}" for m in modes if m)
        return f"ap_{'' if self.signed else 'u'}fixed<{self.width}, {self.integer}{modes}>"

    @property
    def step(self) -> float:
        return 2.0 ** (self.integer - self.width)

    @property
    def raw_range(self) -> tuple[int, int]:
        if self.signed:
            return -(2 ** (self.width - 1)), 2 ** (self.width - 1) - 1
        return 0, 2**self.width - 1

    def uniform(self, rng: np.random.Generator, n: int) -> np.ndarray:
        """Values drawn uniformly over the whole representable range."""
        lo, hi = self.raw_range
        return rng.integers(lo, hi + 1, n).astype(np.float64) * self.step

    def normal(self, rng: np.random.Generator, n: int, sigma: float) -> np.ndarray:
        """Normally distributed values rounded to the type's grid and clipped to its range."""
        lo, hi = self.raw_range
        raw = np.clip(np.round(rng.normal(0.0, sigma, n) / self.step), lo, hi)
        return raw * self.step

    def every_value(self) -> np.ndarray:
        lo, hi = self.raw_range
        return np.arange(lo, hi + 1, dtype=np.float64) * self.step


def fixed(width: int, integer: int, *modes: str) -> Fixed:
    return Fixed(width, integer, True, *modes)


def ufixed(width: int, integer: int, *modes: str) -> Fixed:
    return Fixed(width, integer, False, *modes)


def apint(width: int, signed: bool = True) -> Fixed:
    return Fixed(width, width, signed, is_int=True)


@dataclass
class Case:
    """One kernel call compared between the two libraries over several samples.

    `config` is the struct body with `{ns}` for the library namespace; `base` its base struct
    (empty for none); `config_after` out-of-line definitions, formatted with `{ns}` and `{cfg}`;
    `ref_only` members only the reference needs (its `kernel` alias).
    `call` is formatted with `{ns}`, `{cfg}`, `in0`.., `p0`.. and `{out}`.
    `inputs` holds one (type, array of shape [samples, size]) per input, `params` one (type,
    1-D array) per constant array shared by all samples.
    """

    name: str
    call: str
    inputs: list[tuple[Fixed, np.ndarray]]
    out_type: Fixed | str
    out_size: int
    config: str = ""
    base: str = ""
    config_after: str = ""
    ref_only: str = ""
    params: list[tuple[Fixed, np.ndarray]] = field(default_factory=list)


def _literal_array(values: np.ndarray) -> str:
    return "{" + ",".join(repr(float(v)) for v in np.ravel(values)) + "}"


def _type_cpp(t: Fixed | str) -> str:
    return t if isinstance(t, str) else t.cpp


INCLUDES = """\
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <map>
#include <sstream>
#include <vector>
#include "ap_fixed.h"
#include "ap_int.h"
#include "hls_stream.h"
"""

REFERENCE_INCLUDES = """\
#define nnet nnet_ref
#include "REF/nnet_dense.h"
#include "REF/nnet_batchnorm.h"
#include "REF/nnet_activation.h"
#include "REF/nnet_merge.h"
#undef nnet
"""

OUR_INCLUDES = """\
#include "OURS/nnet_dense.h"
#include "OURS/nnet_batchnorm.h"
#include "OURS/nnet_activation.h"
#include "OURS/nnet_merge.h"
#include "OURS/nnet_helpers.h"

// FNV-1a over the IEEE bits of each output's exact double value.
struct Digest {
  uint64_t state = 1469598103934665603ull;
  void add(double v) {
    uint64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    for (int k = 0; k < 8; k++) { state ^= (bits >> (8 * k)) & 0xff; state *= 1099511628211ull; }
  }
};
"""


MISMATCH_CHECK = """\
      if (ref_out[i] != our_out[i]) {{
        std::printf("MISMATCH {name}: sample %d output %d: reference %.17g, ours %.17g\\n", s, i,
                    ref_out[i].to_double(), our_out[i].to_double());
        return false;
      }}"""


def _case_source(index: int, case: Case, with_reference: bool) -> str:
    cfg = f"cfg{index}"
    lines = [f"// {case.name}"]
    libraries = [("nnet", "our_cfg")]
    if with_reference:
        libraries.insert(0, ("nnet_ref", "ref_cfg"))
    for ns, space in libraries:
        base = f" : {ns}::{case.base}" if case.base else ""
        body = case.config.format(ns=ns) + (case.ref_only if ns == "nnet_ref" else "")
        lines.append(f"namespace {space} {{ struct {cfg}{base} {{ {body} }}; }}")
        if case.config_after:
            lines.append(case.config_after.format(ns=ns, cfg=f"{space}::{cfg}"))
    samples = case.inputs[0][1].shape[0]
    out_t = _type_cpp(case.out_type)
    lines.append(f"static bool case{index}() {{")
    lines.append(f"  const int samples = {samples};")
    for k, (t, values) in enumerate(case.inputs):
        lines.append(f"  static const double in{k}_values[] = {_literal_array(values)};")
        lines.append(f"  {t.cpp} in{k}[{values.shape[1]}];")
    for k, (t, values) in enumerate(case.params):
        lines.append(f"  static const double p{k}_values[] = {_literal_array(values)};")
        lines.append(f"  static {t.cpp} p{k}[{values.size}];")
        lines.append(
            f"  for (int i = 0; i < {values.size}; i++) p{k}[i] = {t.cpp}(p{k}_values[i]);"
        )
    lines.append(f"  {out_t} ref_out[{case.out_size}], our_out[{case.out_size}];")
    lines.append("  Digest digest;")
    lines.append("  for (int s = 0; s < samples; s++) {")
    for k, (t, values) in enumerate(case.inputs):
        size = values.shape[1]
        load = f"in{k}[i] = {t.cpp}(in{k}_values[s * {size} + i]);"
        lines.append(f"    for (int i = 0; i < {size}; i++) {load}")
    names = {f"in{k}": f"in{k}" for k in range(len(case.inputs))}
    names.update({f"p{k}": f"p{k}" for k in range(len(case.params))})
    for ns, space in libraries:
        out = "ref_out" if ns == "nnet_ref" else "our_out"
        lines.append("    " + case.call.format(ns=ns, cfg=f"{space}::{cfg}", out=out, **names))
    lines.append(f"    for (int i = 0; i < {case.out_size}; i++) {{")
    lines.append("      digest.add(our_out[i].to_double());")
    if with_reference:
        lines.append(MISMATCH_CHECK.format(name=case.name))
    lines.append("    }")
    lines.append("  }")
    lines.append(
        f'  std::printf("DIGEST {case.name} %016llx\\n", (unsigned long long)digest.state);'
    )
    lines.append("  return true;")
    lines.append("}")
    return "\n".join(lines)


def program_source(cases: list[Case], with_reference: bool) -> str:
    reference = REFERENCE_INCLUDES.replace("REF", str(REF_KERNELS)) if with_reference else ""
    prelude = INCLUDES + reference + OUR_INCLUDES.replace("OURS", str(OUR_KERNELS))
    bodies = [_case_source(k, c, with_reference) for k, c in enumerate(cases)]
    calls = " ".join(f"ok = case{k}() && ok;" for k in range(len(cases)))
    main = f"int main() {{ bool ok = true; {calls} return ok ? 0 : 1; }}"
    return "\n\n".join([prelude, *bodies, main]) + "\n"


@dataclass
class RunResult:
    returncode: int
    output: str
    digests: dict[str, str]


def _headers_fingerprint(ap_types: Path) -> bytes:
    """Everything besides the program source that the executable depends on."""
    digest = hashlib.sha256(" ".join(CXX_FLAGS).encode())
    for folder in (OUR_KERNELS, ap_types):
        for header in sorted(folder.rglob("*.h")):
            digest.update(str(header).encode() + header.read_bytes())
    return digest.digest()


def build_and_run(
    group: str, cases: list[Case], ap_types: Path, with_reference: bool = True
) -> RunResult:
    """Compiles the group's program against `ap_types` (cached by source hash) and runs it."""
    source = program_source(cases, with_reference)
    key = hashlib.sha256(source.encode() + _headers_fingerprint(ap_types)).hexdigest()[:16]
    BUILD_DIR.mkdir(parents=True, exist_ok=True)
    cpp = BUILD_DIR / f"{group}_{key}.cpp"
    exe = BUILD_DIR / f"{group}_{key}"
    if not exe.exists():
        cpp.write_text(source)
        compile_cmd = ["g++", *CXX_FLAGS, "-I", str(ap_types), str(cpp), "-o", str(exe)]
        compiled = subprocess.run(compile_cmd, capture_output=True, text=True)
        if compiled.returncode != 0:
            return RunResult(compiled.returncode, "compile failed:\n" + compiled.stderr[-6000:], {})
    ran = subprocess.run([str(exe)], capture_output=True, text=True, timeout=300)
    digests = {}
    for line in ran.stdout.splitlines():
        if line.startswith("DIGEST "):
            _, name, value = line.split(" ")
            digests[name] = value
    return RunResult(ran.returncode, ran.stdout + ran.stderr, digests)


def our_ap_types_compile() -> bool:
    """True when hls/ap_types provides an ap_fixed.h that compiles on its own."""
    header = OUR_AP_TYPES / "ap_fixed.h"
    if not header.exists():
        return False
    probe = subprocess.run(
        ["g++", "-std=c++17", "-fsyntax-only", "-I", str(OUR_AP_TYPES), "-x", "c++", "-"],
        input='#include "ap_fixed.h"\n#include "ap_int.h"\nint main() { return 0; }\n',
        capture_output=True,
        text=True,
    )
    return probe.returncode == 0
