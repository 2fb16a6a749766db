"""Generates the C++ "operation programs" of the ap_types differential test.

A program is a list of *combos*. A combo fixes the operand types (`A`, `B`) and a list of
*cases* (C++ statements that compute one result and print it with `diff::emit`). For each of
`values_per_combo` value iterations the program builds random operands from a PRNG implemented in
C++ (diff_support.h), prints them, then runs every case. The same source is compiled against our
headers and against the vendor headers; the two outputs must be identical, line for line.

Only expressions that compile with the vendor headers are generated (see the spec, section 5.2 and
5.3): no ap_fixed arithmetic with float/double, no `%` on ap_fixed, no ap_int shifted by ap_fixed,
no ap_fixed `++` when I > W, no ap_ufixed with AP_WRAP_SM.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

Q_MODES = (
    "AP_RND",
    "AP_RND_ZERO",
    "AP_RND_MIN_INF",
    "AP_RND_INF",
    "AP_RND_CONV",
    "AP_TRN",
    "AP_TRN_ZERO",
)
O_MODES = ("AP_SAT", "AP_SAT_ZERO", "AP_SAT_SYM", "AP_WRAP", "AP_WRAP_SM")

# Enough iterations for every edge pattern and special double to be used at least once.
MIN_VALUES_PER_COMBO = 32
# A combo keeps one case in CASE_THINNING of its kind (see make_combo).
CASE_THINNING = 2
# Results wider than this would exceed AP_INT_MAX_W (1024), which makes the vendor code exit().
MAX_RESULT_WIDTH = 1024
# The vendor to_double/to_float do not handle exponent overflow or subnormals (spec section 3).
DOUBLE_SAFE_EXPONENT = 1000
FLOAT_SAFE_EXPONENT = 120


@dataclass(frozen=True)
class ApType:
    """One ap type: ap_int/ap_uint (is_fixed False) or ap_fixed/ap_ufixed with Q/O/N."""

    is_fixed: bool
    width: int
    signed: bool
    iwidth: int
    q_mode: str = "AP_TRN"
    o_mode: str = "AP_WRAP"
    n_bits: int = 0

    @property
    def fraction_bits(self) -> int:
        return self.width - self.iwidth

    def cpp(self) -> str:
        if not self.is_fixed:
            return f"ap_{'' if self.signed else 'u'}int<{self.width}>"
        name = "ap_fixed" if self.signed else "ap_ufixed"
        return f"{name}<{self.width}, {self.iwidth}, {self.q_mode}, {self.o_mode}, {self.n_bits}>"

    def value_exponent_range(self) -> tuple[int, int]:
        """Binary exponents spanned by the type's values (LSB weight .. beyond MSB weight)."""
        return -self.fraction_bits, self.iwidth

    def fits_double(self) -> bool:
        return self.fraction_bits < DOUBLE_SAFE_EXPONENT and self.iwidth < DOUBLE_SAFE_EXPONENT

    def fits_float(self) -> bool:
        return self.fraction_bits < FLOAT_SAFE_EXPONENT and self.iwidth < FLOAT_SAFE_EXPONENT


@dataclass(frozen=True)
class Case:
    """One printed result: `statement` uses a, b, n, d, s, A, B and prints via emit(index, ...)."""

    operator: str
    statement: str


@dataclass
class Combo:
    kind: str
    a_type: ApType
    b_type: ApType
    cases: list[Case] = field(default_factory=list)
    # Low bits of `a` forced to a tie (half an LSB of some target) in some iterations.
    tie_bits: int = 0
    special_doubles: list[float] = field(default_factory=list)
    strings: list[str] = field(default_factory=list)
    radix_strings: list[str] = field(default_factory=list)

    def describe(self) -> str:
        return f"{self.kind}: A = {self.a_type.cpp()}, B = {self.b_type.cpp()}"


# ---------------------------------------------------------------------------------------------
# Random types


def random_width(rng: random.Random) -> int:
    roll = rng.random()
    if roll < 0.12:
        return rng.randint(1, 4)
    if roll < 0.70:
        return rng.randint(5, 64)
    if roll < 0.94:
        return rng.randint(65, 128)
    return rng.randint(129, 1000)


def random_iwidth(rng: random.Random, width: int) -> int:
    roll = rng.random()
    if roll < 0.12:
        return rng.randint(-12, 0)  # MSB below the binary point
    if roll < 0.24:
        return width + rng.randint(1, 12)  # LSB weight above 1
    if roll < 0.32:
        return width
    return rng.randint(1, width)


def random_fixed(rng: random.Random) -> ApType:
    width = random_width(rng)
    is_signed = rng.random() < 0.6
    o_mode = rng.choice(O_MODES if is_signed else O_MODES[:4])
    n_bits = 0
    if o_mode in ("AP_WRAP", "AP_WRAP_SM") and rng.random() < 0.5:
        n_bits = rng.choice([1, 2, rng.randint(0, width), width])
        n_bits = min(n_bits, width)
    return ApType(
        True, width, is_signed, random_iwidth(rng, width), rng.choice(Q_MODES), o_mode, n_bits
    )


def random_int(rng: random.Random) -> ApType:
    width = random_width(rng)
    return ApType(False, width, rng.random() < 0.55, width)


def pair_fits(a_type: ApType, b_type: ApType) -> bool:
    """Conservative bound on every result width (a product, a quotient with extra bits)."""
    extra = max(0, a_type.fraction_bits) + max(0, b_type.fraction_bits) + 16
    return a_type.width + b_type.width + extra <= MAX_RESULT_WIDTH


# ---------------------------------------------------------------------------------------------
# Case builders. Each returns (operator label, C++ expression or statement) pairs.

COMPARISONS = ("==", "!=", "<", "<=", ">", ">=")
C_INTEGER_TYPES = (
    "bool",
    "char",
    "signed char",
    "unsigned char",
    "short",
    "unsigned short",
    "int",
    "unsigned",
    "long",
    "unsigned long",
    "long long",
    "unsigned long long",
)


# The operators every pair of fixed or of integer types is checked with, on their own and as
# compound assignments.
BINARY_OPERATORS = ("+", "-", "*", "&", "|", "^")
COMPOUND_OPERATORS = tuple(f"{op}=" for op in BINARY_OPERATORS)
# ++ and -- before and after, each emitting its result and then the variable.
STEP_CASES = [
    ("pre ++", "{ A c = a; emit(#, ++c); emit(#, c); }"),
    ("post ++", "{ A c = a; emit(#, c++); emit(#, c); }"),
    ("pre --", "{ A c = a; emit(#, --c); emit(#, c); }"),
    ("post --", "{ A c = a; emit(#, c--); emit(#, c); }"),
]


def _expr(operator: str, expression: str) -> tuple[str, str]:
    return operator, f"emit(#, {expression});"


def _compound(operator: str, target_type: str, init: str, rhs: str) -> tuple[str, str]:
    return operator, f"{{ {target_type} c = {init}; c {operator} {rhs}; emit(#, c); }}"


def vendor_divides_exactly(a: ApType, b: ApType) -> bool:
    """False where the vendor's multi-word division gives wrong quotients: both operands wider
    than one 64-bit word (e.g. ap_uint<821>(2^820+1) / ap_uint<66>(2^65+1)). Our headers give
    the exact quotient there, which differs on purpose, so such pairs are not compared."""
    return a.width <= 64 or b.width <= 64


def fixed_arithmetic_cases(a: ApType, b: ApType) -> list[tuple[str, str]]:
    cases = [_expr(op, f"a {op} b") for op in BINARY_OPERATORS]
    if vendor_divides_exactly(a, b):
        cases.append(_expr("/", "a / diff::nonzero(b)"))
    cases += [
        _expr("unary -", "-a"),
        _expr("~", "~a"),
        _expr("unary -", "-b"),
    ]
    return cases


def fixed_compound_cases(a: ApType, b: ApType) -> list[tuple[str, str]]:
    cases = [_compound(op, "A", "a", "b") for op in COMPOUND_OPERATORS]
    if vendor_divides_exactly(a, b):
        cases.append(_compound("/=", "A", "a", "diff::nonzero(b)"))
    cases += [
        _expr("A(B)", "A(b)"),
        _expr("B(A)", "B(a)"),
        _expr("A = B", "[&] { A c; c = b; return c; }()"),
    ]
    if a.iwidth <= a.width:
        cases += STEP_CASES
    return cases


def fixed_compare_shift_cases(a: ApType, b: ApType) -> list[tuple[str, str]]:
    cases = [_expr(op, f"a {op} b") for op in COMPARISONS]
    cases += [_expr(f"{op} int", f"a {op} int(n)") for op in ("<", "==", ">=")]
    cases += [_expr(f"{op} unsigned", f"a {op} unsigned(n)") for op in ("<", "!=")]
    cases += [_expr(f"{op} long long", f"a {op} n") for op in (">", "==")]
    if a.fits_double():
        cases += [_expr(f"{op} double", f"a {op} d") for op in ("<", "==", ">=")]
    if a.fits_float():
        cases.append(_expr("> float", "a > float(d)"))
    cases += [
        _expr("<< int", "a << s"),
        _expr(">> int", "a >> s"),
        _expr("<< unsigned", "a << unsigned(s < 0 ? -s : s)"),
        _expr(">> ap_int", "a >> ap_int<12>(s)"),
        _expr("<< ap_uint", "a << ap_uint<11>(s < 0 ? -s : s)"),
        _expr("<< short", "a << short(s)"),
        _compound("<<=", "A", "a", "s"),
        _compound(">>=", "A", "a", "s"),
    ]
    return cases


def fixed_conversion_in_cases(a: ApType, b: ApType) -> list[tuple[str, str]]:
    """Conversions into B (with B's Q/O/N) from every kind of source."""
    cases = [
        _expr("B(fixed)", "B(a)"),
        _expr("B(double)", "B(d)"),
        _expr("B(float)", "B(float(d))"),
        _expr("B = double", "[&] { B c; c = d; return c; }()"),
        _expr("B(ap_int)", f"B(ap_int<{min(a.width, 200)}>(n))"),
        _expr("B(ap_uint)", "B(ap_uint<70>(n))"),
    ]
    cases += [_expr(f"B({t})", f"B(({t})n)") for t in C_INTEGER_TYPES]
    cases.append(("B(string)", "emit(#, B(kStrings[v % kStringCount]));"))
    return cases


def fixed_conversion_out_cases(a: ApType, b: ApType) -> list[tuple[str, str]]:
    cases = [_expr(name, f"a.{name}()") for name in ("to_int", "to_uint", "to_int64", "to_uint64")]
    cases += [
        _expr("(int)", "int(a)"),
        _expr("(long long)", "(long long)a"),
        _expr("(bool)", "bool(a)"),
        _expr("!", "!a"),
        _expr("ap_int(fixed)", "ap_int<40>(a)"),
        _expr("ap_uint(fixed)", "ap_uint<9>(a)"),
        _expr("ap_int(fixed)", f"ap_int<{a.width + 3}>(a)"),
    ]
    if a.fits_double():
        cases += [_expr("to_double", "a.to_double()"), _expr("(double)", "double(a)")]
    if a.fits_float():
        cases += [_expr("to_float", "a.to_float()"), _expr("(float)", "float(a)")]
    hi, lo = sorted(
        random.Random(a.width * 31 + b.width).sample(range(a.width), 2) if a.width > 1 else (0, 0),
        reverse=True,
    )
    range_type = f"ap_uint<{a.width}>"
    cases += [
        _expr("range read", f"{range_type}(a.range({hi}, {lo}))"),
        _expr("range read reversed", f"{range_type}(a.range({lo}, {hi}))"),
        _expr("bit read", f"bool(a[{hi}])"),
        _expr("get_bit", f"a.get_bit({hi - a.fraction_bits})"),
        ("range write", f"{{ A c = a; c.range({hi}, {lo}) = n; emit(#, c); }}"),
        ("range write", f"{{ A c = a; c.range({hi}, {lo}) = b; emit(#, c); }}"),
        ("range write reversed", f"{{ A c = a; c.range({lo}, {hi}) = int(n); emit(#, c); }}"),
        ("bit write", f"{{ A c = a; c[{lo}] = !c[{lo}]; emit(#, c); }}"),
    ]
    if a.width <= 128 and 0 < a.iwidth <= a.width:
        cases += [_expr(f"to_string({radix})", f"a.to_string({radix})") for radix in (2, 8, 16)]
        cases.append(_expr("to_string(16, false)", "a.to_string(16, false)"))
    if a.width <= 128:
        cases += [
            _expr("to_string(10)", "a.to_string(10)"),
            _expr("operator<<", "diff::streamed(a)"),
        ]
        cases.append(
            _expr(
                "operator<< setprecision",
                "[&] { std::ostringstream o; o << std::setprecision(12) << a; return o.str(); }()",
            )
        )
        cases.append(
            _expr(
                "operator<< setw",
                "[&] { std::ostringstream o; o << std::setw(14) << std::setfill('*') << a;"
                " return o.str(); }()",
            )
        )
    return cases


def int_arithmetic_cases(a: ApType, b: ApType) -> list[tuple[str, str]]:
    cases = [_expr(op, f"a {op} b") for op in BINARY_OPERATORS]
    if vendor_divides_exactly(a, b):
        cases += [_expr("/", "a / diff::nonzero(b)"), _expr("%", "a % diff::nonzero(b)")]
    cases += [
        _expr("unary -", "-a"),
        _expr("~", "~a"),
        _expr("unary +", "+a"),
    ]
    cases += [_expr(f"{op} int", f"a {op} int(n)") for op in ("+", "-", "*", "&")]
    cases += [
        _expr("+ unsigned", "a + unsigned(n)"),
        _expr("* long long", "a * n"),
        _expr("/ int", "a / (int(n) == 0 ? 3 : int(n))"),
        _expr("% int", "a % (int(n) == 0 ? 3 : int(n))"),
        _expr("| bool", "a | bool(n)"),
        _expr("- char", "a - char(n)"),
    ]
    cases += [
        _expr("+ double", "a + d"),
        _expr("* double", "a * d"),
        _expr("- float", "a - float(d)"),
    ]
    return cases


def int_compound_cases(a: ApType, b: ApType) -> list[tuple[str, str]]:
    cases = [_compound(op, "A", "a", "b") for op in COMPOUND_OPERATORS]
    if vendor_divides_exactly(a, b):
        cases += [
            _compound("/=", "A", "a", "diff::nonzero(b)"),
            _compound("%=", "A", "a", "diff::nonzero(b)"),
        ]
    cases += [
        _compound("<<=", "A", "a", "s"),
        _compound(">>=", "A", "a", "s"),
        _compound("+=", "A", "a", "int(n)"),
        _compound("*=", "A", "a", "n"),
    ]
    cases += STEP_CASES
    cases += [
        _expr("= double", "[&] { A c = a; c = a + d; return c; }()"),
    ]
    return cases


def int_compare_shift_cases(a: ApType, b: ApType) -> list[tuple[str, str]]:
    cases = [_expr(op, f"a {op} b") for op in COMPARISONS]
    cases += [_expr(f"{op} int", f"a {op} int(n)") for op in ("<", "==", ">")]
    cases += [_expr(f"{op} unsigned", f"a {op} unsigned(n)") for op in ("<=", "!=")]
    cases += [_expr(f"{op} long long", f"a {op} n") for op in (">=", "==")]
    cases += [
        _expr("int <", "int(n) < a"),
        _expr("< double", "a < d"),
        _expr("== double", "a == d"),
    ]
    cases += [
        _expr("<< int", "a << s"),
        _expr(">> int", "a >> s"),
        _expr("<< unsigned", "a << unsigned(s < 0 ? -s : s)"),
        _expr(">> unsigned", "a >> unsigned(s < 0 ? -s : s)"),
        _expr("<< ap_int", "a << ap_int<12>(s)"),
        _expr(">> ap_uint", "a >> ap_uint<11>(s < 0 ? -s : s)"),
        # A C integer shifted by an ap value converts the ap value to its C integer type first;
        # the shift count stays below 16 so that the C shift is defined.
        _expr("int << ap_uint", "int(n & 0xffff) << ap_uint<4>(s & 15)"),
        _expr("long long >> ap_int", "n >> ap_int<6>(s & 15)"),
    ]
    return cases


def int_conversion_cases(a: ApType, b: ApType) -> list[tuple[str, str]]:
    cases = [
        _expr("A(B)", "A(b)"),
        _expr("B(A)", "B(a)"),
        _expr("A(double)", "A(d)"),
        _expr("A(float)", "A(float(d))"),
        _expr("A = double", "[&] { A c; c = d; return c; }()"),
    ]
    cases += [_expr(f"A({t})", f"A(({t})n)") for t in C_INTEGER_TYPES]
    cases.append(("A(string)", "emit(#, A(kStrings[v % kStringCount]));"))
    cases.append(("A(string, radix)", "emit(#, A(kRadixStrings[v % kRadixStringCount], 16));"))
    cases += [
        _expr(name, f"a.{name}()")
        for name in (
            "to_int",
            "to_uint",
            "to_int64",
            "to_uint64",
            "to_double",
            "to_bool",
            "to_char",
            "to_ushort",
            "to_long",
        )
    ]
    cases += [
        _expr("to_float", "a.to_float()"),
        _expr("(long long)", "(long long)a"),
        _expr("(double)", "(double)a"),
        _expr("(unsigned)", "(unsigned)a"),
    ]
    return cases


def int_bits_cases(a: ApType, b: ApType) -> list[tuple[str, str]]:
    hi, lo = sorted(
        random.Random(a.width * 17 + b.width).sample(range(a.width), 2) if a.width > 1 else (0, 0),
        reverse=True,
    )
    concat_type = f"ap_uint<{a.width + b.width}>"
    cases = [
        _expr("range read", f"ap_uint<{a.width}>(a.range({hi}, {lo}))"),
        _expr("range read reversed", f"ap_uint<{a.width}>(a.range({lo}, {hi}))"),
        _expr("range + int", f"a.range({hi}, {lo}) + 1"),
        _expr("range()", f"ap_uint<{a.width}>(a.range())"),
        _expr("bit read", f"bool(a[{hi}])"),
        _expr("get_bit", f"a.get_bit({lo})"),
        ("range write", f"{{ A c = a; c.range({hi}, {lo}) = b; emit(#, c); }}"),
        ("range write", f"{{ A c = a; c.range({hi}, {lo}) = n; emit(#, c); }}"),
        ("range write reversed", f"{{ A c = a; c.range({lo}, {hi}) = b; emit(#, c); }}"),
        ("bit write", f"{{ A c = a; c[{lo}] = int(n); emit(#, c); }}"),
        ("set_bit", f"{{ A c = a; c.set_bit({hi}, bool(n & 1)); emit(#, c); }}"),
        _expr("concat", f"{concat_type}((a, b))"),
        _expr("concat", f"{concat_type}(a.concat(b))"),
        _expr("concat range", f"ap_uint<{hi - lo + 1 + b.width}>((a.range({hi}, {lo}), b))"),
        ("concat write", "{ A h = a; B l = b; (h, l) = n; emit(#, h); emit(#, l); }"),
        _expr("concat C int", f"ap_uint<{a.width + 32}>((a, int(n)))"),
        _expr("C int concat", f"ap_uint<{a.width + 32}>((int(n), a))"),
        # Arithmetic between a concatenation and anything but another concatenation differs on
        # purpose (see ap_int.h); written with an explicit cast it is the same in both.
        _expr("concat + concat", "(a, b) + (b, a)"),
        _expr("cast concat * ap", f"{concat_type}((a, b)) * b"),
        ("reverse", "{ A c = a; c.reverse(); emit(#, c); }"),
        ("lrotate", f"{{ A c = a; c.lrotate((s < 0 ? -s : s) % {a.width}); emit(#, c); }}"),
        ("rrotate", f"{{ A c = a; c.rrotate((s < 0 ? -s : s) % {a.width}); emit(#, c); }}"),
        _expr("and_reduce", "a.and_reduce()"),
        _expr("or_reduce", "a.or_reduce()"),
        _expr("xor_reduce", "a.xor_reduce()"),
        # countLeadingZeros() is not const in the vendor headers.
        ("countLeadingZeros", "{ A c = a; emit(#, c.countLeadingZeros()); }"),
    ]
    if a.width <= 256:
        cases += [_expr(f"to_string({radix})", f"a.to_string({radix})") for radix in (2, 8, 10, 16)]
        cases += [
            _expr("to_string(16, false)", "a.to_string(16, false)"),
            _expr("to_string(8, true)", "a.to_string(8, true)"),
            _expr("operator<<", "diff::streamed(a)"),
            _expr(
                "operator<< hex",
                "[&] { std::ostringstream o; o << std::hex << a; return o.str(); }()",
            ),
        ]
    return cases


def mixed_cases(a: ApType, b: ApType) -> list[tuple[str, str]]:
    """A is ap_fixed, B is ap_int."""
    cases = [_expr(f"fixed {op} int", f"a {op} b") for op in ("+", "-", "*", "&", "^")]
    cases += [
        _expr("fixed / int", "a / diff::nonzero(b)"),
        _expr("int / fixed", "b / diff::nonzero(a)"),
        _expr("int - fixed", "b - a"),
        _expr("int * fixed", "b * a"),
    ]
    cases += [
        _expr(f"fixed {op} C int", f"a {op} {t}(n)")
        for op, t in (("+", "int"), ("*", "int"), ("-", "bool"), ("+", "char"), ("*", "long"))
    ]
    cases.append(_expr("fixed / C int", "a / (int(n) == 0 ? 7 : int(n))"))
    cases += [_expr(f"fixed {op} int", f"a {op} b") for op in ("<", "==", ">=")]
    cases += [_expr(f"int {op} fixed", f"b {op} a") for op in ("!=", ">")]
    cases += [_compound(op, "B", "b", "a") for op in ("+=", "-=", "*=")]
    # `ap_int /= ap_fixed` divides by the fixed value truncated toward zero, which may be 0. For
    # I <= 0 the vendor divides by a 1-bit integer that is 0 even where to_int64() gives -1.
    if a.iwidth >= 1:
        cases.append(("/=", "{ B c = b; if (a.to_int64() != 0) c /= a; emit(#, c); }"))
    cases += [_compound(op, "A", "a", "b") for op in ("+=", "*=")]
    cases += [_compound("+=", "A", "a", "int(n)"), _compound("-=", "A", "a", "(long long)n")]
    return cases


COMBO_KINDS = {
    "fixed arithmetic": ("fixed", "fixed", fixed_arithmetic_cases),
    "fixed compound/convert": ("fixed", "fixed", fixed_compound_cases),
    "fixed compare/shift": ("fixed", "fixed", fixed_compare_shift_cases),
    "fixed conversion in": ("fixed", "fixed", fixed_conversion_in_cases),
    "fixed conversion out": ("fixed", "fixed", fixed_conversion_out_cases),
    "int arithmetic": ("int", "int", int_arithmetic_cases),
    "int compound": ("int", "int", int_compound_cases),
    "int compare/shift": ("int", "int", int_compare_shift_cases),
    "int conversion": ("int", "int", int_conversion_cases),
    "int bits/strings": ("int", "int", int_bits_cases),
    "fixed/int mixed": ("fixed", "int", mixed_cases),
}


# ---------------------------------------------------------------------------------------------
# Special input values


def special_doubles(target: ApType) -> list[float]:
    """Zero, LSB multiples, half-LSB ties and values just inside/beyond the target's range."""
    lsb = math.ldexp(1.0, -target.fraction_bits)
    if target.signed:
        max_value = math.ldexp(1.0, target.iwidth - 1) - lsb
        min_value = -math.ldexp(1.0, target.iwidth - 1)
    else:
        max_value = math.ldexp(1.0, target.iwidth) - lsb
        min_value = 0.0
    values = [
        0.0,
        -0.0,
        lsb,
        -lsb,
        lsb / 2,
        -lsb / 2,
        1.5 * lsb,
        -1.5 * lsb,
        2.5 * lsb,
        -2.5 * lsb,
        max_value,
        max_value + lsb / 2,
        max_value + lsb,
        max_value + lsb / 4,
        min_value,
        min_value - lsb / 2,
        min_value - lsb,
        min_value + lsb / 2,
        2 * max_value + 3 * lsb,
        -2 * max_value,
        1.0,
        -1.0,
        0.5,
        -0.75,
    ]
    return [v for v in values if math.isfinite(v)]


def special_strings(rng: random.Random, target: ApType) -> list[str]:
    """String literals for the ap_fixed(const char*) constructor in several radixes."""
    low, high = target.value_exponent_range()
    strings = []
    for _ in range(12):
        value = rng.uniform(-1, 1) * math.ldexp(
            1.0, rng.randint(max(low - 2, -60), min(high + 2, 60))
        )
        mantissa = f"{value:.{rng.randint(1, 12)}e}"
        strings.append(mantissa)
        strings.append(f"{abs(value):.6f}" if value >= 0 else f"-{abs(value):.6f}")
        strings.append(value.hex().replace("+", ""))  # C99 hex float: 0x1.8p3
    magnitude = rng.getrandbits(max(1, min(target.iwidth, 40)))
    fraction = rng.getrandbits(8)
    strings += [
        f"0b{magnitude:b}.{fraction:08b}",
        f"-0B{magnitude:b}.1",
        f"0o{magnitude:o}.{fraction:o}",
        f"-0x{magnitude:x}.{fraction:02X}",
        f"  {magnitude}.5  ",
        f"+{magnitude}e-2",
        "0",
        "-0.0",
        "0x1p-3",
        f"{magnitude}.{fraction}E+1",
    ]
    return strings


def integer_strings(rng: random.Random, target: ApType) -> list[str]:
    strings = []
    for _ in range(10):
        value = rng.getrandbits(rng.randint(1, target.width + 4))
        sign = rng.choice(["", "-"])
        strings += [f"{sign}{value}", f"{sign}0x{value:x}", f"0b{value:b}", f"{sign}0o{value:o}"]
    return strings


def radix_strings(rng: random.Random, target: ApType) -> list[str]:
    return [f"{rng.getrandbits(rng.randint(1, target.width + 4)):X}" for _ in range(8)]


# ---------------------------------------------------------------------------------------------
# Combo and program generation


def _random_type(rng: random.Random, family: str) -> ApType:
    return random_fixed(rng) if family == "fixed" else random_int(rng)


def make_combo(rng: random.Random, kind: str, ordinal: int) -> Combo:
    """Builds combo number `ordinal` of its kind.

    Every distinct result type costs about 0.1 s of vendor-header compile time, so a combo keeps
    only every other case of its kind's list (alternating with the ordinal): each case is still
    covered by half of the combos of its kind.
    """
    a_family, b_family, builder = COMBO_KINDS[kind]
    while True:
        a_type = _random_type(rng, a_family)
        b_type = _random_type(rng, b_family)
        if pair_fits(a_type, b_type):
            break
    all_cases = builder(a_type, b_type)
    cases = [
        Case(label, statement)
        for position, (label, statement) in enumerate(all_cases)
        if (position + ordinal) % CASE_THINNING == 0
    ]
    combo = Combo(kind, a_type, b_type, cases)
    target = b_type if kind == "fixed conversion in" else a_type
    combo.special_doubles = special_doubles(target)
    if kind == "fixed conversion in":
        combo.tie_bits = max(0, a_type.fraction_bits - b_type.fraction_bits)
        combo.strings = special_strings(rng, b_type)
    elif kind == "fixed compound/convert":
        combo.tie_bits = max(0, b_type.fraction_bits - a_type.fraction_bits)
    elif kind == "int conversion":
        combo.strings = integer_strings(rng, a_type)
        combo.radix_strings = radix_strings(rng, a_type)
    return combo


def make_combos(seed: int, combo_count: int) -> list[Combo]:
    rng = random.Random(seed)
    kinds = list(COMBO_KINDS)
    return [
        make_combo(rng, kinds[index % len(kinds)], index // len(kinds))
        for index in range(combo_count)
    ]


def _cpp_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _double_literal(value: float) -> str:
    return "-0.0" if value == 0 and math.copysign(1, value) < 0 else value.hex()


def _string_table(array_name: str, count_name: str, strings: list[str]) -> list[str]:
    entries = ", ".join(_cpp_string(s) for s in strings) or '""'
    return [
        f"  static const char* const {array_name}[] = {{{entries}}};",
        f"  constexpr int {count_name} = {max(1, len(strings))};",
    ]


def render_combo(index: int, combo: Combo, seed: int, values: int) -> str:
    a_low, a_high = combo.a_type.value_exponent_range()
    b_low, b_high = combo.b_type.value_exponent_range()
    exp_low = max(min(a_low, b_low) - 4, -DOUBLE_SAFE_EXPONENT + 10)
    exp_high = min(max(a_high, b_high) + 4, DOUBLE_SAFE_EXPONENT - 10)
    max_shift = combo.a_type.width + 3
    doubles = ", ".join(_double_literal(v) for v in combo.special_doubles)
    lines = [
        f"// combo {index}: {combo.describe()}",
        f"static void combo_{index}() {{",
        f"  using A = {combo.a_type.cpp()};",
        f"  using B = {combo.b_type.cpp()};",
        f"  static const double kSpecialDoubles[] = {{{doubles}}};",
        f"  constexpr int kSpecialDoubleCount = {len(combo.special_doubles)};",
        *_string_table("kStrings", "kStringCount", combo.strings),
        *_string_table("kRadixStrings", "kRadixStringCount", combo.radix_strings),
        f"  diff::Rng rng({(seed * 1_000_003 + index) % 2**64}ULL);",
        f'  std::printf("C {index}\\n");',
        f"  for (int v = 0; v < {values}; ++v) {{",
        f"    const A a = diff::random_ap<A>(rng, v, {combo.tie_bits});",
        "    const B b = diff::random_ap<B>(rng, v, 0);",
        "    const long long n = diff::random_c_integer(rng);",
        "    const double d = (v < kSpecialDoubleCount) ? kSpecialDoubles[v]",
        f"                     : diff::random_double(rng, {exp_low}, {exp_high});",
        f"    const int s = static_cast<int>(rng.between({-max_shift}, {max_shift}));",
        "    diff::begin_value(v, a, b, n, d, s);",
    ]
    for case_index, case in enumerate(combo.cases):
        statement = case.statement.replace("emit(#,", f"diff::emit({case_index},")
        lines.append(f"    {statement}")
    lines += ["    (void)n; (void)d; (void)s; (void)kStrings; (void)kRadixStrings;", "  }", "}", ""]
    return "\n".join(lines)


@dataclass
class Program:
    """One translation unit: its combos (with global indices) and the C++ source."""

    name: str
    combo_indices: list[int]
    source: str


def estimated_compile_cost(combo: Combo) -> float:
    """Relative compile cost: a per-type-pair part plus a per-case part; wide types cost more."""
    wide = max(combo.a_type.width, combo.b_type.width) > 64
    return (1.0 if wide else 0.6) + 0.08 * len(combo.cases)


def split_into_programs(combos: list[Combo], program_count: int) -> list[list[int]]:
    """Greedy balancing of estimated compile cost across translation units."""
    buckets: list[list[int]] = [[] for _ in range(program_count)]
    loads = [0.0] * program_count
    order = sorted(range(len(combos)), key=lambda i: -estimated_compile_cost(combos[i]))
    for index in order:
        target = loads.index(min(loads))
        buckets[target].append(index)
        loads[target] += estimated_compile_cost(combos[index])
    return [sorted(bucket) for bucket in buckets]


def render_program(
    name: str, combos: list[Combo], indices: list[int], seed: int, values: int
) -> Program:
    parts = [
        f"// Generated by program_generator.py (seed {seed}); do not edit.",
        '#include "diff_support.h"',
        "",
    ]
    parts += [render_combo(index, combos[index], seed, values) for index in indices]
    parts.append("int main() {")
    parts += [f"  combo_{index}();" for index in indices]
    parts += ["  return 0;", "}", ""]
    return Program(name, indices, "\n".join(parts))


def values_per_combo(combos: list[Combo], target_value_cases: int) -> int:
    total_cases = sum(len(combo.cases) for combo in combos)
    return max(MIN_VALUES_PER_COMBO, math.ceil(target_value_cases / total_cases))
