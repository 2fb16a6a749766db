"""The installed Python package: the extension loads and the emulation headers ship with it."""

import subprocess
import sys

import hlsnn


def test_extension_version_matches_package_metadata():
    from importlib.metadata import version

    assert hlsnn.__version__ == version("hlsnn")


def test_emulation_headers_ship_with_the_package():
    include_dir = hlsnn.hls_include_dir()
    for header in ("ap_int.h", "ap_fixed.h", "hls_stream.h"):
        assert (include_dir / header).is_file(), f"{header} missing from {include_dir}"


def test_import_does_not_pull_in_tensorflow_or_keras():
    code = "import sys, hlsnn; print(any(m in sys.modules for m in ('tensorflow', 'keras')))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
