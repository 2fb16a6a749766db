"""Bit-exactness of our ap_int/ap_fixed emulation against the vendor headers (see harness.py)."""

from __future__ import annotations

from pathlib import Path

import harness
import pytest


def test_ours_matches_vendor_bit_for_bit(tmp_path: Path) -> None:
    config = harness.DiffConfig.from_environment()
    # Printed up front so that a failing or interrupted run can be reproduced.
    print(f"\nap_types differential test: {config.reproduction_hint()}")
    try:
        our_dir = harness.locate_our_headers()
        vendor_dir = harness.locate_vendor_headers()
        result = harness.run_differential(our_dir, vendor_dir, config, tmp_path)
    except harness.HarnessError as error:
        pytest.fail(f"{error}\n(reproduce with {config.reproduction_hint()})", pytrace=False)
    print(result.summary())
    if config.scale >= 1:
        # The CI floor promised by this suite: >= 200 type combinations, >= 1M value cases.
        assert len(result.combos) >= 200 and result.value_cases >= 1_000_000, result.summary()
    if not result.passed:
        pytest.fail(result.report(), pytrace=False)
