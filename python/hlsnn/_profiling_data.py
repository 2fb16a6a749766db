"""The rest of hls4ml.model.profiling's names: the distributions of weights and layer outputs
(Keras and converted) as data, each type's range, and the plots that draw them.

Data come in hls4ml's two formats: 'summary', a list of dicts per row (the statistics
matplotlib's Axes.bxp takes, or histogram bins), with 'weight' naming the row; 'longform', a
pandas DataFrame of every non-zero |x| with its row, for seaborn. As in hls4ml, 'longform' and the
types tables need pandas, and the longform plots seaborn; 'summary' needs neither.
"""

from __future__ import annotations

import numpy as np

from hlsnn import _core

_FORMATS = ("longform", "summary")
_SUMMARY_PLOTS = ("boxplot", "histogram")


def _pandas():
    try:
        import pandas
    except ImportError as error:
        raise ImportError(
            "this profiling data format needs pandas, as in hls4ml: pip install pandas "
            "(fmt='summary' needs neither pandas nor seaborn)"
        ) from error
    return pandas


def _seaborn():
    try:
        import seaborn
    except ImportError as error:
        raise ImportError(
            "longform profiling plots need seaborn, as in hls4ml: pip install seaborn "
            "(fmt='summary' plots with matplotlib alone)"
        ) from error
    return seaborn


def _pyplot():
    from hlsnn._profiling_plots import _pyplot

    return _pyplot()


def _check(value, choices, argument):
    if value not in choices:
        raise ValueError(f"{argument}={value!r} is not one of {', '.join(map(repr, choices))}")


def array_to_summary(x, fmt="boxplot"):
    """Statistics of the values `x` (already |x|, non-zero): for 'boxplot' the median, quartiles
    and extremes (med, q1, q3, whislo, whishi); for 'histogram' the fraction in each power-of-two
    bin (h) and log2 of the bin edges (b)."""
    _check(fmt, _SUMMARY_PLOTS, "fmt")
    x = np.asarray(x, dtype=np.float64).ravel()
    if fmt == "boxplot":
        return {
            "med": np.median(x),
            "q1": np.percentile(x, 25),
            "q3": np.percentile(x, 75),
            "whislo": x.min(),
            "whishi": x.max(),
        }
    edges = 2.0 ** np.arange(np.floor(np.log2(x.min())) - 1, np.ceil(np.log2(x.max())) + 1)
    counts, _ = np.histogram(x, bins=edges)
    return {"h": counts / counts.sum(), "b": np.log2(edges)}


class _Rows:
    """Collects rows of non-zero magnitudes in one of the two formats."""

    def __init__(self, fmt, plot, with_layer):
        _check(fmt, _FORMATS, "fmt")
        self.fmt, self.plot, self.with_layer = fmt, plot, with_layer
        self.summary = []
        self.columns = {"x": [], "weight": []}
        if with_layer:
            self.columns["layer"] = []

    def add(self, label, values, layer=None):
        x = np.abs(np.asarray(values, dtype=np.float64).ravel())
        x = x[x != 0]
        if x.size == 0:
            return
        if self.fmt == "summary":
            row = array_to_summary(x, fmt=self.plot)
            row["weight"] = label
            if self.with_layer:
                row["layer"] = layer
            self.summary.append(row)
        else:
            self.columns["x"].extend(x.tolist())
            self.columns["weight"].extend([label] * x.size)
            if self.with_layer:
                self.columns["layer"].extend([layer] * x.size)

    def result(self):
        return self.summary if self.fmt == "summary" else _pandas().DataFrame(self.columns)


def _keras_weights(layer):
    """A Keras layer's arrays and their short labels; a BatchNormalization as its scale and bias,
    as it computes at inference."""
    weights = layer.get_weights()
    if layer.__class__.__name__ in ("BatchNormalization", "QBatchNormalization") and weights:
        config = layer.get_config()
        arrays = iter(weights)
        gamma = next(arrays) if config.get("scale", True) else 1.0
        beta = next(arrays) if config.get("center", True) else 0.0
        mean, variance = next(arrays), next(arrays)
        scale = gamma / np.sqrt(variance + config.get("epsilon", 1e-3))
        return [scale, beta - mean * scale], ["s", "b"]
    return weights, ["w", "b", "u"][: len(weights)] + [str(k) for k in range(3, len(weights))]


def weights_keras(model, fmt="longform", plot="boxplot"):
    """|weights| of every layer of a Keras model, one row per array (`<layer>/w`, `/b`, a
    BatchNormalization's `/s` and `/b`)."""
    from hlsnn._keras import innermost_layers

    rows = _Rows(fmt, plot, with_layer=True)
    for layer in innermost_layers(model):
        arrays, labels = _keras_weights(layer)
        for array, label in zip(arrays, labels):
            rows.add(f"{layer.name}/{label}", array, layer.name)
    return rows.result()


def activations_keras(model, X, fmt="longform", plot="boxplot"):
    """|outputs| of every layer of a Keras model on X, one row per layer (keys as trace's)."""
    from hlsnn.model.profiling import get_ymodel_keras

    rows = _Rows(fmt, plot, with_layer=False)
    for name, values in get_ymodel_keras(model, X).items():
        rows.add(name, values)
    return rows.result()


def weights_hlsmodel(model, fmt="longform", plot="boxplot"):
    """|weights| of every layer of a converted model, as it writes them."""
    rows = _Rows(fmt, plot, with_layer=True)
    for layer in model.get_layers():
        for name, weight in layer.weights.items():
            rows.add(f"{layer.name}/{name}", weight.data, layer.name)
    return rows.result()


def activations_hlsmodel(model, X, fmt="summary", plot="boxplot"):
    """|outputs| of every layer of a converted model on X (its trace)."""
    rows = _Rows(fmt, plot, with_layer=False)
    _, traced = model.trace(np.ascontiguousarray(X) if not isinstance(X, list) else X)
    for name, values in traced.items():
        rows.add(name, values)
    return rows.result()


def ap_fixed_WIFS(dtype):  # noqa: N802 (hls4ml's name)
    """(width, integer bits, fractional bits, signed) of a type given as text (any spelling
    hlsnn reads) or as a layer's PrecisionType."""
    if not isinstance(dtype, str):
        dtype = str(dtype)
    described = _core._describe_precision(dtype)
    width, integer = described["width"], described["integer"]
    return width, integer, width - integer, described["signed"]


def _type_row(rows, label, dtype):
    _, integer, fractional, signed = ap_fixed_WIFS(dtype)
    rows["layer"].append(label)
    rows["low"].append(-fractional)
    rows["high"].append(integer - 1 if signed else integer)


def types_hlsmodel(model):
    """log2 of the LSB (low) and of the largest power of two (high) of the model default and of
    every weight's type, one row per weight (`<layer>/<weight>`), as a DataFrame."""
    rows = {"layer": [], "low": [], "high": []}
    _type_row(rows, "model", model.config["Model"]["Precision"]["default"])
    for layer in model.get_layers():
        for name, weight in layer.weights.items():
            _type_row(rows, f"{layer.name}/{name}", weight.type.precision)
    return _pandas().DataFrame(rows)


def activation_types_hlsmodel(model):
    """As types_hlsmodel for every layer's output type."""
    rows = {"layer": [], "low": [], "high": []}
    _type_row(rows, "model", model.config["Model"]["Precision"]["default"])
    for layer in model.get_layers():
        _type_row(rows, layer.name, layer.get_output_variable().type.precision)
    return _pandas().DataFrame(rows)


def boxplot(data, fmt="longform"):
    """A figure of one box per row of `data` on a log2 axis (summary rows: matplotlib's bxp;
    longform: seaborn)."""
    _check(fmt, _FORMATS, "fmt")
    plt = _pyplot()
    if fmt == "longform":
        figure = plt.figure()
        axes = _seaborn().boxplot(x="x", y="weight", data=data[data["x"] > 0], showfliers=False)
    else:
        figure, axes = plt.subplots()
        rows = list(reversed(data))
        axes.bxp(rows, showfliers=False, vert=False)
        axes.set_yticklabels([row["weight"] for row in rows])
    axes.set_xscale("log", base=2)
    axes.axvline(1, color="gray", linestyle="--", linewidth=1, zorder=0)
    return figure


def histogram(data, fmt="longform"):
    """A figure of each row's distribution over power-of-two bins (log2 |x| on the x axis)."""
    _check(fmt, _FORMATS, "fmt")
    plt = _pyplot()
    figure = plt.figure()
    if fmt == "longform":
        rows = [
            dict(array_to_summary(data[data["weight"] == label]["x"], "histogram"), weight=label)
            for label in data["weight"].unique()
        ]
    else:
        rows = data
    for row in rows:
        plt.bar(row["b"][:-1], row["h"], width=1, fill=False, label=row["weight"], align="edge")
    plt.xlabel("log2(x)")
    plt.ylabel("frequency")
    plt.legend()
    return figure


def _type_rows(data):
    """The types table as (label, low, high) tuples, from a DataFrame or a dict of columns."""
    columns = {key: list(data[key]) for key in ("layer", "low", "high")}
    return [
        (layer, low, high)
        for layer, low, high in zip(columns["layer"], columns["low"], columns["high"])
        if layer != "model"
    ]


def types_boxplot(data, fmt="longform"):
    """Draws each type's range (2^low to 2^high) behind the boxes of the current boxplot whose
    row has the same label."""
    del fmt
    from matplotlib.patches import Rectangle

    axes = _pyplot().gca()
    labels = [tick.get_text() for tick in axes.get_yticklabels()]
    positions = axes.get_yticks()
    for layer, low, high in _type_rows(data):
        if layer in labels:
            y = positions[labels.index(layer)]
            axes.add_patch(
                Rectangle((2.0**low, y - 0.4), 2.0**high - 2.0**low, 0.8, color="grey", alpha=0.2)
            )


def types_histogram(data, fmt="longform"):
    """Draws each type's range as two dashed lines (log2 of its LSB and largest power of two)
    on the current histogram, for the rows it has a legend entry for."""
    del fmt
    axes = _pyplot().gca()
    labels = axes.get_legend_handles_labels()[1]
    bottom, top = axes.get_ylim()
    for layer, low, high in _type_rows(data):
        if layer in labels:
            for edge in (low, high):
                axes.plot((edge, edge), (bottom, top), "--", color="grey")


plots = {"boxplot": boxplot, "histogram": histogram}
types_plots = {"boxplot": types_boxplot, "histogram": types_histogram}


def _torch_refused(*args, **kwargs):
    del args, kwargs
    raise _core.Error(
        "hlsnn converts Keras models; PyTorch profiling does not apply\n"
        "  hint: use weights_keras / activations_keras with the Keras model"
    )


weights_torch = _torch_refused
activations_torch = _torch_refused


def get_unoptimized_hlsmodel(model):
    """hls4ml converts the model again with its optimizer passes off; hlsnn's passes cannot be
    turned off (they make the graph the kernels compute), so this raises hlsnn.Error."""
    del model
    raise _core.Error(
        "get_unoptimized_hlsmodel: hlsnn's passes cannot be turned off (they make the graph "
        "its kernels compute)\n"
        "  hint: weights_keras / numerical(model=...) show the weights before conversion"
    )
