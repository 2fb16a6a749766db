"""Cases for Dense (Latency and Resource), BatchNormalization and the merge layers."""

from __future__ import annotations

import numpy as np
from kernel_harness import Case, Fixed, apint, fixed, ufixed

SAMPLES = 24

# (input, weight, bias, accum, result): narrow with a wrapping accumulator, hls4ml's default
# ap_fixed<16,6> everywhere, a saturating rounding accumulator with an unsigned saturating
# result, integers, and an unsigned (post-ReLU) input with a wide accumulator.
DENSE_TYPES = {
    "narrow_wrap": (
        fixed(8, 3),
        fixed(6, 1),
        fixed(8, 3),
        fixed(14, 6),
        fixed(8, 4, "AP_RND", "AP_SAT"),
    ),
    "default16": (fixed(16, 6), fixed(16, 6), fixed(16, 6), fixed(16, 6), fixed(16, 6)),
    "sat_accum": (
        fixed(10, 4),
        fixed(8, 2),
        fixed(8, 2),
        fixed(12, 5, "AP_RND_CONV", "AP_SAT"),
        ufixed(8, 3, "AP_RND", "AP_SAT"),
    ),
    "integers": (apint(6), apint(4), apint(8), apint(12), fixed(10, 10, "AP_TRN", "AP_SAT")),
    "unsigned_in": (ufixed(8, 2), fixed(8, 1), fixed(8, 3), fixed(24, 10), fixed(12, 5)),
}


def dense_config(n_in: int, n_out: int, strategy: str, reuse: int, types) -> str:
    _, weight_t, bias_t, accum_t, _ = types
    return (
        f"static const unsigned n_in = {n_in}; static const unsigned n_out = {n_out};"
        " static const unsigned io_type = {ns}::io_parallel;"
        f" static const unsigned strategy = {{ns}}::{strategy};"
        f" static const unsigned reuse_factor = {reuse};"
        " static const unsigned n_zeros = 0;"
        " static const unsigned n_nonzeros = n_in * n_out;"
        " static const unsigned multiplier_limit ="
        " DIV_ROUNDUP(n_in * n_out, reuse_factor) - n_zeros / reuse_factor;"
        " static const bool store_weights_in_bram = false;"
        f" typedef {accum_t.cpp} accum_t; typedef {bias_t.cpp} bias_t;"
        f" typedef {weight_t.cpp} weight_t; typedef ap_uint<1> index_t;"
        " template <class x_T, class y_T> using product = {ns}::product::mult<x_T, y_T>;"
    )


def dense_case(rng, label, n_in, n_out, strategy, reuse, types) -> Case:
    in_t, weight_t, bias_t, _, res_t = types
    # The reference picks its Resource kernel through the `kernel` alias hls4ml emits.
    kernel = "DenseLatency"
    if strategy == "resource":
        kernel = "DenseResource_rf_leq_nin" if reuse <= n_in else "DenseResource_rf_gt_nin_rem0"
    ref_kernel = (
        " template <class data_T, class res_T, class CONFIG_T>"
        f" using kernel = nnet_ref::{kernel}<data_T, res_T, CONFIG_T>;"
    )
    return Case(
        name=f"dense_{strategy}_{label}_{n_in}x{n_out}_rf{reuse}",
        base="dense_config",
        config=dense_config(n_in, n_out, strategy, reuse, types),
        ref_only=ref_kernel,
        call="{ns}::dense<" + f"{in_t.cpp}, {res_t.cpp}" + ", {cfg}>({in0}, {out}, {p0}, {p1});",
        inputs=[(in_t, in_t.uniform(rng, SAMPLES * n_in).reshape(SAMPLES, n_in))],
        params=[
            (weight_t, weight_t.uniform(rng, n_in * n_out)),
            (bias_t, bias_t.uniform(rng, n_out)),
        ],
        out_type=res_t,
        out_size=n_out,
    )


def dense_cases() -> list[Case]:
    rng = np.random.default_rng(1234)
    cases = []
    for label, types in DENSE_TYPES.items():
        for n_in, n_out in ((12, 8), (10, 6)):
            cases.append(dense_case(rng, label, n_in, n_out, "latency", 1, types))
    cases.append(dense_case(rng, "default16", 12, 8, "latency", 4, DENSE_TYPES["default16"]))
    # Valid reuse factors: divisors of n_in, or n_in times a divisor of n_out.
    resource_factors = {(12, 8): (1, 3, 4, 12, 24, 96), (10, 6): (2, 5, 10, 20, 30, 60)}
    for label in ("narrow_wrap", "sat_accum", "integers"):
        for (n_in, n_out), factors in resource_factors.items():
            for reuse in factors:
                cases.append(
                    dense_case(rng, label, n_in, n_out, "resource", reuse, DENSE_TYPES[label])
                )
    cases.append(dense_case(rng, "default16", 16, 5, "resource", 8, DENSE_TYPES["default16"]))
    return cases


def batchnorm_case(rng, label, n_in, n_filt, in_t, scale_t, bias_t, res_t) -> Case:
    n_scale_bias = n_in if n_filt == -1 else n_filt
    config = (
        f"static const unsigned n_in = {n_in}; static const unsigned n_filt = {n_filt};"
        " static const unsigned n_scale_bias = (n_filt == -1) ? n_in : n_filt;"
        " static const unsigned io_type = {ns}::io_parallel;"
        " static const unsigned reuse_factor = 1;"
        " static const unsigned multiplier_limit = DIV_ROUNDUP(n_in, reuse_factor);"
        " static const bool store_weights_in_bram = false;"
        f" typedef {bias_t.cpp} bias_t; typedef {scale_t.cpp} scale_t;"
        " template <class x_T, class y_T> using product = {ns}::product::mult<x_T, y_T>;"
    )
    return Case(
        name=f"batchnorm_{label}_filt{n_filt}",
        base="batchnorm_config",
        config=config,
        call="{ns}::normalize<"
        + f"{in_t.cpp}, {res_t.cpp}"
        + ", {cfg}>({in0}, {out}, {p0}, {p1});",
        inputs=[(in_t, in_t.uniform(rng, SAMPLES * n_in).reshape(SAMPLES, n_in))],
        params=[
            (scale_t, scale_t.uniform(rng, n_scale_bias)),
            (bias_t, bias_t.uniform(rng, n_scale_bias)),
        ],
        out_type=res_t,
        out_size=n_in,
    )


def batchnorm_cases() -> list[Case]:
    rng = np.random.default_rng(99)
    narrow = (fixed(8, 3), fixed(8, 2), fixed(6, 2), fixed(8, 3, "AP_RND", "AP_SAT"))
    wide = (fixed(16, 6), fixed(16, 6), fixed(16, 6), fixed(16, 6))
    unsigned = (ufixed(8, 4), ufixed(10, 1), fixed(8, 4), ufixed(6, 2, "AP_RND_CONV", "AP_SAT"))
    return [
        batchnorm_case(rng, "narrow", 12, -1, *narrow),
        batchnorm_case(rng, "narrow", 12, 4, *narrow),
        batchnorm_case(rng, "wide", 20, -1, *wide),
        batchnorm_case(rng, "wide", 18, 3, *wide),
        batchnorm_case(rng, "unsigned", 12, -1, *unsigned),
    ]


MERGE_TYPES = {
    "narrow_sat": (fixed(8, 3), fixed(10, 5), fixed(8, 4, "AP_RND", "AP_SAT")),
    "mixed_wide": (ufixed(6, 2), fixed(12, 4), fixed(16, 6)),
    "unsigned_res": (fixed(10, 4), fixed(9, 2), ufixed(6, 3, "AP_RND_CONV", "AP_SAT")),
    "integers": (apint(6), apint(5, signed=False), fixed(7, 7, "AP_TRN", "AP_SAT")),
}


def merge_cases() -> list[Case]:
    rng = np.random.default_rng(7)
    cases = []
    for op in ("add", "subtract", "multiply", "average", "maximum", "minimum"):
        for label, (t1, t2, res_t) in MERGE_TYPES.items():
            for n1, n2 in ((12, 12), (12, 4)):
                config = (
                    f"static const unsigned n_elem = {max(n1, n2)};"
                    f" static const unsigned n_elem1 = {n1}; static const unsigned n_elem2 = {n2};"
                    " static const unsigned reuse_factor = 1;"
                )
                cases.append(
                    Case(
                        name=f"{op}_{label}_{n1}_{n2}",
                        base="merge_config",
                        config=config,
                        call="{ns}::"
                        + f"{op}<{t1.cpp}, {t2.cpp}, {res_t.cpp}"
                        + ", {cfg}>({in0}, {in1}, {out});",
                        inputs=[
                            (t1, t1.uniform(rng, SAMPLES * n1).reshape(SAMPLES, n1)),
                            (t2, t2.uniform(rng, SAMPLES * n2).reshape(SAMPLES, n2)),
                        ],
                        out_type=res_t,
                        out_size=max(n1, n2),
                    )
                )
    # Equal operands take the tie branches of maximum and minimum.
    t = fixed(6, 2)
    tied = t.uniform(rng, SAMPLES * 8).reshape(SAMPLES, 8)
    for op in ("maximum", "minimum"):
        config = (
            "static const unsigned n_elem = 8; static const unsigned n_elem1 = 8;"
            " static const unsigned n_elem2 = 8; static const unsigned reuse_factor = 1;"
        )
        cases.append(
            Case(
                name=f"{op}_ties",
                base="merge_config",
                config=config,
                call="{ns}::"
                + f"{op}<{t.cpp}, {fixed(8, 3).cpp}, {ufixed(4, 2).cpp}"
                + ", {cfg}>({in0}, {in1}, {out});",
                inputs=[(t, tied), (fixed(8, 3), tied)],
                out_type=ufixed(4, 2),
                out_size=8,
            )
        )
    for label, accum_t in (
        ("wrap", fixed(10, 4)),
        ("sat", fixed(12, 5, "AP_RND", "AP_SAT")),
        ("wide", fixed(30, 12)),
    ):
        t1, t2, res_t = fixed(8, 3), fixed(8, 2), fixed(10, 5, "AP_RND", "AP_SAT")
        config = (
            "static const unsigned n_in = 10; static const unsigned n_out = 1;"
            " static const unsigned reuse_factor = 1;"
            " static const unsigned multiplier_limit = DIV_ROUNDUP(n_in, reuse_factor);"
            f" typedef {accum_t.cpp} accum_t;"
            " template <class x_T, class y_T> using product = {ns}::product::mult<x_T, y_T>;"
        )
        cases.append(
            Case(
                name=f"dot1d_{label}",
                base="dot_config",
                config=config,
                call="{ns}::"
                + f"dot1d<{t1.cpp}, {t2.cpp}, {res_t.cpp}"
                + ", {cfg}>({in0}, {in1}, {out});",
                inputs=[
                    (t1, t1.uniform(rng, SAMPLES * 10).reshape(SAMPLES, 10)),
                    (t2, t2.uniform(rng, SAMPLES * 10).reshape(SAMPLES, 10)),
                ],
                out_type=res_t,
                out_size=1,
            )
        )
    cases += concatenate_cases(rng)
    return cases


def shape_label(shape: tuple[int, ...]) -> str:
    return "x".join(map(str, shape))


def concatenate_cases(rng) -> list[Case]:
    shapes = [  # (rank, shape1, shape2, keras axis)
        (1, (5,), (7,), -1),
        (2, (3, 4), (3, 2), -1),
        (2, (3, 4), (3, 2), 2),
        (2, (3, 4), (2, 4), 1),
        (3, (2, 3, 4), (2, 3, 2), -1),
        (3, (2, 3, 4), (2, 3, 2), 3),
        (3, (2, 3, 4), (2, 1, 4), -2),
        (3, (2, 3, 4), (2, 1, 4), 2),
        (3, (2, 3, 4), (3, 3, 4), 1),
    ]
    t1, t2, res_t = fixed(8, 3), ufixed(6, 4), fixed(7, 3, "AP_RND", "AP_SAT")
    cases = []
    for rank, s1, s2, axis in shapes:
        dims = "".join(
            f" static const unsigned n_elem{k + 1}_{d} = {shape[d] if d < rank else 0};"
            for k, shape in enumerate((s1, s2))
            for d in range(3)
        )
        n1, n2 = int(np.prod(s1)), int(np.prod(s2))
        cases.append(
            Case(
                name=f"concatenate{rank}d_axis{axis}_{shape_label(s1)}_{shape_label(s2)}",
                base="concat_config",
                config=dims + f" static const int axis = {axis};",
                call="{ns}::"
                + f"concatenate{rank}d<{t1.cpp}, {t2.cpp}, {res_t.cpp}"
                + ", {cfg}>({in0}, {in1}, {out});",
                inputs=[
                    (t1, t1.uniform(rng, SAMPLES * n1).reshape(SAMPLES, n1)),
                    (t2, t2.uniform(rng, SAMPLES * n2).reshape(SAMPLES, n2)),
                ],
                out_type=res_t,
                out_size=n1 + n2,
            )
        )
    return cases


__all__ = ["Fixed", "batchnorm_cases", "dense_cases", "merge_cases"]
