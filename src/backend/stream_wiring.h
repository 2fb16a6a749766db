#ifndef HLSNN_BACKEND_STREAM_WIRING_H
#define HLSNN_BACKEND_STREAM_WIRING_H

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "backend/project_symbols.h"

namespace hlsnn::backend {

/// How a layer runs in an io_stream design.
enum class StreamForm {
  kSource,  ///< an Input: the caller writes its stream
  kAlias,   ///< a Flatten that passes its input's stream on (LayerSymbols::aliases_input)
  kWords,   ///< the family's stream kernel, word by word
  kBlock,   ///< the whole tensor read into an array, the io_parallel kernel, the result written
  kRepack,  ///< a Reshape (or type change): values regrouped into words of the new last axis
};

/// One hls::stream between two processes of the dataflow region (or between the caller and it).
struct StreamChannel {
  std::string variable;   ///< C++ identifier, also the stream's name in the C simulation
  std::string word_type;  ///< typedef of its words (an nnet::array)
  int64_t word_size = 0;
  int64_t words = 0;     ///< words per sample
  std::string producer;  ///< process names (see StreamProcess)
  std::string consumer;
  /// An argument of the top function (model input or output): the caller's FIFO, not declared
  /// in the design and without a depth.
  bool is_argument = false;
  /// FIFO depth in words (0 for arguments): the default, a config value or a sized one.
  int64_t depth = 0;
  /// The layer whose output the stream carries (FIFODepth of that layer applies).
  const LayerSymbols* layer = nullptr;
};

/// A process of the dataflow region for the schedule model: a layer's kernel, a stream copy, or
/// the caller feeding an input / draining an output. Per process the model takes the cycles
/// between two reads of one input stream (read_interval), between two writes of one output
/// stream (write_interval) and from a read to the first write after it (latency); see
/// stream_timing.h.
struct StreamProcess {
  std::string name;
  int64_t read_interval = 1;
  int64_t write_interval = 1;
  int64_t latency = 1;
};

/// A nnet::clone_stream call: the words of `from` copied into `to_first` and `to_second`.
struct CloneStep {
  size_t from = 0;
  size_t to_first = 0;
  size_t to_second = 0;
};

struct StreamLayer {
  StreamForm form = StreamForm::kWords;
  /// The channel each input reads, in argument order.
  std::vector<size_t> inputs;
  /// The channel the layer writes (for an alias: the one its readers read).
  size_t output = 0;
  /// Run right after the layer: copies of its output for its several readers.
  std::vector<CloneStep> clones;
};

/// The streams of an io_stream design: every channel with its word type, size and depth, which
/// channel each layer reads and writes, the copies of tensors read more than once, and the
/// processes of the schedule model.
struct StreamWiring {
  std::vector<StreamChannel> channels;
  std::vector<StreamLayer> layers;  ///< by LayerSymbols::index
  std::vector<StreamProcess> processes;
};

/// Wires the streams of `symbols` (an io_stream graph). Depths: `sized_depths` by channel
/// variable when given (FIFO sizing), else the layer's FIFODepth option, else the model's uniform
/// FIFODepth, else the words of one sample (the reference tool's default, always safe: no FIFO
/// can fill within a sample).
StreamWiring make_stream_wiring(const ProjectSymbols& symbols, const ir::ModelSettings& settings,
                                const std::map<std::string, int64_t>& sized_depths = {});

}  // namespace hlsnn::backend

#endif  // HLSNN_BACKEND_STREAM_WIRING_H
