"""io_stream designs of the convolutional and shape layers: every Conv1D/2D, depthwise, separable,
pointwise, pooling, global pooling, padding, cropping, upsampling, permute and N-D concatenate of
test_conv_layers' and test_shape_layers' models, and the realistic stacks of
test_conv_models (slow tests), compute the bits of their io_parallel versions, layer by layer,
with our headers and the vendor's; a CNN gives hls4ml 1.3's io_stream bits for identical
explicit types; the FIFO sizing of a Conv -> pooling -> Dense chain equals its schedule worked
out by hand."""

import copy

import numpy as np
import pytest

keras = pytest.importorskip("keras")

import hlsnn  # noqa: E402
import test_conv_layers as conv_layers  # noqa: E402
import test_conv_models as conv_models  # noqa: E402
import test_shape_layers as shape_layers  # noqa: E402
from oracles import (  # noqa: E402
    as_list,
    assert_same_outputs,
    assert_same_traces,
    each_tools_listing,
    every_slot_explicit,
    hls4ml_and_hlsnn,
    with_vendor_headers,
)

L = keras.layers


def image_layers():
    model, names = conv_layers.image_model()
    config = conv_layers.layer_config(model, conv_layers.NARROW)
    return model, names, config, conv_layers.inputs_for(model, 3)


def sequence_layers():
    model, names = conv_layers.sequence_model()
    config = conv_layers.layer_config(model, conv_layers.NARROW)
    return model, names, config, conv_layers.inputs_for(model, 3)


def shape_zoo():
    model, names = shape_layers.zoo()
    return model, names, copy.deepcopy(shape_layers.CONFIG), shape_layers.grid_inputs(model, 1)


def realistic(name):
    def build():
        model = conv_models.MODELS[name]()
        config = {"Model": {"Precision": {"default": "fixed<24,10>"}, "ReuseFactor": 1}}
        # Softmax addresses its tables with the top bits of its input: narrow logits.
        config["LayerName"] = {"output": {"Precision": {"result": "fixed<16,6>"}}}
        return model, list(model.output_names), config, conv_models.inputs_for(model)[:16]

    return build


MODELS = {
    "image": image_layers,
    "sequence": sequence_layers,
    "shapes": shape_zoo,
    "keyword_spotting": realistic("keyword_spotting"),
    "depthwise_separable": realistic("depthwise_separable"),
}


def convert(model, directory, config, io_type="io_stream"):
    return hlsnn.converters.convert_from_keras_model(
        model, output_dir=str(directory), hls_config=copy.deepcopy(config), io_type=io_type
    )


# The realistic stacks add no layer the layer models lack: slow tests, outside CI.
SLOW_MODELS = {"keyword_spotting", "depthwise_separable"}


@pytest.fixture(
    scope="module",
    params=[
        pytest.param(name, marks=[pytest.mark.slow] if name in SLOW_MODELS else [])
        for name in MODELS
    ],
    ids=str,
)
def both_designs(request, tmp_path_factory):
    """Each model converted once as io_stream and once as io_parallel."""
    model, names, config, x = MODELS[request.param]()
    directory = tmp_path_factory.mktemp(f"stream_{request.param}")
    stream = convert(model, directory / "stream", config)
    parallel = convert(model, directory / "parallel", config, io_type="io_parallel")
    return names, stream, parallel, x


def test_every_layer_streams_the_bits_of_its_parallel_version(both_designs):
    names, stream, parallel, x = both_designs
    ours, ours_traced = stream.trace(x)
    theirs, theirs_traced = parallel.trace(x)
    ours, theirs = as_list(ours), as_list(theirs)
    assert_same_outputs(names, ours, theirs)
    for name, mine in zip(names, ours):
        assert np.std(mine) > 0, name
    assert_same_traces(ours_traced, theirs_traced)


def test_stream_design_gives_the_same_bits_with_the_vendor_headers(both_designs):
    names, stream, _, x = both_designs
    ours = as_list(stream.predict(x))
    theirs = as_list(with_vendor_headers(stream, stream.predict, x))
    assert_same_outputs(names, ours, theirs)


def small_cnn():
    """8x8x2 -> Conv2D 'same' (hls4ml inserts a ZeroPadding2D before it in io_stream) with ReLU
    -> MaxPooling2D -> DepthwiseConv2D -> AveragePooling2D -> Flatten -> Dense 3."""
    keras.utils.set_random_seed(41)
    x = keras.Input((8, 8, 2), name="image")
    y = L.Conv2D(4, 3, padding="same", activation="relu", name="conv")(x)
    y = L.MaxPooling2D(2, name="max_pool")(y)
    y = L.DepthwiseConv2D(2, name="depthwise")(y)
    y = L.AveragePooling2D(3, name="avg_pool")(y)
    y = L.Dense(3, name="dense")(L.Flatten(name="flatten")(y))
    return keras.Model(x, y)


def test_bit_identical_to_hls4ml_io_stream(tmp_path):
    model = small_cnn()
    theirs, ours = hls4ml_and_hlsnn(
        model, tmp_path, each_tools_listing(model, every_slot_explicit), io_type="io_stream"
    )
    x = np.ascontiguousarray(np.random.default_rng(6).uniform(-2, 2, (100, 8, 8, 2)))
    mine = ours.predict(x)
    assert np.std(mine) > 0.05
    np.testing.assert_array_equal(mine, theirs.predict(x).reshape(mine.shape))


def chain_model():
    """x (8, 2) -> Conv1D 3 filters of width 3 (6 pixels) -> MaxPooling1D 2 (3 pixels) ->
    Flatten -> Dense 2: the chain whose one-sample schedule is worked out below."""
    keras.utils.set_random_seed(42)
    x = keras.Input((8, 2), name="x")
    y = L.Conv1D(3, 3, name="conv")(x)
    y = L.MaxPooling1D(2, name="pool")(y)
    return keras.Model(x, L.Dense(2, name="dense")(L.Flatten(name="flat")(y)))


def test_fifo_sizing_of_a_conv_pool_dense_chain_equals_the_hand_computed_schedule(tmp_path):
    """Figures of src/backend/stream_timing.cpp at reuse factor 1: conv latency 1 + log2(6 taps)
    + 2 = 6, pool 1 + 1 = 2, dense 1 + log2(9) + 2 = 7; every read and write interval 1.
    The caller writes x's 8 pixels at cycles 0-7. conv reads them at 1-8 and writes output pixel
    k (after reading pixel k + 2) at 9 + k, cycles 9-14. pool reads those at 10-15 and writes
    after each second read: 11 + 2 = 13, 13 + 2 = 15, 15 + 2 = 17. dense reads at 14, 16, 18 and
    writes at 25; the caller drains it at 26: 27 cycles. The conv FIFO holds a word from its
    write to the cycle after: two at once (written at 10, the one of 9 read at 10), the pool
    FIFO one."""
    model = chain_model()
    config = {"Model": {"Precision": {"default": "fixed<24,8>"}, "ReuseFactor": 1}}
    design = convert(model, tmp_path / "chain", config)
    design.compile()
    report = design.fifo_report(samples=1)
    fifos = {f["name"]: f for f in report["fifos"]}
    assert [(f["producer"], f["consumer"]) for f in report["fifos"]] == [
        ("conv", "pool"),
        ("pool", "dense"),
    ]
    assert [(f["words"], f["depth"], f["needed"]) for f in fifos.values()] == [(6, 6, 2), (3, 3, 1)]
    assert report["cycles_unbounded"] == 27 and report["cycles"] == 27
    assert not report["deadlock"]
