#ifndef HLSNN_BACKEND_STREAM_TIMING_H
#define HLSNN_BACKEND_STREAM_TIMING_H

// The per-process figures of the dataflow schedule model (FIFO sizing without a vendor tool): for
// each kernel, from its class, reuse factor and shapes, the cycles between two reads of one input
// stream, between two writes of one output stream, and from a read to the first write after it.
//
// They are estimates of what the HLS tool schedules, not its report: a pipelined loop reads one
// word per initiation interval (the reuse factor where the kernel pipelines with II = reuse
// factor), a multiplication and an addition take a cycle each, a balanced adder or comparator
// tree over n values takes ceil(log2 n) cycles, a table lookup two. Where the tool schedules
// differently (other clock targets, operator latencies, a kernel it cannot pipeline as written)
// the model's times, and so its occupancies, are off; the FIFO sizing documents that.

#include "backend/stream_wiring.h"

namespace hlsnn::backend {

/// The process of a layer running in `form` (kWords, kBlock or kRepack), named `name`.
/// `input_word_size` is the size of the words it reads (its first input's).
StreamProcess layer_process(const LayerSymbols& layer, StreamForm form, int64_t input_word_size,
                            std::string name);

/// A nnet::clone_stream: one word per cycle in, one to each copy per cycle, one cycle later.
StreamProcess clone_process(std::string name);

/// The caller: feeds a model input one word per cycle from cycle 0, or drains an output as soon as
/// a word arrives.
StreamProcess caller_process(std::string name);

/// ceil(log2(n)) for n >= 1: the depth of a balanced tree over n values.
int64_t tree_depth(int64_t n);

}  // namespace hlsnn::backend

#endif  // HLSNN_BACKEND_STREAM_TIMING_H
