"""Cases for the element-wise activations, the table-based ones and every softmax implementation."""

from __future__ import annotations

import numpy as np
from kernel_harness import Case, Fixed, apint, fixed, ufixed

SAMPLES = 16
N_IN = 24

# Input types: narrow, hls4ml's default, unsigned, integer; result types: saturating narrow,
# default, unsigned saturating.
INPUTS = {"narrow": fixed(8, 3), "default": fixed(16, 6), "unsigned": ufixed(8, 4), "int": apint(5)}
RESULTS = {
    "narrow_sat": fixed(8, 4, "AP_RND", "AP_SAT"),
    "default": fixed(16, 6),
    "unsigned_sat": ufixed(8, 2, "AP_RND_CONV", "AP_SAT"),
}


def activ_config(n_in: int, table_size: int = 1024, table_t: str = "ap_fixed<18, 8>") -> str:
    return (
        f"static const unsigned n_in = {n_in}; static const unsigned table_size = {table_size};"
        " static const unsigned io_type = {ns}::io_parallel;"
        f" static const unsigned reuse_factor = 1; typedef {table_t} table_t;"
    )


def random_inputs(rng, t: Fixed, n_in: int = N_IN) -> np.ndarray:
    return t.uniform(rng, SAMPLES * n_in).reshape(SAMPLES, n_in)


def sweep_inputs(t: Fixed) -> np.ndarray:
    """Every value of t, as rows of N_IN (padded with zeros)."""
    values = t.every_value()
    padded = np.zeros(-(-values.size // N_IN) * N_IN)
    padded[: values.size] = values
    return padded.reshape(-1, N_IN)


def simple_case(name, function, in_t, res_t, inputs, config=None) -> Case:
    return Case(
        name=name,
        base="activ_config",
        config=config or activ_config(inputs.shape[1]),
        call="{ns}::" + f"{function}<{in_t.cpp}, {res_t.cpp}" + ", {cfg}>({in0}, {out});",
        inputs=[(in_t, inputs)],
        out_type=res_t,
        out_size=inputs.shape[1],
    )


def elementwise_cases() -> list[Case]:
    rng = np.random.default_rng(11)
    cases = []
    pairs = (
        ("narrow", "narrow_sat"),
        ("default", "default"),
        ("unsigned", "unsigned_sat"),
        ("int", "narrow_sat"),
    )
    for in_label, res_label in pairs:
        in_t, res_t = INPUTS[in_label], RESULTS[res_label]
        label = f"{in_label}_{res_label}"
        x = random_inputs(rng, in_t)
        for function in ("linear", "relu", "relu6", "relu1"):
            cases.append(simple_case(f"{function}_{label}", function, in_t, res_t, x))
        for function, param_t, value in (
            ("leaky_relu", fixed(16, 6), 0.3),
            ("leaky_relu", fixed(8, 1), 0.1),
            ("thresholded_relu", fixed(16, 6), 1.0),
            ("thresholded_relu", fixed(6, 2), 0.35),
        ):
            config = activ_config(N_IN) + f" typedef {param_t.cpp} param_t;"
            cases.append(
                Case(
                    name=f"{function}_{value}_{param_t.width}_{label}",
                    base="activ_config",
                    config=config,
                    call="{ns}::"
                    + f"{function}<{in_t.cpp}, {param_t.cpp}, {res_t.cpp}"
                    + ", {cfg}>({in0}, "
                    + f"{value}"
                    + ", {out});",
                    inputs=[(in_t, x)],
                    out_type=res_t,
                    out_size=N_IN,
                )
            )
        alpha_t = fixed(8, 1)
        cases.append(
            Case(
                name=f"prelu_{label}",
                base="activ_config",
                config=activ_config(N_IN) + f" typedef {alpha_t.cpp} param_t;",
                call="{ns}::"
                + f"prelu<{in_t.cpp}, {alpha_t.cpp}, {res_t.cpp}"
                + ", {cfg}>({in0}, {p0}, {out});",
                inputs=[(in_t, x)],
                params=[(alpha_t, alpha_t.uniform(rng, N_IN))],
                out_type=res_t,
                out_size=N_IN,
            )
        )
        for function in ("hard_sigmoid", "hard_tanh"):
            for style, slope in (("keras2", 0.2), ("keras3", 1.0 / 6.0)):
                cases.append(
                    hard_case(f"{function}_{style}_{label}", function, slope, in_t, res_t, x)
                )
    return cases


def hard_case(name, function, slope, in_t, res_t, inputs) -> Case:
    config = (
        f"static const unsigned n_in = {inputs.shape[1]};"
        " static const ap_ufixed<16, 0> slope; static const ap_ufixed<2, 0> shift;"
        " static const unsigned io_type = {ns}::io_parallel;"
        " static const unsigned reuse_factor = 1;"
    )
    after = (
        f"const ap_ufixed<16, 0> {{cfg}}::slope = {slope!r};"
        " const ap_ufixed<2, 0> {cfg}::shift = 0.5;"
    )
    return Case(
        name=name,
        config=config,
        config_after=after,
        call="{ns}::" + f"{function}<{in_t.cpp}, {res_t.cpp}" + ", {cfg}>({in0}, {out});",
        inputs=[(in_t, inputs)],
        out_type=res_t,
        out_size=inputs.shape[1],
    )


# Inputs whose grid hits every entry of a 1024-entry table over the function's range.
SWEEP_TYPES = {
    "sigmoid": fixed(10, 4),
    "softplus": fixed(10, 4),
    "softsign": fixed(10, 4),
    "tanh": fixed(10, 3),
    "elu": fixed(11, 4),
    "selu": fixed(11, 4),
}
TABLES = {
    "t18_8": (1024, "ap_fixed<18, 8>"),
    "t10_2_sat": (512, "ap_fixed<10, 2, AP_RND, AP_SAT>"),
    "t4096": (4096, "ap_fixed<16, 4>"),
}


def table_cases() -> list[Case]:
    rng = np.random.default_rng(21)
    cases = []
    for function, sweep_t in SWEEP_TYPES.items():
        for table_label, (size, table_t) in TABLES.items():
            inputs = {"sweep": (sweep_t, sweep_inputs(sweep_t))}
            if table_label == "t18_8":
                inputs.update(
                    {
                        label: (INPUTS[label], random_inputs(rng, INPUTS[label]))
                        for label in ("default", "unsigned", "int")
                    }
                )
            for k, (in_label, (in_t, x)) in enumerate(inputs.items()):
                res_label = ("default", "narrow_sat")[(k + len(cases)) % 2]
                res_t = RESULTS[res_label]
                config = activ_config(N_IN, size, table_t)
                name = f"{function}_{table_label}_{in_label}_{res_label}"
                if function == "elu":
                    for alpha_t, alpha in ((fixed(16, 6), 1.0), (fixed(8, 1), 0.7)):
                        cases.append(
                            Case(
                                name=f"{name}_alpha{alpha}",
                                base="activ_config",
                                config=config + f" typedef {alpha_t.cpp} param_t;",
                                call="{ns}::"
                                + f"elu<{in_t.cpp}, {alpha_t.cpp}, {res_t.cpp}"
                                + ", {cfg}>({in0}, "
                                + f"{alpha}"
                                + ", {out});",
                                inputs=[(in_t, x)],
                                out_type=res_t,
                                out_size=N_IN,
                            )
                        )
                cases.append(simple_case(name, function, in_t, res_t, x, config))
    return cases


def softmax_config(
    implementation, n_slice, exp_size, inv_size, types, exp_scale=1.0, n_outer=1, n_inner=1
) -> str:
    exp_t, inv_t, accum_t, inv_inp_t, inp_norm_t = types
    return (
        f"static const unsigned n_in = {n_slice * n_outer * n_inner};"
        f" static const unsigned n_slice = {n_slice}; static const unsigned n_outer = {n_outer};"
        f" static const unsigned n_inner = {n_inner};"
        " static const unsigned parallelization_factor = -1;"
        f" static const unsigned exp_table_size = {exp_size};"
        f" static const unsigned inv_table_size = {inv_size};"
        " static const unsigned io_type = {ns}::io_parallel;"
        " static const unsigned reuse_factor = 1;"
        " static const unsigned axis = -1;"
        " static const {ns}::softmax_implementation implementation ="
        f" {{ns}}::softmax_implementation::{implementation};"
        f" static constexpr float exp_scale = {exp_scale};"
        f" typedef {exp_t} exp_table_t; typedef {inv_t} inv_table_t; typedef {accum_t} accum_t;"
        f" typedef {inv_inp_t} inv_inp_t; typedef {inp_norm_t} inp_norm_t;"
    )


SOFTMAX_TABLE_T = "ap_fixed<18, 8, AP_RND, AP_SAT>"
# exp_table_t, inv_table_t, accum_t, inv_inp_t (hls4ml defaults it to exp_table_t)
SOFTMAX_TYPES = {
    "default": (SOFTMAX_TABLE_T, SOFTMAX_TABLE_T, SOFTMAX_TABLE_T, SOFTMAX_TABLE_T),
    "narrow": (
        "ap_ufixed<8, 0, AP_RND, AP_SAT>",
        "ap_fixed<10, 5, AP_RND, AP_SAT>",
        "ap_fixed<12, 4>",
        "ap_ufixed<10, 4>",
    ),
    "wrap_accum": ("ap_fixed<12, 3>", "ap_ufixed<12, 6>", "ap_fixed<10, 3>", "ap_fixed<12, 3>"),
}


def softmax_cases() -> list[Case]:
    rng = np.random.default_rng(31)
    res_types = [fixed(16, 6), ufixed(8, 0, "AP_RND", "AP_SAT")]
    cases = []
    # (input type, logits sigma, exp table size, inv table size) as hls4ml sizes them: the
    # tables shrink to 2^min(input width, inv table width).
    inputs = [
        (fixed(16, 6), 3.0, 1024, 1024),
        (fixed(8, 3), 1.5, 256, 256),
        (fixed(16, 6), 40.0, 1024, 1024),
        (ufixed(10, 4), 4.0, 1024, 1024),
    ]
    for implementation in ("latency", "stable", "argmax", "legacy"):
        for n_slice in (3, 10) if implementation != "stable" else (3, 5, 10, 16):
            for k, (in_t, sigma, exp_size, inv_size) in enumerate(inputs):
                for type_label, types in SOFTMAX_TYPES.items():
                    if implementation in ("argmax", "legacy") and type_label != "default":
                        continue
                    res_t = res_types[(k + n_slice) % 2]
                    # stable: inp_norm_t is the input without its sign bit, exp table <= 2^width.
                    signed = int(in_t.signed)
                    norm_width = in_t.width - signed
                    inp_norm_t = ufixed(norm_width, in_t.integer - signed).cpp
                    stable_exp = min(exp_size, 2**norm_width) if signed else exp_size
                    size = stable_exp if implementation == "stable" else exp_size
                    if implementation != "stable":
                        inp_norm_t = "ap_fixed<1, 0>"
                    config = softmax_config(
                        implementation, n_slice, size, inv_size, (*types, inp_norm_t)
                    )
                    x = in_t.normal(rng, SAMPLES * n_slice, sigma).reshape(SAMPLES, n_slice)
                    cases.append(
                        Case(
                            name=f"softmax_{implementation}_n{n_slice}_in{k}_{type_label}",
                            base="activ_config",
                            config=config,
                            call="{ns}::"
                            + f"softmax<{in_t.cpp}, {res_t.cpp}"
                            + ", {cfg}>({in0}, {out});",
                            inputs=[(in_t, x)],
                            out_type=res_t,
                            out_size=n_slice,
                        )
                    )
    cases += softmax_variants(rng)
    return cases


def softmax_variants(rng) -> list[Case]:
    """exp_scale, a legacy table_t, and the multi-axis wrapper."""
    cases = []
    in_t, res_t = fixed(16, 6), fixed(16, 6)
    default = (*SOFTMAX_TYPES["default"], "ap_ufixed<15, 5>")
    x = in_t.normal(rng, SAMPLES * 10, 3.0).reshape(SAMPLES, 10)
    for implementation in ("latency", "stable"):
        config = softmax_config(implementation, 10, 1024, 1024, default, exp_scale=0.5)
        cases.append(
            Case(
                name=f"softmax_{implementation}_exp_scale",
                base="activ_config",
                config=config,
                inputs=[(in_t, x)],
                out_type=res_t,
                out_size=10,
                call="{ns}::" + f"softmax<{in_t.cpp}, {res_t.cpp}" + ", {cfg}>({in0}, {out});",
            )
        )
    legacy = softmax_config("legacy", 10, 512, 512, default) + (
        " typedef ap_fixed<12, 6, AP_RND, AP_SAT> table_t;"
    )
    cases.append(
        Case(
            name="softmax_legacy_table_t",
            base="activ_config",
            config=legacy,
            inputs=[(in_t, x)],
            out_type=res_t,
            out_size=10,
            call="{ns}::" + f"softmax<{in_t.cpp}, {res_t.cpp}" + ", {cfg}>({in0}, {out});",
        )
    )
    for implementation in ("stable", "latency", "argmax"):
        config = softmax_config(implementation, 4, 1024, 1024, default, n_outer=2, n_inner=3)
        xm = in_t.normal(rng, SAMPLES * 24, 3.0).reshape(SAMPLES, 24)
        cases.append(
            Case(
                name=f"softmax_multidim_{implementation}",
                base="activ_config",
                config=config,
                inputs=[(in_t, xm)],
                out_type=res_t,
                out_size=24,
                call="{ns}::"
                + f"softmax_multidim<{in_t.cpp}, {res_t.cpp}"
                + ", {cfg}>({in0}, {out});",
            )
        )
    return cases


__all__ = ["elementwise_cases", "softmax_cases", "table_cases"]
