"""Softmax study: what a user choosing types looks at, on a trained classifier.

A small MLP is trained on scikit-learn's digits (examples/digits_demo.py, fixed seed). Its softmax
is computed three ways: hlsnn's default (every table type left to hlsnn), hlsnn with hls4ml's
default table types written out (ap_fixed<18,8,AP_RND,AP_SAT> exp, inverse and inverse-input
tables), and hls4ml 1.3 itself (config_from_keras_model(granularity='name')). Each is compared
with the float softmax of the same fixed-point logits (traced from hlsnn: every tool computes the
same Dense bits, so the residuals are the softmax's alone), and its per-class ROC on the held-out
test split with the float model's. Also: each configuration's table memory (bits, BRAM18) from
hlsnn's table report, and the issue's synthetic case (logits N(0, 3) on a 1/64 grid, 4 to 20
classes, 50,000 rows).

Writes bench/softmax/*.png and the `softmax` section of bench/RESULTS.md. Run from the Keras 2
environment with hlsnn installed (bench/softmax/run does both); a few minutes.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(REPO / "examples"))
sys.path.insert(0, str(REPO / "bench" / "pipeline"))

REFERENCE_TABLE = "fixed<18,8,RND,SAT>"
SYNTHETIC_CLASSES = (4, 7, 10, 20)
# The targets for hlsnn's default.
TARGET_ERROR = 0.02
TARGET_ARGMAX = 0.999
TARGET_SUM = 0.03
TARGET_AUC = 0.001
TARGET_MEMORY_RATIO = 2
CONFIGS = ("hlsnn default", "hlsnn, hls4ml's table types", "hls4ml 1.3")
COLORS = {"float": "black", CONFIGS[0]: "tab:blue", CONFIGS[1]: "tab:orange", CONFIGS[2]: "tab:red"}


def nice_ceiling(value: float) -> float:
    """The smallest 1, 2 or 5 times a power of ten not below value."""
    power = 10.0 ** np.floor(np.log10(value))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= value)


def float_softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def with_reference_tables(config: dict, softmax_layers: list[str]) -> dict:
    for name in softmax_layers:
        config["LayerName"][name]["Precision"].update(
            exp_table=REFERENCE_TABLE, inv_table=REFERENCE_TABLE, inv_inp=REFERENCE_TABLE
        )
    return config


def softmax_layer_names(hls_model) -> list[str]:
    return [layer["name"] for layer in hls_model._core.layers if layer["class_name"] == "Softmax"]


def convert_hlsnn(model, directory: Path, reference_tables: bool):
    import warnings

    import hlsnn

    config = hlsnn.utils.config_from_keras_model(model, granularity="name")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", hlsnn.HLSNNWarning)
        hls_model = hlsnn.converters.convert_from_keras_model(
            model, output_dir=str(directory), hls_config=config
        )
        if reference_tables:
            config = with_reference_tables(config, softmax_layer_names(hls_model))
            hls_model = hlsnn.converters.convert_from_keras_model(
                model, output_dir=str(directory), hls_config=config
            )
    hls_model.compile()
    return hls_model


def convert_hls4ml(model, directory: Path, traced: tuple[str, ...] = ()):
    """hls4ml's own defaults (config_from_keras_model(granularity='name')), with `traced` layers'
    outputs recorded."""
    import hls4ml

    config = hls4ml.utils.config_from_keras_model(model, granularity="name")
    for name in traced:
        config["LayerName"][name]["Trace"] = True
    hls_model = hls4ml.converters.convert_from_keras_model(
        model, output_dir=str(directory), hls_config=config, io_type="io_parallel"
    )
    hls_model.compile()
    return hls_model


def memory(hls_model) -> dict:
    """Bits and BRAM18 of the softmax tables, from hlsnn's table report."""
    entry = next(e for e in hls_model.table_report(softmax_rows=1000) if e["function"] == "softmax")
    return {
        "tables": ", ".join(
            f"{t['name']} {t['entries']} x {t['entry_bits']}" for t in entry["tables"]
        ),
        "bits": entry["memory"]["bits"],
        "bram18": entry["memory"]["bram18"],
        "types": entry["types"],
    }


def metrics(y: np.ndarray, p: np.ndarray) -> dict:
    return {
        "max_error": float(np.abs(y - p).max()),
        "mean_error": float(np.abs(y - p).mean()),
        "rows_off_0.05": float(np.mean(np.abs(y - p).max(axis=1) > 0.05)),
        "sum_min": float(y.sum(axis=1).min()),
        "sum_max": float(y.sum(axis=1).max()),
        "argmax": float(np.mean(y.argmax(axis=1) == p.argmax(axis=1))),
        "out_min": float(y.min()),
        "out_max": float(y.max()),
    }


def hls4ml_typedefs(project: Path) -> dict[str, str]:
    """Every `typedef <type> <name>;` of hls4ml's project, name -> type."""
    found = {}
    for header in ("defines.h", "parameters.h"):
        for line in (project / "firmware" / header).read_text().splitlines():
            line = line.strip()
            if line.startswith("typedef") and line.endswith(";"):
                kind, name = line[len("typedef") : -1].strip().rsplit(" ", 1)
                found[name] = kind
    return found


def hls4ml_logit_type(project: Path) -> str:
    """The type hls4ml's project gives the logits (the `classes` Dense result)."""
    return hls4ml_typedefs(project).get("classes_result_t", "unknown")


def bram18(entries: int, bits: int) -> int:
    """BRAM18 at the usual packing: the cheapest of the 16K x 1 ... 512 x 36 shapes (as hlsnn's
    table report counts)."""
    shapes = ((16384, 1), (8192, 2), (4096, 4), (2048, 9), (1024, 18), (512, 36))
    return min(-(-entries // depth) * -(-bits // width) for depth, width in shapes)


def type_width(kind: str) -> int:
    return int(kind.split("<", 1)[1].split(",", 1)[0].rstrip(">"))


def hls4ml_memory(project: Path) -> dict:
    """The softmax tables hls4ml 1.3 wrote into its project (parameters.h), in the form of
    memory()."""
    text = (project / "firmware" / "parameters.h").read_text()
    config = text[text.rindex("struct", 0, text.index("exp_table_size")) :].split("};", 1)[0]
    typedefs = hls4ml_typedefs(project)
    sizes, types = {}, {}
    for line in config.splitlines():
        words = line.strip().rstrip(";").split()
        if words[:3] == ["static", "const", "unsigned"] and words[3].endswith("table_size"):
            sizes[words[3]] = int(words[-1])
        elif words[:1] == ["typedef"]:
            kind = " ".join(words[1:-1])
            types[words[-1]] = typedefs.get(kind, kind)
    tables = [
        ("exp table", sizes["exp_table_size"], type_width(types["exp_table_t"])),
        ("inverse table", sizes["inv_table_size"], type_width(types["inv_table_t"])),
    ]
    return {
        "tables": ", ".join(f"{name} {entries} x {bits}" for name, entries, bits in tables),
        "bits": sum(entries * bits for _, entries, bits in tables),
        "bram18": sum(bram18(entries, bits) for _, entries, bits in tables),
        "types": types,
    }


def digits_study(work: Path, seed: int) -> dict:
    from digits_demo import train_digits_mlp
    from sklearn.datasets import load_digits
    from sklearn.metrics import roc_auc_score, roc_curve

    model, x_test, y_test = train_digits_mlp(seed)
    x_all = (load_digits().data / 16.0).astype(np.float32)
    keras_test = model.predict(x_test, verbose=0)

    default = convert_hlsnn(model, work / "hlsnn_default", reference_tables=False)
    reference_types = convert_hlsnn(model, work / "hlsnn_reference", reference_tables=True)
    hls4ml_model = convert_hls4ml(model, work / "hls4ml", traced=("classes",))
    _, traced = default.trace(x_all.astype(np.float64))
    logits = traced["classes"]
    exact = float_softmax(logits)
    # hls4ml infers its own (exact) logit types: its residuals are against its own logits.
    hls4ml_scores, hls4ml_traced = hls4ml_model.trace(x_all.astype(np.float32))
    hls4ml_logits = np.asarray(hls4ml_traced["classes"], dtype=np.float64).reshape(logits.shape)
    scores = {
        CONFIGS[0]: default.predict(x_all.astype(np.float64)),
        CONFIGS[1]: reference_types.predict(x_all.astype(np.float64)),
        CONFIGS[2]: np.asarray(hls4ml_scores, dtype=np.float64),
    }
    exact_of = {CONFIGS[0]: exact, CONFIGS[1]: exact, CONFIGS[2]: float_softmax(hls4ml_logits)}
    test_scores = {
        name: np.asarray(
            model_.predict(x_test.astype(np.float32 if name == CONFIGS[2] else np.float64)),
            dtype=np.float64,
        )
        for name, model_ in zip(CONFIGS, (default, reference_types, hls4ml_model))
    }
    result = {
        "samples": len(x_all),
        "test_samples": len(x_test),
        "logit_range": (float(logits.min()), float(logits.max())),
        "hls4ml_logit_type": hls4ml_logit_type(work / "hls4ml"),
        "metrics": {name: metrics(y, exact_of[name]) for name, y in scores.items()},
        "memory": {
            CONFIGS[0]: memory(default),
            CONFIGS[1]: memory(reference_types),
            CONFIGS[2]: hls4ml_memory(work / "hls4ml"),
        },
        "residuals": {name: (y - exact_of[name]).ravel() for name, y in scores.items()},
        "roc": {},
        "auc": {},
    }
    for name, y in [("float", keras_test), *test_scores.items()]:
        result["auc"][name] = [roc_auc_score(y_test == k, y[:, k]) for k in range(10)]
        result["roc"][name] = [roc_curve(y_test == k, y[:, k])[:2] for k in range(10)]
    return result


def synthetic_study(work: Path) -> dict:
    import keras

    rows = {}
    rng = np.random.default_rng(0)
    for n in SYNTHETIC_CLASSES:
        x = keras.Input((n,), name="logits")
        # Activation('softmax'): hls4ml 1.3 does not compile a Softmax layer (its config struct is
        # named Softmax_config<n>, its call softmax_config<n>).
        model = keras.Model(x, keras.layers.Activation("softmax", name="probabilities")(x))
        logits = np.round(rng.normal(0, 3, (50_000, n)) * 64) / 64
        exact = float_softmax(logits)
        found = {}
        outputs = {}
        for name, reference in zip(CONFIGS[:2], (False, True)):
            hls_model = convert_hlsnn(model, work / f"synthetic_{n}_{reference}", reference)
            outputs[name] = hls_model.predict(logits)
            found[name] = metrics(outputs[name], exact)
        try:
            hls4ml_model = convert_hls4ml(model, work / f"synthetic_{n}_hls4ml")
            y = np.asarray(hls4ml_model.predict(logits.astype(np.float32)), dtype=np.float64)
            found[CONFIGS[2]] = metrics(y, exact)
            found[CONFIGS[2]]["same_bits"] = bool(np.array_equal(y, outputs[CONFIGS[1]]))
        except Exception as error:  # noqa: BLE001 - reported in the table
            found[CONFIGS[2]] = {"error": f"{type(error).__name__}: {error}"[:120]}
        rows[n] = found
    return rows


def plot(result: dict) -> list[str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    written = []
    # One panel per configuration, each over its own residuals' range (they differ by 200x), with
    # the target (|error| <= 0.02) marked where it falls inside.
    for scale in ("linear", "log"):
        figure, axes = plt.subplots(1, len(CONFIGS), figsize=(15, 4.5))
        for axis, (name, residuals) in zip(axes, result["residuals"].items()):
            largest = float(np.abs(residuals).max())
            half_width = nice_ceiling(max(largest, 1e-6))
            axis.hist(residuals, bins=np.linspace(-half_width, half_width, 121), color=COLORS[name])
            for target in (-TARGET_ERROR, TARGET_ERROR):
                if target < half_width:
                    axis.axvline(target, color="gray", ls="--", lw=1)
            axis.set_yscale(scale)
            axis.set_xlim(-half_width, half_width)
            axis.set_xticks(np.linspace(-half_width, half_width, 5))
            axis.set_xlabel("output - float softmax of the same logits")
            beyond = np.mean(np.abs(residuals) > TARGET_ERROR)
            axis.set_title(
                f"{name}\nmax |error| {largest:.4f}, {beyond:.2%} beyond +-{TARGET_ERROR}",
                fontsize=10,
            )
        axes[0].set_ylabel(f"count (outputs), {scale} scale")
        figure.suptitle(
            f"Softmax residuals, digits MLP, {result['samples']} samples x 10 classes "
            f"(dashed: the target +-{TARGET_ERROR}; each panel its own range)"
        )
        figure.tight_layout()
        path = HERE / f"residuals_{scale}.png"
        figure.savefig(path, dpi=100)
        plt.close(figure)
        written.append(path.name)
    # ROC curves on a log false-positive axis, read off at fixed rates (a constant score's
    # diagonal then shows as the curve it is).
    rates = np.logspace(-3, 0, 300)
    figure, axes = plt.subplots(2, 5, figsize=(16, 7), sharex=True, sharey=True)
    for k, axis in enumerate(axes.ravel()):
        for name, curves in result["roc"].items():
            fpr, tpr = curves[k]
            style = "--" if name == "float" else "-"
            label = f"{name}: {result['auc'][name][k]:.4f}"
            axis.plot(
                rates, np.interp(rates, fpr, tpr), style, color=COLORS[name], label=label, lw=1.1
            )
        axis.set_xscale("log")
        axis.set_xlim(1e-3, 1)
        axis.set_title(f"digit {k}")
        axis.legend(fontsize=6, loc="lower right", title="AUC", title_fontsize=6)
    for axis in axes[-1]:
        axis.set_xlabel("false positive rate")
    for axis in axes[:, 0]:
        axis.set_ylabel("true positive rate")
    figure.suptitle(f"Per-class ROC, digits MLP, held-out {result['test_samples']} samples")
    figure.tight_layout()
    path = HERE / "roc.png"
    figure.savefig(path, dpi=100)
    plt.close(figure)
    written.append(path.name)
    return written


def auc_difference(result: dict, name: str) -> float:
    return max(abs(a - b) for a, b in zip(result["auc"][name], result["auc"]["float"]))


def targets(result: dict, synthetic: dict) -> list[str]:
    """hlsnn's default against each of the issue's targets, on both inputs."""
    digits = result["metrics"][CONFIGS[0]]
    normal = [found[CONFIGS[0]] for found in synthetic.values()]
    memory, reference = result["memory"][CONFIGS[0]], result["memory"][CONFIGS[1]]

    def sum_deviation(m: dict) -> float:
        return max(1 - m["sum_min"], m["sum_max"] - 1)

    def outputs(m: dict) -> str:
        return f"[{m['out_min']:.3f}, {m['out_max']:.3f}]"

    def within_unit(m: dict) -> bool:
        return m["out_min"] >= 0 and m["out_max"] <= 1

    worst_argmax = min(normal, key=lambda m: m["argmax"])
    worst_error = max(normal, key=lambda m: m["max_error"])
    worst_sum = max(normal, key=sum_deviation)
    ratio = (memory["bits"] / reference["bits"], memory["bram18"] / reference["bram18"])
    rows = [
        (
            f"argmax agreement with the float softmax >= {TARGET_ARGMAX:.1%}",
            f"{digits['argmax']:.4%}",
            f"{worst_argmax['argmax']:.4%}",
            digits["argmax"] >= TARGET_ARGMAX and worst_argmax["argmax"] >= TARGET_ARGMAX,
        ),
        (
            f"largest abs(y - softmax(x)) <= {TARGET_ERROR}",
            f"{digits['max_error']:.4f}",
            f"{worst_error['max_error']:.4f}",
            max(digits["max_error"], worst_error["max_error"]) <= TARGET_ERROR,
        ),
        (
            "outputs in [0, 1]",
            outputs(digits),
            f"[{min(m['out_min'] for m in normal):.3f}, {max(m['out_max'] for m in normal):.3f}]",
            within_unit(digits) and all(within_unit(m) for m in normal),
        ),
        (
            f"every row sum within {TARGET_SUM} of 1",
            f"{sum_deviation(digits):.4f}",
            f"{sum_deviation(worst_sum):.4f}",
            max(sum_deviation(digits), sum_deviation(worst_sum)) <= TARGET_SUM,
        ),
        (
            f"per-class AUC within {TARGET_AUC} of the float model's",
            f"{auc_difference(result, CONFIGS[0]):.5f}",
            "(no labels)",
            auc_difference(result, CONFIGS[0]) <= TARGET_AUC,
        ),
        (
            f"table memory <= {TARGET_MEMORY_RATIO}x the reference default's (bits, BRAM18)",
            f"{ratio[0]:.2f}x, {ratio[1]:.2f}x",
            "the same tables",
            max(ratio) <= TARGET_MEMORY_RATIO,
        ),
    ]
    lines = [
        "| target | digits classifier | N(0, 3), worst of "
        + ", ".join(str(n) for n in synthetic)
        + " classes | met |",
        "|---|---|---|---|",
    ]
    for target, on_digits, on_normal, met in rows:
        lines.append(f"| {target} | {on_digits} | {on_normal} | {'yes' if met else 'NO'} |")
    return lines


def markdown(result: dict, synthetic: dict, figures: list[str], seconds: float) -> list[str]:
    from report import machine_lines, now

    low, high = result["logit_range"]
    lines = [
        "## Softmax: hlsnn's default tables vs hls4ml's",
        "",
        f"Generated by `bench/softmax/run` on {now()}. Do not edit by hand: the next run "
        "rewrites this section.",
        "",
        *machine_lines(),
        f"- This run took {seconds / 60:.1f} min.",
        "",
        "Three configurations, each from config_from_keras_model(granularity='name') with every "
        "table type left unset: **hlsnn default** (hlsnn chooses the table types and sizes), "
        f"**{CONFIGS[1]}** (exp_table, inv_table and inv_inp set to hls4ml's default "
        f"{REFERENCE_TABLE}: hls4ml's kernel, bit for bit) and **hls4ml 1.3** itself.",
        "",
        "### The issue's targets, hlsnn's default",
        "",
        *targets(result, synthetic),
        "",
        "### Trained classifier (scikit-learn digits, examples/digits_demo.py MLP 64-32-16-10)",
        "",
        f"Residuals over all {result['samples']} digits x 10 classes against the float softmax of "
        "each configuration's own fixed-point logits, so they are the softmax's alone: hlsnn's "
        f"fixed<16,6> (from {low:.1f} to {high:.1f}), hls4ml's "
        f"{result['hls4ml_logit_type']}. ROC and AUC on the held-out {result['test_samples']} "
        "samples against the labels, beside the float Keras model's.",
        "",
        "| configuration | max abs error | mean abs error | rows off by > 0.05 | row sums | "
        "argmax agreement | outputs | max AUC difference to float |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, m in result["metrics"].items():
        lines.append(
            f"| {name} | {m['max_error']:.4f} | {m['mean_error']:.5f} | "
            f"{m['rows_off_0.05']:.2%} | {m['sum_min']:.4f} - {m['sum_max']:.4f} | "
            f"{m['argmax']:.4%} | [{m['out_min']:.3f}, {m['out_max']:.3f}] | "
            f"{auc_difference(result, name):.5f} |"
        )
    reference, hls4ml = result["metrics"][CONFIGS[1]], result["metrics"][CONFIGS[2]]
    lines += [
        "",
        "- hlsnn with hls4ml's default table types: sums of exponentials near 1 read the "
        "inverse table in steps of 0.25, so outputs are off by up to "
        f"{reference['max_error']:.2f} and rows sum to up to {reference['sum_max']:.2f}; the top "
        "scores saturate at 1 and tie, which is where their ROC curves leave the float model's "
        "(tied scores make the straight segments at low false-positive rates).",
        f"- hls4ml 1.3 infers its Dense results exact and wide ({result['hls4ml_logit_type']}); "
        "its stable softmax addresses the exp table with the top bits of max - x in a type one "
        "bit narrower than the logits'"
        + (
            ", in steps far wider than the logits' spread, so every exponential reads the entry "
            f"for 0: every output is {hls4ml['out_min']:.3f}."
            if hls4ml["out_min"] == hls4ml["out_max"]
            else "."
        ),
        "",
        "Table memory, BRAM18 at the usual packing (the cheapest of the 16K x 1 ... 512 x 36 "
        "shapes per table); hlsnn's from its table report, hls4ml's from its project's "
        "parameters.h:",
        "",
        "| configuration | tables (entries x bits) | bits | BRAM18 | types |",
        "|---|---|---|---|---|",
    ]
    for name, m in result["memory"].items():
        types = ", ".join(f"{k} {v}" for k, v in m["types"].items())
        lines.append(f"| {name} | {m['tables']} | {m['bits']} | {m['bram18']} | {types} |")
    lines += ["", *[f"![{name}](softmax/{name})" for name in figures], ""]
    lines += [
        "### Synthetic logits: N(0, 3) on a 1/64 grid, 50,000 rows, a lone Softmax",
        "",
        "The model is Input -> Activation('softmax') (hls4ml 1.3 does not compile a Keras "
        "Softmax layer), logits of the default fixed<16,6>. hlsnn with hls4ml's table types "
        "gives hls4ml 1.3's bits: "
        + ", ".join(
            f"{n} classes {'yes' if found[CONFIGS[2]].get('same_bits') else 'NO'}"
            for n, found in synthetic.items()
        )
        + ".",
        "",
        "| classes | configuration | argmax agreement | max abs error | row sums | outputs |",
        "|---|---|---|---|---|---|",
    ]
    for n, found in synthetic.items():
        for name, m in found.items():
            if "error" in m:
                lines.append(f"| {n} | {name} | {m['error']} | | | |")
                continue
            lines.append(
                f"| {n} | {name} | {m['argmax']:.4%} | {m['max_error']:.4f} | "
                f"{m['sum_min']:.4f} - {m['sum_max']:.4f} | [{m['out_min']:.3f}, "
                f"{m['out_max']:.3f}] |"
            )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-write", action="store_true", help="print instead of rewriting")
    args = parser.parse_args()
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="hlsnn-softmax-study-") as folder:
        work = Path(folder)
        result = digits_study(work, args.seed)
        synthetic = synthetic_study(work)
    figures = plot(result)
    lines = markdown(result, synthetic, figures, time.perf_counter() - start)
    if args.no_write:
        print("\n".join(lines))
    else:
        from report import rewrite_section

        rewrite_section("softmax", lines)
        print("\n".join(lines))


if __name__ == "__main__":
    main()
