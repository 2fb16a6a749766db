"""The two references a compiled project is checked against besides Keras, shared by the test
modules: the vendor's ap types headers (a project is plain HLS C++, so compiled against them it
must compute the bits it computes against ours) and hls4ml 1.3 (given the same explicit types,
the same bits). Both ship in the Keras 2 environment only; elsewhere their tests skip."""

import importlib.util
from pathlib import Path

import hlsnn
import numpy as np
import pytest

KERAS_2_ONLY = "hls4ml 1.3 is installed in the Keras 2 environment only"


def vendor_ap_types():
    """The vendor's C-simulation headers inside the hls4ml wheel, found without importing it;
    None where hls4ml is not installed."""
    spec = importlib.util.find_spec("hls4ml")
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent / "templates" / "vivado" / "ap_types"


def with_vendor_headers(hls_model, run, *args):
    """run(*args)'s result with hls_model compiled against the vendor's ap types; the model is
    compiled back against ours afterwards (module fixtures share it). Skips without the vendor
    headers."""
    vendor = vendor_ap_types()
    if vendor is None:
        pytest.skip("the vendor headers ship in the hls4ml wheel, installed in .venv-keras2 only")
    try:
        hls_model.compile(ap_types_dir=vendor)
        return run(*args)
    finally:
        hls_model.compile(ap_types_dir=hlsnn.hls_include_dir())


def as_list(predicted):
    """predict's outputs as a list, one entry per model output."""
    return predicted if isinstance(predicted, list) else [predicted]


def assert_same_outputs(names, ours, theirs):
    """Each output, named by names, bit for bit the same."""
    for name, mine, reference in zip(names, ours, theirs):
        np.testing.assert_array_equal(mine, reference, err_msg=name)


def assert_same_traces(ours, theirs):
    """Two traces with the same layers in the same order, each bit for bit the same."""
    assert list(ours) == list(theirs)
    for name in ours:
        np.testing.assert_array_equal(ours[name], theirs[name], err_msg=name)


def every_slot_explicit(config, explicit="fixed<18,7>"):
    """config (a config_from_keras_model listing) with the default and every listed slot of every
    layer set to explicit: neither tool infers a type."""
    config["Model"]["Precision"] = {"default": explicit}
    for layer in config["LayerName"].values():
        layer["Precision"] = dict.fromkeys(layer["Precision"], explicit)
    return config


def each_tools_listing(model, set_types):
    """A make_config for hls4ml_and_hlsnn: the tool's own config_from_keras_model(model,
    granularity="name") listing passed through set_types."""
    return lambda tool: set_types(tool.utils.config_from_keras_model(model, granularity="name"))


def hls4ml_and_hlsnn(model, directory, make_config, **convert_options):
    """model converted by hls4ml 1.3 (compiled) and by hlsnn into directory/hls4ml and
    directory/hlsnn, each with make_config(tool)'s hls_config (one call per tool: hls4ml adds keys
    to the dict it is given). Skips outside the Keras 2 environment."""
    keras = pytest.importorskip("keras")
    if int(keras.__version__.split(".")[0]) != 2:
        pytest.skip(KERAS_2_ONLY)
    reference = pytest.importorskip("hls4ml")
    theirs = reference.converters.convert_from_keras_model(
        model,
        output_dir=str(directory / "hls4ml"),
        hls_config=make_config(reference),
        **convert_options,
    )
    theirs.compile()
    ours = hlsnn.converters.convert_from_keras_model(
        model,
        output_dir=str(directory / "hlsnn"),
        hls_config=make_config(hlsnn),
        **convert_options,
    )
    return theirs, ours
