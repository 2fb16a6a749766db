"""Figures for choosing types (hls4ml.model.profiling.numerical and compare): the magnitudes each
layer's weights and outputs take, on a log2 axis, against the range its type can hold.

A type holds magnitudes from its LSB (smaller values round to zero or lose precision) up to its
largest value (larger ones overflow): that band is drawn behind each row. matplotlib is imported on
use only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

PLOTS = ("boxplot", "violinplot", "histogram")
COMPARISONS = ("dist_diff", "norm_diff")

# Keras weight names and the converted layer's slot holding the same array.
_KERAS_TO_SLOT = {"kernel": "weight", "bias": "bias"}


@dataclass
class Row:
    """One distribution to draw: its label, the values and the band of the type holding them."""

    label: str
    values: np.ndarray
    band: tuple[float, float] | None  # log2 of (LSB, largest magnitude)


def type_band(precision) -> tuple[float, float] | None:
    """log2 of the smallest and largest non-zero magnitudes a type (as the core describes it:
    {type, lsb, min, max}) holds; None for an undecided type."""
    if precision is None:
        return None
    largest = max(abs(precision["min"]), abs(precision["max"]))
    return math.log2(precision["lsb"]), math.log2(largest)


def log2_magnitudes(values) -> np.ndarray:
    """log2 |x| of the non-zero, finite values (zeros have no place on a log axis)."""
    flat = np.abs(np.asarray(values, dtype=np.float64).ravel())
    return np.log2(flat[(flat > 0) & np.isfinite(flat)])


def _pyplot():
    try:
        import matplotlib.pyplot as plt
    except ImportError as error:
        raise ImportError(
            "hlsnn's profiling plots need matplotlib: pip install 'hlsnn[plots]' or matplotlib"
        ) from error
    return plt


def _check_choice(value, choices, argument):
    if value not in choices:
        raise ValueError(f"{argument}={value!r} is not one of {', '.join(map(repr, choices))}")


def numerical(model=None, hls_model=None, X=None, plot="boxplot"):
    """(weights of the Keras model, weights of the converted model, outputs of the Keras model,
    outputs of the converted model) as figures of log2 |x| per layer, each with its type's band
    when `hls_model` gives one. A figure the arguments do not allow is None: the Keras ones need
    `model`, the converted ones `hls_model`, the outputs `X`. The converted model's weights are
    those it writes (BatchNorm folded, activations split); its outputs come from trace(X)."""
    _check_choice(plot, PLOTS, "plot")
    summaries = [] if hls_model is None else hls_model._core.layers
    layers = {layer["name"]: layer for layer in summaries}
    result_bands = {name: type_band(layer["result"]) for name, layer in layers.items()}
    # A Keras output is held in the type of the converted layer that computes it (a Dense with a
    # BatchNormalization folded in computes the BatchNormalization's output).
    keras_result_bands = {layer["keras_output"]: type_band(layer["result"]) for layer in summaries}

    figures = [None, None, None, None]
    if model is not None:
        figures[0] = _draw(_keras_weight_rows(model, layers), plot, "Keras model: weights")
    if hls_model is not None:
        figures[1] = _draw(_converted_weight_rows(summaries), plot, "converted model: weights")
    if X is not None and model is not None:
        from hlsnn.model.profiling import get_ymodel_keras

        outputs = get_ymodel_keras(model, X)
        rows = [Row(name, y, keras_result_bands.get(name)) for name, y in outputs.items()]
        figures[2] = _draw(rows, plot, "Keras model: layer outputs")
    if X is not None and hls_model is not None:
        _, traced = hls_model.trace(X)
        rows = [Row(name, values, result_bands.get(name)) for name, values in traced.items()]
        figures[3] = _draw(rows, plot, "converted model: layer outputs")
    return tuple(figures)


def _converted_weight_rows(summaries) -> list[Row]:
    rows = []
    for layer in summaries:
        for weight in layer["weights"]:
            label = f"{layer['name']}/{weight['name']}"
            rows.append(Row(label, weight["values"], type_band(weight["precision"])))
    return rows


def _keras_weight_rows(model, layers) -> list[Row]:
    from hlsnn._keras import innermost_layers

    rows = []
    for layer in innermost_layers(model):
        weights = layers.get(layer.name, {}).get("weights", [])
        converted = {weight["name"]: weight for weight in weights}
        for variable, values in zip(layer.weights, layer.get_weights()):
            short_name = variable.name.split("/")[-1].split(":")[0]
            counterpart = converted.get(_KERAS_TO_SLOT.get(short_name, ""))
            band = None
            if counterpart is not None and counterpart["values"].size == values.size:
                band = type_band(counterpart["precision"])
            rows.append(Row(f"{layer.name}/{short_name}", values, band))
    return rows


def _draw(rows: list[Row], plot: str, title: str):
    """One figure: a row per distribution (top to bottom in model order). Rows without a non-zero
    value are left out."""
    plt = _pyplot()
    drawn = [(row, log2_magnitudes(row.values)) for row in rows]
    drawn = [(row, data) for row, data in drawn if data.size]
    figure, axes = plt.subplots(figsize=(8, 1.5 + 0.45 * max(len(drawn), 1)))
    axes.set_title(title)
    if not drawn:
        axes.text(0.5, 0.5, "no non-zero values", ha="center", transform=axes.transAxes)
        return figure
    if plot == "histogram":
        _draw_histograms(axes, drawn)
    else:
        _draw_rows(axes, drawn, plot)
    figure.tight_layout()
    return figure


def _draw_rows(axes, drawn, plot):
    positions = np.arange(len(drawn), 0, -1)  # the first row at the top
    data = [values for _, values in drawn]
    for position, (row, _) in zip(positions, drawn):
        if row.band is not None:
            low, high = row.band
            axes.add_patch(
                _rectangle((low, position - 0.4), high - low, 0.8, color="grey", alpha=0.25)
            )
    if plot == "boxplot":
        axes.boxplot(data, positions=positions, vert=False, whis=(0, 100), widths=0.6)
    else:
        axes.violinplot(data, positions=positions, vert=False, showextrema=True, widths=0.8)
    axes.set_yticks(positions, [row.label for row, _ in drawn])
    axes.axvline(0, color="grey", linestyle="--", linewidth=1, zorder=0)  # |x| = 1
    axes.set_xlabel("log2 |x|  (grey: the magnitudes the type holds, LSB to largest)")


def _draw_histograms(axes, drawn):
    colors = _pyplot().rcParams["axes.prop_cycle"].by_key()["color"]
    for index, (row, values) in enumerate(drawn):
        color = colors[index % len(colors)]
        edges = np.arange(np.floor(values.min()), np.ceil(values.max()) + 2)
        counts, _ = np.histogram(values, bins=edges)
        axes.stairs(counts / values.size, edges, color=color, label=row.label)
        if row.band is not None:
            for edge in row.band:
                axes.axvline(edge, color=color, linestyle="--", linewidth=1)
    axes.set_xlabel("log2 |x|  (dashed: each type's LSB and largest magnitude)")
    axes.set_ylabel("fraction of values")
    axes.legend(fontsize="small")


def _rectangle(corner, width, height, **style):
    from matplotlib.patches import Rectangle

    return Rectangle(corner, width, height, **style)


def compare(keras_model, hls_model, X, plot_type="dist_diff"):
    """A figure of how far each layer's output (trace) is from Keras' (get_ymodel_keras) on X,
    a Dense with a BatchNormalization folded in against the BatchNormalization's output:
    'dist_diff', per layer the distribution of |difference| / |Keras value| (1 where the
    difference is at least the value); 'norm_diff', per layer the Euclidean norm of the
    difference."""
    _check_choice(plot_type, COMPARISONS, "plot_type")
    from hlsnn.model.profiling import get_ymodel_keras

    expected = get_ymodel_keras(keras_model, X)
    _, traced = hls_model.trace(X)
    # A Dense with a BatchNormalization folded in outputs what the BatchNormalization does.
    keras_names = {layer["name"]: layer["keras_output"] for layer in hls_model._core.layers}
    names = [name for name in traced if keras_names.get(name, name) in expected]
    differences = {
        name: (
            np.asarray(traced[name], dtype=np.float64).ravel(),
            np.asarray(expected[keras_names.get(name, name)], dtype=np.float64).ravel(),
        )
        for name in names
    }
    plt = _pyplot()
    figure, axes = plt.subplots(figsize=(max(6, 0.6 * len(names)), 4.5))
    positions = np.arange(1, len(names) + 1)
    if plot_type == "norm_diff":
        axes.bar(positions, [np.linalg.norm(ours - keras) for ours, keras in differences.values()])
        axes.set_ylabel("norm of the difference")
    else:
        axes.boxplot(
            [relative_difference(ours, keras) for ours, keras in differences.values()],
            positions=positions,
        )
        axes.set_ylabel("|difference| / |Keras value| (at most 1)")
    axes.set_xticks(positions, names, rotation=90)
    axes.set_title("layer outputs: converted model vs Keras")
    figure.tight_layout()
    return figure


def relative_difference(ours, keras) -> np.ndarray:
    """|ours − keras| / |keras| element by element, capped at 1 (also where keras is 0 and ours
    is not); 0 where both are equal."""
    difference = np.abs(ours - keras)
    magnitude = np.abs(keras)
    result = np.ones_like(difference)
    result[difference == 0] = 0.0
    smaller = (difference > 0) & (difference < magnitude)
    result[smaller] = difference[smaller] / magnitude[smaller]
    return result
