"""fuzz/check_hdf5_findings.py sorts the HDF5 fuzz targets' findings by the stack of a replay,
printed with every frame's module (the replay's stack_trace_format). The stacks here are those of
real reports (clang 14, Debian 12's HDF5 1.10 without symbols for its static functions, libc with
debug information), including the frames that used to mislabel HDF5's failures as hlsnn's."""

import importlib.util
import pathlib

import pytest

SCRIPT = pathlib.Path(__file__).resolve().parents[2] / "fuzz" / "check_hdf5_findings.py"
spec = importlib.util.spec_from_file_location("check_hdf5_findings", SCRIPT)
check = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check)

FUZZ = "/work/build-fuzz/fuzz/fuzz_h5_model"
HDF5 = "/lib/x86_64-linux-gnu/libhdf5_serial.so.103"
LIBC = "/lib/x86_64-linux-gnu/libc.so.6"
ZLIB = "/lib/x86_64-linux-gnu/libz.so.1"
HLSNN_READ = [
    (FUZZ, "hlsnn::frontend::(anonymous namespace)::read_strings(long, long, long)"),
    (FUZZ, "hlsnn::frontend::read_keras_h5_bytes(std::string const&, std::string const&)"),
    (FUZZ, "LLVMFuzzerTestOneInput"),
    (FUZZ, "fuzzer::Fuzzer::ExecuteCallback(unsigned char const*, unsigned long)"),
    (FUZZ, "main"),
    (LIBC, "__libc_start_call_main"),
]
LIBFUZZER_REPORT = [
    (FUZZ, "__sanitizer_print_stack_trace"),
    (FUZZ, "fuzzer::PrintStackTrace()"),
]


def report(header, frames, then=""):
    lines = [header] + [
        f"    #{n} 0x7f{n:04x} [{module}] {f}" for n, (module, f) in enumerate(frames)
    ]
    return "\n".join(lines) + "\n" + then


# HDF5 trusting a variable-length string's length: SEGV in H5HG_read (a real finding).
SEGV_IN_HDF5 = report(
    "==1==ERROR: AddressSanitizer: SEGV on unknown address 0x627000018128",
    [(HDF5, "H5HG_read"), (HDF5, "<null>"), (HDF5, "H5T__conv_vlen"), (HDF5, "H5Aread")]
    + HLSNN_READ,
)
# H5A__read copying past an attribute's data: the overflow is in the memcpy interceptor.
OVERFLOW_IN_HDF5 = report(
    "==2==ERROR: AddressSanitizer: heap-buffer-overflow on address 0x6030000055a3",
    [(FUZZ, "__interceptor_memcpy"), (HDF5, "H5A__read"), (HDF5, "H5Aread")] + HLSNN_READ,
    then="allocated by thread T0 here:\n    #0 0x55 [" + FUZZ + "] malloc\n",
)
# A timeout caught in libc's munmap, which has symbols: the old check stopped at that frame.
TIMEOUT_IN_LIBC = report(
    "==3== ERROR: libFuzzer: timeout after 2 seconds",
    LIBFUZZER_REPORT
    + [
        (FUZZ, "fuzzer::Fuzzer::AlarmCallback()"),
        (LIBC, "<null>"),
        (LIBC, "__GI___munmap"),
        (FUZZ, "__sanitizer::UnmapOrDie(void*, unsigned long)"),
        (FUZZ, "free"),
        (HDF5, "H5T__conv_vlen"),
        (HDF5, "H5Aread"),
    ]
    + HLSNN_READ,
)
# A timeout caught while HDF5's endless iteration runs hlsnn's callback: HDF5's loop.
TIMEOUT_IN_CALLBACK = report(
    "==4== ERROR: libFuzzer: timeout after 2 seconds",
    LIBFUZZER_REPORT
    + [
        (FUZZ, "fuzzer::Fuzzer::AlarmCallback()"),
        (LIBC, "<null>"),
        (FUZZ, "hlsnn::frontend::(anonymous namespace)::collect_name(long, char const*, void*)"),
        (HDF5, "H5G__node_iterate"),
        (HDF5, "H5Literate2"),
    ]
    + HLSNN_READ,
)
# A use after free in that callback, below the same HDF5 call: hlsnn's.
CRASH_IN_CALLBACK = report(
    "==5==ERROR: AddressSanitizer: heap-use-after-free on address 0x6120",
    [
        (FUZZ, "__asan_memcpy"),
        (FUZZ, "hlsnn::frontend::(anonymous namespace)::collect_name(long, char const*, void*)"),
        (HDF5, "H5Literate2"),
    ]
    + HLSNN_READ,
)
# zlib inflating a dataset for HDF5: a library HDF5 calls, so HDF5's.
SEGV_IN_ZLIB = report(
    "==6==ERROR: AddressSanitizer: SEGV on unknown address 0x0000",
    [(ZLIB, "inflate"), (HDF5, "H5Z_filter_deflate"), (HDF5, "H5Dread")] + HLSNN_READ,
)
# libFuzzer's malloc limit, reached by HDF5's metadata cache asking for a size read from the file.
OOM_IN_HDF5 = report(
    "==7== ERROR: libFuzzer: out-of-memory (malloc(4294967296))",
    LIBFUZZER_REPORT
    + [
        (FUZZ, "fuzzer::Fuzzer::HandleMalloc(unsigned long)"),
        (FUZZ, "fuzzer::MallocHook(void const volatile*, unsigned long)"),
        (FUZZ, "__sanitizer::RunMallocHooks(void const*, unsigned long)"),
        (FUZZ, "__asan::asan_malloc(unsigned long, __sanitizer::BufferedStackTrace*)"),
        (FUZZ, "malloc"),
        (HDF5, "<null>"),
        (HDF5, "H5C_protect"),
        (HDF5, "H5Fopen"),
    ]
    + HLSNN_READ,
)
# hlsnn's own runaway allocation, with no HDF5 call on the stack.
OOM_IN_HLSNN = report(
    "==8== ERROR: libFuzzer: out-of-memory (malloc(3221225472))",
    LIBFUZZER_REPORT
    + [
        (FUZZ, "operator new(unsigned long)"),
        (FUZZ, "hlsnn::frontend::decode_weights(std::string_view)"),
    ]
    + HLSNN_READ[2:],
)


@pytest.mark.parametrize(
    "kind, text, site",
    [
        ("crash", SEGV_IN_HDF5, "libhdf5"),
        ("crash", OVERFLOW_IN_HDF5, "libhdf5"),
        ("timeout", TIMEOUT_IN_LIBC, "libhdf5"),
        ("timeout", TIMEOUT_IN_CALLBACK, "libhdf5"),
        ("crash", CRASH_IN_CALLBACK, "hlsnn"),
        ("crash", SEGV_IN_ZLIB, "libhdf5"),
        ("oom", OOM_IN_HDF5, "libhdf5"),
        ("oom", OOM_IN_HLSNN, "hlsnn"),
        ("timeout", "Running: timeout-1\nExecuted timeout-1 in 1504 ms\n", "no report"),
    ],
)
def test_failure_site(kind, text, site):
    assert check.failure_site(kind, text) == site


def test_only_the_first_stack_counts():
    # OVERFLOW_IN_HDF5's allocation stack (malloc, in the fuzz binary) is not the crash's.
    assert check.stack_of(OVERFLOW_IN_HDF5)[-1] == ("__libc_start_call_main", LIBC)


@pytest.mark.parametrize(
    "kind, where, ok",
    [
        ("crash", "inside libhdf5", True),
        ("crash", "in hlsnn", False),
        ("crash", "not reproduced by a replay", False),
        ("timeout", "not reproduced by a replay", True),
        ("oom", "not reproduced by a replay", True),
        ("timeout", "in hlsnn", False),
    ],
)
def test_acceptable(kind, where, ok):
    assert check.acceptable(kind, where) == ok
