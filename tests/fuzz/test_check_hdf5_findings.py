"""fuzz/check_hdf5_findings.py sorts the HDF5 fuzz targets' findings by the stack of a replay:
these reports have the shapes the sanitizers and libFuzzer print (clang 14, HDF5 1.10 without
debug symbols), with the frames that used to mislabel HDF5's failures as hlsnn's."""
# ruff: noqa: E501 -- the reports keep the sanitizers' lines whole, one frame a line

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

# libFuzzer's timeout, caught while HDF5's endless link iteration runs hlsnn's callback.
TIMEOUT_IN_CALLBACK = f"""ALARM: working on the last Unit for 2 seconds
==77== ERROR: libFuzzer: timeout after 2 seconds
    #0 0x55d1 in __sanitizer_print_stack_trace ({FUZZ}+0x4f5b61)
    #1 0x55d2 in fuzzer::PrintStackTrace() ({FUZZ}+0x1b1c2)
    #2 0x55d3 in fuzzer::Fuzzer::AlarmCallback() ({FUZZ}+0x1e7e1)
    #3 0x7f01 ({LIBC}+0x3bf8f)
    #4 0x55d4 in std::vector<std::string>::push_back(std::string const&) /usr/include/c++/12/bits/stl_vector.h:1283:4
    #5 0x55d5 in hlsnn::frontend::(anonymous namespace)::collect_name(long, char const*, H5L_info2_t const*, void*) /work/src/frontend/hdf5_file.cpp:88:9
    #6 0x7f02 in H5L__iterate_cb ({HDF5}+0x1a2b3)
    #7 0x7f03 in H5G__node_iterate ({HDF5}+0x1b2c3)
    #8 0x7f04 in H5Literate2 ({HDF5}+0x1c3d4)
    #9 0x55d6 in hlsnn::frontend::Hdf5Group::children() const /work/src/frontend/hdf5_file.cpp:97:3
"""

# A use after free inside hlsnn's callback, below the same HDF5 call: ours.
CRASH_IN_CALLBACK = f"""==78==ERROR: AddressSanitizer: heap-use-after-free on address 0x6120 at pc 0x55d7
READ of size 8 at 0x6120 thread T0
    #0 0x55d7 in __asan_memcpy ({FUZZ}+0x4b1c2)
    #1 0x55d5 in hlsnn::frontend::(anonymous namespace)::collect_name(long, char const*, H5L_info2_t const*, void*) /work/src/frontend/hdf5_file.cpp:88:9
    #2 0x7f02 in H5L__iterate_cb ({HDF5}+0x1a2b3)
    #3 0x7f04 in H5Literate2 ({HDF5}+0x1c3d4)

0x6120 is located 8 bytes inside of 64-byte region freed by thread T0 here:
    #0 0x55d8 in operator delete(void*) ({FUZZ}+0x4f1d2)
    #1 0x7f05 in H5MM_xfree ({HDF5}+0x2b3c4)
"""

# HDF5 trusting a variable-length string's length: the overflow is in memcpy, called by HDF5.
OVERFLOW_IN_HDF5 = f"""==79==ERROR: AddressSanitizer: heap-buffer-overflow on address 0x6020 at pc 0x55d9
READ of size 400 at 0x6020 thread T0
    #0 0x55d9 in __asan_memcpy ({FUZZ}+0x4b1c2)
    #1 0x7f06 in H5HG_read ({HDF5}+0x9a0b1)
    #2 0x7f07 ({HDF5}+0x1f0e2)
    #3 0x7f08 in H5T__conv_vlen ({HDF5}+0x1e1f2)
    #4 0x7f09 in H5Aread ({HDF5}+0x2f3a4)
    #5 0x55da in hlsnn::frontend::read_string_attribute(long, std::string const&) /work/src/frontend/hdf5_file.cpp:140:7
"""

# A SEGV in zlib, for a dataset HDF5 inflates: a library HDF5 calls, so HDF5's.
SEGV_IN_ZLIB = f"""==80==ERROR: AddressSanitizer: SEGV on unknown address 0x0000 (pc 0x7f0a bp 0x0 sp 0x7ffc T0)
==80==The signal is caused by a READ memory access.
    #0 0x7f0a in inflate (/lib/x86_64-linux-gnu/libz.so.1+0x9b5e)
    #1 0x7f0b in H5Z_filter_deflate ({HDF5}+0x2d4e5)
    #2 0x7f0c in H5Z_pipeline ({HDF5}+0x2d5f6)
    #3 0x55db in hlsnn::frontend::read_dataset(long) /work/src/frontend/hdf5_file.cpp:201:5
"""

# libFuzzer's malloc limit, reached by HDF5's metadata cache asking for a size read from the file.
OOM_IN_HDF5 = f"""==81== ERROR: libFuzzer: out-of-memory (malloc(4294967296))
   To change the out-of-memory limit use -rss_limit_mb=<N>

    #0 0x55dc in __sanitizer_print_stack_trace ({FUZZ}+0x4f5b61)
    #1 0x55dd in fuzzer::PrintStackTrace() ({FUZZ}+0x1b1c2)
    #2 0x55de in fuzzer::Fuzzer::HandleMalloc(unsigned long) ({FUZZ}+0x1f0a1)
    #3 0x55df in fuzzer::MallocHook(void const volatile*, unsigned long) ({FUZZ}+0x1f0b1)
    #4 0x55e0 in __sanitizer::RunMallocHooks(void const*, unsigned long) ({FUZZ}+0x4e0c1)
    #5 0x55e1 in __asan::Allocator::Allocate(unsigned long, unsigned long, __sanitizer::BufferedStackTrace*, __asan::AllocType, bool) ({FUZZ}+0x42d1)
    #6 0x55e2 in __asan::asan_malloc(unsigned long, __sanitizer::BufferedStackTrace*) ({FUZZ}+0x42e1)
    #7 0x55e3 in malloc ({FUZZ}+0x4a0f1)
    #8 0x7f0d ({HDF5}+0x1d0e2)
    #9 0x7f0e in H5C_protect ({HDF5}+0x3e1f2)
    #10 0x55e4 in hlsnn::frontend::Hdf5File::open(std::string const&) /work/src/frontend/hdf5_file.cpp:41:3
"""

# hlsnn's own runaway allocation, with no HDF5 call on the stack.
OOM_IN_HLSNN = f"""==82== ERROR: libFuzzer: out-of-memory (malloc(3221225472))
    #0 0x55dc in __sanitizer_print_stack_trace ({FUZZ}+0x4f5b61)
    #1 0x55dd in fuzzer::PrintStackTrace() ({FUZZ}+0x1b1c2)
    #2 0x55e5 in operator new(unsigned long) ({FUZZ}+0x4f1a2)
    #3 0x55e6 in hlsnn::frontend::decode_weights(std::string_view) /work/src/frontend/keras_file_readers.cpp:77:12
"""


@pytest.mark.parametrize(
    "kind, report, site",
    [
        ("timeout", TIMEOUT_IN_CALLBACK, "libhdf5"),
        ("crash", CRASH_IN_CALLBACK, "hlsnn"),
        ("crash", OVERFLOW_IN_HDF5, "libhdf5"),
        ("crash", SEGV_IN_ZLIB, "libhdf5"),
        ("oom", OOM_IN_HDF5, "libhdf5"),
        ("oom", OOM_IN_HLSNN, "hlsnn"),
        (
            "timeout",
            "INFO: Seed: 1\nRunning: timeout-1\nExecuted timeout-1 in 1504 ms\n",
            "no report",
        ),
    ],
)
def test_failure_site(kind, report, site):
    assert check.failure_site(kind, report) == site


def test_the_first_stack_only():
    # The free stack of CRASH_IN_CALLBACK (operator delete, then HDF5) is not the crash's.
    assert [function for function, _ in check.stack_of(CRASH_IN_CALLBACK)][-1] == "H5Literate2"


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
