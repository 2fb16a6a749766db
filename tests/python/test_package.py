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


def run_python(code):
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)


def test_import_does_not_pull_in_tensorflow_or_keras():
    result = run_python(
        "import sys, hlsnn, hlsnn.converters, hlsnn.utils, hlsnn.model.profiling\n"
        "print(sorted(m for m in ('tensorflow', 'keras', 'tf_keras') if m in sys.modules))"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


# Makes `import keras` / `import tensorflow` fail as on a machine without them.
BLOCK_KERAS = """
import sys
class NoKeras:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('keras', 'tensorflow', 'tf_keras'):
            raise ImportError(f'No module named {name!r}')
sys.meta_path.insert(0, NoKeras())
"""


def test_keras_features_without_keras_say_what_to_install():
    result = run_python(
        BLOCK_KERAS
        + "import hlsnn\n"
        + "from hlsnn.model.profiling import get_ymodel_keras\n"
        + "calls = [lambda: hlsnn.utils.config_from_keras_model(object()),\n"
        + "         lambda: hlsnn.converters.convert_from_keras_model(object()),\n"
        + "         lambda: get_ymodel_keras(object(), [[0.0]])]\n"
        + "for call in calls:\n"
        + "    try:\n"
        + "        call()\n"
        + "    except ImportError as error:\n"
        + "        print(error)\n"
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 3, result.stdout
    for line in lines:
        assert "install 'keras'" in line and "'tensorflow'" in line, line
