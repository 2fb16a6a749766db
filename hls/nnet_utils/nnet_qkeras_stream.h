#ifndef HLSNN_NNET_QKERAS_STREAM_H_
#define HLSNN_NNET_QKERAS_STREAM_H_

// The QKeras activation quantizers (nnet_qkeras.h), io_stream: each word through the io_parallel
// kernel with the config narrowed to one word (nnet_activation_stream.h's activation_words and
// NNET_STREAM_WORD_KERNEL), so both IO types compute the same bits.

#include "nnet_activation_stream.h"
#include "nnet_qkeras.h"

namespace nnet {

NNET_STREAM_WORD_KERNEL(clipped_relu)
NNET_STREAM_WORD_KERNEL(po2_activation)
NNET_STREAM_WORD_KERNEL(step_activation)
NNET_STREAM_WORD_KERNEL(qkeras_table_activation)

}  // namespace nnet

#endif  // HLSNN_NNET_QKERAS_STREAM_H_
