#ifndef HLSNN_PROJECT_BRIDGE_ABI_H
#define HLSNN_PROJECT_BRIDGE_ABI_H

// The C ABI between a generated project's emulation bridge (<project>_bridge.cpp, written by the
// backend) and the runtime that loads it. One call runs a whole chunk of samples, so the runtime
// splits a batch over threads with one call per thread and Python pays one call per batch.
//
// Arrays are row-major, one array per model input / output / traced layer, each holding
// `sample_count` consecutive samples of that tensor's element count (from the manifest).
// A function returns 0 on success; otherwise it writes a NUL-terminated message of at most
// `message_size` bytes (naming, for example, the stream that ran dry) and returns non-zero.
//
// The runtime compiles projects with hidden visibility and exports only these symbols
// (kBridgeSymbols), so a bridge declares each with __attribute__((visibility("default"))).

#include <cstddef>
#include <cstdint>

namespace hlsnn::project {

inline constexpr int kBridgeAbiVersion = 2;

inline constexpr const char* kBridgeAbiVersionSymbol = "hlsnn_bridge_abi_version";
using BridgeAbiVersionFunction = int();

/// The library's bridge_signature() (manifest.h) as it was when the project was written: the
/// runtime checks a manifest against it before sizing any array from the manifest.
inline constexpr const char* kBridgeSignatureSymbol = "hlsnn_bridge_signature";
using BridgeSignatureFunction = const char*();

inline constexpr const char* kPredictDoubleSymbol = "hlsnn_predict_f64";
using PredictDoubleFunction = int(const double* const* inputs, double* const* outputs,
                                  int64_t sample_count, char* message, size_t message_size);

/// Inputs converted from float, outputs converted to float directly (one rounding), as the
/// reference tool does for float32 arrays.
inline constexpr const char* kPredictFloatSymbol = "hlsnn_predict_f32";
using PredictFloatFunction = int(const float* const* inputs, float* const* outputs,
                                 int64_t sample_count, char* message, size_t message_size);

inline constexpr const char* kTraceDoubleSymbol = "hlsnn_trace_f64";
using TraceDoubleFunction = int(const double* const* inputs, double* const* outputs,
                                double* const* layer_outputs, int64_t sample_count, char* message,
                                size_t message_size);

/// io_stream designs compiled against hlsnn's hls_stream.h only (the symbol is absent otherwise):
/// runs one sample and reports every stream read and write, in the order the C simulation makes
/// them, by the stream's name (the manifest's streams, or "nnet::..." for a stream inside one
/// kernel); `is_write` is 1 for a write. The schedule
/// model (runtime/dataflow_schedule.h) times these operations to size the FIFOs.
inline constexpr const char* kRecordStreamsSymbol = "hlsnn_record_streams_f64";
using StreamEventCallback = void(void* context, const char* stream_name, int is_write);
using RecordStreamsFunction = int(const double* const* inputs, StreamEventCallback* on_event,
                                  void* context, char* message, size_t message_size);

/// Every symbol a compiled project exports, and for an io_stream design kRecordStreamsSymbol; the
/// runtime's libraries export nothing else.
inline constexpr const char* kBridgeSymbols[] = {kBridgeAbiVersionSymbol, kBridgeSignatureSymbol,
                                                 kPredictDoubleSymbol, kPredictFloatSymbol,
                                                 kTraceDoubleSymbol};

}  // namespace hlsnn::project

#endif  // HLSNN_PROJECT_BRIDGE_ABI_H
