"""hls/nnet_utils is bit-identical to hls4ml 1.3's kernels for identical types and configs.

Every group of cases is one C++ program holding both libraries, built against the vendor ap types
(see harness.py). Our own ap types are checked by building the same cases with our kernels only
and requiring the same output digests; HLSNN_NNET_AP_TYPES selects them: `vendor` (never),
`ours`/`both` (always) or `auto` (the default: when hls/ap_types/ap_fixed.h compiles).
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import cases_activation
import cases_layers
import kernel_harness as harness
import pytest
from kernel_harness import Case

GROUPS = {
    "dense": cases_layers.dense_cases,
    "batchnorm_merge": lambda: cases_layers.batchnorm_cases() + cases_layers.merge_cases(),
    "activation": cases_activation.elementwise_cases,
    "activation_table": cases_activation.table_cases,
    "softmax": cases_activation.softmax_cases,
}

_AP_TYPES_CHOICE = os.environ.get("HLSNN_NNET_AP_TYPES", "auto")
CHECK_OUR_AP_TYPES = _AP_TYPES_CHOICE in ("ours", "both") or (
    _AP_TYPES_CHOICE == "auto" and harness.our_ap_types_compile()
)
_results: dict[str, dict[str, harness.RunResult]] = {}


def _results_for(library: str) -> dict[str, harness.RunResult]:
    """Builds and runs every group for one library, in parallel, once per session: `vendor`
    compares against the reference, `ours` runs our kernels on our ap types."""
    if library not in _results:
        ap_types = harness.VENDOR_AP_TYPES if library == "vendor" else harness.OUR_AP_TYPES
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
            futures = {
                group: pool.submit(
                    harness.build_and_run,
                    f"{group}_{library}",
                    make(),
                    ap_types,
                    with_reference=library == "vendor",
                )
                for group, make in GROUPS.items()
            }
            _results[library] = {group: future.result() for group, future in futures.items()}
    return _results[library]


@pytest.mark.parametrize("group", list(GROUPS))
def test_kernels_match_reference(group: str) -> None:
    result = _results_for("vendor")[group]
    assert result.returncode == 0, f"{group}:\n{result.output}"
    assert len(result.digests) == len(GROUPS[group]())


@pytest.mark.skipif(not CHECK_OUR_AP_TYPES, reason="hls/ap_types/ap_fixed.h does not compile yet")
@pytest.mark.parametrize("group", list(GROUPS))
def test_kernels_on_our_ap_types_give_reference_outputs(group: str) -> None:
    vendor = _results_for("vendor")[group]
    ours = _results_for("ours")[group]
    assert ours.returncode == 0, f"{group} on hls/ap_types:\n{ours.output}"
    differing = sorted(
        name for name in vendor.digests if ours.digests.get(name) != vendor.digests[name]
    )
    assert not differing, f"outputs on hls/ap_types differ from the reference's in: {differing}"


def test_harness_reports_a_difference() -> None:
    """The harness fails when the two kernels disagree (here relu against linear)."""
    t = harness.fixed(8, 3)
    rows = t.every_value().reshape(-1, 16)
    picker = "#define KERNEL_nnet_ref linear\n#define KERNEL_nnet relu"
    case = Case(
        name="relu_vs_linear",
        base="activ_config",
        config_after=picker,
        config="static const unsigned n_in = 16;",
        call="{ns}::KERNEL_{ns}<" + f"{t.cpp}, {t.cpp}" + ", {cfg}>({in0}, {out});",
        inputs=[(t, rows)],
        out_type=t,
        out_size=16,
    )
    result = harness.build_and_run("selftest", [case], harness.VENDOR_AP_TYPES)
    assert result.returncode == 1 and "MISMATCH relu_vs_linear" in result.output
