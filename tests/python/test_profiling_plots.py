"""hls4ml.model.profiling.numerical and compare on a real Keras model and its conversion: the
figures show the right rows, the right data and the bands of the configured types."""

import math

import numpy as np
import pytest

keras = pytest.importorskip("keras")
matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

import hlsnn as hls4ml  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
from hlsnn._profiling_plots import relative_difference  # noqa: E402
from hlsnn.model.profiling import get_ymodel_keras  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

CONFIG = {
    "Model": {"Precision": {"default": "fixed<16,6>"}, "ReuseFactor": 1, "Strategy": "Latency"},
    "LayerName": {"hidden": {"Precision": {"weight": "fixed<8,2>", "result": "fixed<12,5>"}}},
}


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    keras.utils.set_random_seed(3)
    model = keras.Sequential(
        [
            keras.Input((6,), name="x"),
            keras.layers.Dense(8, activation="relu", name="hidden"),
            keras.layers.Dense(3, name="out"),
        ]
    )
    rng = np.random.default_rng(5)  # non-zero biases: zeros have no place on a log axis
    model.set_weights([rng.normal(0, 0.5, w.shape) for w in model.get_weights()])
    hls_model = hls4ml.converters.convert_from_keras_model(
        model, output_dir=str(tmp_path_factory.mktemp("profiling") / "prj"), hls_config=CONFIG
    )
    x = np.random.default_rng(4).uniform(-2, 2, (200, 6))
    yield model, hls_model, x
    plt.close("all")


def row_labels(figure):
    return [label.get_text() for label in figure.axes[0].get_yticklabels()]


def bands(figure):
    return [
        (patch.get_x(), patch.get_x() + patch.get_width())
        for patch in figure.axes[0].patches
        if isinstance(patch, Rectangle) and patch.get_alpha() == 0.25
    ]


def test_numerical_gives_four_figures_with_a_row_per_weight_and_layer(converted):
    model, hls_model, x = converted
    wp, wph, ap, aph = hls4ml.model.profiling.numerical(model=model, hls_model=hls_model, X=x)
    assert row_labels(wp) == ["hidden/kernel", "hidden/bias", "out/kernel", "out/bias"]
    assert row_labels(wph) == ["hidden/weight", "hidden/bias", "out/weight", "out/bias"]
    traced = list(hls_model.trace(x)[1])
    assert row_labels(aph) == traced
    assert row_labels(ap) == [name for name in get_ymodel_keras(model, x) if name in traced]


def test_the_bands_are_the_configured_types(converted):
    _, hls_model, _ = converted
    _, wph, _, _ = hls4ml.model.profiling.numerical(hls_model=hls_model)
    # fixed<8,2>: LSB 2^-6, magnitudes up to 2 (-2 is its minimum); fixed<16,6>: 2^-10 to 32.
    expected = [(-6, 1), (-10, 5), (-10, 5), (-10, 5)]
    assert sorted(bands(wph)) == sorted(expected)


def test_the_boxes_span_the_weights_magnitudes(converted):
    model, hls_model, _ = converted
    _, wph, _, _ = hls4ml.model.profiling.numerical(hls_model=hls_model)
    kernel = np.abs(model.get_layer("hidden").get_weights()[0]).ravel()
    whiskers = [line.get_xdata() for line in wph.axes[0].lines if len(line.get_xdata()) == 2]
    extremes = {round(float(value), 9) for xdata in whiskers for value in xdata}
    assert round(math.log2(kernel.min()), 9) in extremes
    assert round(math.log2(kernel.max()), 9) in extremes


def test_only_what_the_arguments_allow_is_drawn(converted):
    model, hls_model, x = converted
    assert [f is None for f in hls4ml.model.profiling.numerical(hls_model=hls_model)] == [
        True,
        False,
        True,
        True,
    ]
    assert [f is None for f in hls4ml.model.profiling.numerical(model=model, X=x)] == [
        False,
        True,
        False,
        True,
    ]


@pytest.mark.parametrize("plot", ["histogram", "violinplot"])
def test_other_plot_kinds(converted, plot):
    model, hls_model, x = converted
    figures = hls4ml.model.profiling.numerical(model=model, hls_model=hls_model, X=x, plot=plot)
    assert all(figure is not None for figure in figures)


def test_an_unknown_plot_kind_is_a_value_error_listing_the_kinds(converted):
    _, hls_model, _ = converted
    with pytest.raises(ValueError, match="'boxplot', 'violinplot', 'histogram'"):
        hls4ml.model.profiling.numerical(hls_model=hls_model, plot="FacetGrid")
    with pytest.raises(ValueError, match="'dist_diff', 'norm_diff'"):
        hls4ml.model.profiling.compare(None, hls_model, None, plot_type="bars")


def test_compare_norm_diff_bars_are_the_norms_of_the_differences(converted):
    model, hls_model, x = converted
    figure = hls4ml.model.profiling.compare(model, hls_model, x, plot_type="norm_diff")
    heights = [patch.get_height() for patch in figure.axes[0].patches]
    expected = get_ymodel_keras(model, x)
    traced = hls_model.trace(x)[1]
    names = [name for name in traced if name in expected]
    assert [label.get_text() for label in figure.axes[0].get_xticklabels()] == names
    norms = [
        np.linalg.norm(traced[n].ravel() - expected[n].astype(np.float64).ravel()) for n in names
    ]
    np.testing.assert_allclose(heights, norms)
    assert max(norms) > 0  # fixed<16,6> and fixed<12,5> are not float32


def test_compare_dist_diff_draws_a_box_per_layer(converted):
    model, hls_model, x = converted
    figure = hls4ml.model.profiling.compare(model, hls_model, x)
    assert len(figure.axes[0].get_xticklabels()) == len(hls_model.trace(x[:1])[1])


def test_relative_difference_is_capped_at_one():
    ours = np.array([1.0, 1.5, 0.0, 3.0, 2.0])
    keras_values = np.array([1.0, 1.0, 0.0, 0.0, -2.0])
    np.testing.assert_array_equal(relative_difference(ours, keras_values), [0, 0.5, 0, 1, 1])


def test_compare_holds_a_dense_with_a_folded_batchnorm_against_the_batchnorm(tmp_path):
    keras.utils.set_random_seed(6)
    model = keras.Sequential(
        [
            keras.Input((5,), name="x"),
            keras.layers.Dense(4, name="dense"),
            keras.layers.BatchNormalization(name="bn"),
            keras.layers.Activation("relu", name="relu"),
        ]
    )
    rng = np.random.default_rng(7)
    bn = model.get_layer("bn")
    bn.set_weights([rng.uniform(0.5, 2, 4), rng.normal(0, 1, 4), rng.normal(0, 1, 4), np.ones(4)])
    config = hls4ml.utils.config_from_keras_model(model, granularity="name")
    hls_model = hls4ml.converters.convert_from_keras_model(
        model, output_dir=str(tmp_path / "prj"), hls_config=config
    )
    x = rng.uniform(-1, 1, (100, 5))
    traced = hls_model.trace(x)[1]
    assert "bn" not in traced  # folded into the Dense
    figure = hls4ml.model.profiling.compare(model, hls_model, x, plot_type="norm_diff")
    labels = [label.get_text() for label in figure.axes[0].get_xticklabels()]
    heights = dict(zip(labels, (patch.get_height() for patch in figure.axes[0].patches)))
    expected = get_ymodel_keras(model, x)
    against_bn = np.linalg.norm(traced["dense"].ravel() - expected["bn"].ravel())
    assert heights["dense"] == pytest.approx(against_bn)
    assert against_bn < 0.1 * np.linalg.norm(traced["dense"].ravel() - expected["dense"].ravel())
