#ifndef HLSNN_NNET_STREAM_H_
#define HLSNN_NNET_STREAM_H_

// The plumbing of io_stream designs. A tensor moves through an hls::stream as words: each word is
// an nnet::array of the values that travel together (the last axis: a pixel's channels, a row's
// features), in row-major order. Layer kernels for streams (nnet_*_stream.h) read words, run the
// io_parallel kernel on them and write words, so that both IO types compute the same bits.
//
// Here: the word type, configs narrowed to one word, whole-tensor reads and writes, the copy of a
// stream into two (a tensor read by several layers), repacking into words of another size (with a
// conversion of each value), and, for the C simulation only, the bridge's conversions, the trace
// of a stream's words and the check that a stream was read to its end.

#include "hls_stream.h"
#include "nnet_common.h"

#ifndef __SYNTHESIS__
#include <cstdio>
#include <stdexcept>
#endif

namespace nnet {

// One word of a stream: kSize values of T.
template <typename T, unsigned kSize>
struct array {
  typedef T value_type;
  static const unsigned size = kSize;

  T data[kSize];

  T& operator[](unsigned i) { return data[i]; }
  const T& operator[](unsigned i) const { return data[i]; }
};

// `in` with each value converted to out_T's value type, as io_parallel converts it.
template <class out_T, class in_T>
out_T convert_word(const in_T& in) {
#pragma HLS INLINE
  static_assert(in_T::size == out_T::size, "convert_word: the words differ in size");
  out_T out;
ConvertValues:
  for (unsigned j = 0; j < out_T::size; j++) {
#pragma HLS UNROLL
    out[j] = static_cast<typename out_T::value_type>(in[j]);
  }
  return out;
}

// A word of zeros: what a padded position holds.
template <class word_T>
word_T zero_word() {
#pragma HLS INLINE
  word_T out;
ZeroValues:
  for (unsigned j = 0; j < word_T::size; j++) {
#pragma HLS UNROLL
    out[j] = 0;
  }
  return out;
}

// kWords words of `in` passed to `out` in order, each value converted: one word per cycle.
template <class in_T, class out_T, unsigned kWords>
void convert_words(hls::stream<in_T>& in, hls::stream<out_T>& out) {
#pragma HLS INLINE
ConvertWords:
  for (unsigned w = 0; w < kWords; w++) {
#pragma HLS PIPELINE
    out.write(convert_word<out_T>(in.read()));
  }
}

// A layer's config with its element counts narrowed to one word of kWord values: the io_parallel
// kernels run on each word with it. Elementwise kernels read n_in, merges n_elem*.
template <typename CONFIG_T, unsigned kWord>
struct word_config : CONFIG_T {
  static const unsigned n_in = kWord;
  static const unsigned n_elem = kWord;
  static const unsigned n_elem1 = kWord;
  static const unsigned n_elem2 = kWord;
};

// Reads the kCount values of a tensor from its stream (kCount / word size words).
template <class word_T, unsigned kCount>
void read_tensor(hls::stream<word_T>& stream, typename word_T::value_type data[kCount]) {
  static_assert(kCount % word_T::size == 0,
                "read_tensor: the tensor is not a whole number of words");
ReadWords:
  for (unsigned w = 0; w < kCount / word_T::size; w++) {
#pragma HLS PIPELINE
    const word_T word = stream.read();
    for (unsigned j = 0; j < word_T::size; j++) {
#pragma HLS UNROLL
      data[w * word_T::size + j] = word[j];
    }
  }
}

// Writes the kCount values of a tensor to its stream.
template <class word_T, unsigned kCount>
void write_tensor(const typename word_T::value_type data[kCount], hls::stream<word_T>& stream) {
  static_assert(kCount % word_T::size == 0,
                "write_tensor: the tensor is not a whole number of words");
WriteWords:
  for (unsigned w = 0; w < kCount / word_T::size; w++) {
#pragma HLS PIPELINE
    word_T word;
    for (unsigned j = 0; j < word_T::size; j++) {
#pragma HLS UNROLL
      word[j] = data[w * word_T::size + j];
    }
    stream.write(word);
  }
}

// The kCount values of `in` written to both `out1` and `out2`: the stream of a tensor that two
// layers read (chained for more readers).
template <class word_T, unsigned kCount>
void clone_stream(hls::stream<word_T>& in, hls::stream<word_T>& out1, hls::stream<word_T>& out2) {
CloneWords:
  for (unsigned w = 0; w < kCount / word_T::size; w++) {
#pragma HLS PIPELINE
    const word_T word = in.read();
    out1.write(word);
    out2.write(word);
  }
}

// The kCount values of `in`, in order, regrouped into words of out_T::size and each converted to
// out_T's value type (a Reshape, or a type change): one value per cycle.
template <class in_T, class out_T, unsigned kCount>
void repack_stream(hls::stream<in_T>& in, hls::stream<out_T>& out) {
  static_assert(kCount % in_T::size == 0 && kCount % out_T::size == 0,
                "repack_stream: the tensor is not a whole number of words");
  in_T in_word;
  out_T out_word;
  unsigned in_position = 0;
  unsigned out_position = 0;
RepackValues:
  for (unsigned i = 0; i < kCount; i++) {
#pragma HLS PIPELINE
    if (in_position == 0) in_word = in.read();
    out_word[out_position] = static_cast<typename out_T::value_type>(in_word[in_position]);
    in_position = in_position + 1 == in_T::size ? 0 : in_position + 1;
    if (out_position + 1 == out_T::size) {
      out.write(out_word);
      out_position = 0;
    } else {
      out_position++;
    }
  }
}

#ifndef __SYNTHESIS__

// The emulation bridge's conversions between host numbers and a stream of kCount values: each
// value converted by the destination type's own conversion, as nnet::convert_data does for arrays.
template <class src_T, class word_T, unsigned kCount>
void convert_to_stream(const src_T* src, hls::stream<word_T>& dst) {
  for (unsigned w = 0; w < kCount / word_T::size; w++) {
    word_T word;
    for (unsigned j = 0; j < word_T::size; j++) {
      word[j] = static_cast<typename word_T::value_type>(src[w * word_T::size + j]);
    }
    dst.write(word);
  }
}

template <class word_T, class dst_T, unsigned kCount>
void convert_from_stream(hls::stream<word_T>& src, dst_T* dst) {
  for (unsigned w = 0; w < kCount / word_T::size; w++) {
    const word_T word = src.read();
    for (unsigned j = 0; j < word_T::size; j++) {
      dst[w * word_T::size + j] = static_cast<dst_T>(word[j]);
    }
  }
}

// Copies the kCount values a layer just wrote into `trace` (as doubles) and puts the words back:
// in the C simulation a layer runs to its end before the next one starts, so its whole output
// waits in the stream.
template <class word_T, unsigned kCount>
void trace_stream(hls::stream<word_T>& stream, double* trace) {
  for (unsigned w = 0; w < kCount / word_T::size; w++) {
    const word_T word = stream.read();
    for (unsigned j = 0; j < word_T::size; j++) {
      trace[w * word_T::size + j] = static_cast<double>(word[j]);
    }
    stream.write(word);
  }
}

// Throws std::runtime_error naming the stream when it still holds words: after a sample every
// stream must have been read to its end (a stream left with data hangs the hardware on the next
// sample, or shifts it).
template <class word_T>
void require_drained(hls::stream<word_T>& stream, const char* name) {
  if (stream.empty()) return;
  unsigned left = 0;
  while (!stream.empty()) {
    stream.read();
    left++;
  }
  char message[512];
  std::snprintf(message, sizeof message,
                "hls::stream '%s' holds %u unread word%s at the end of the sample: its consumer "
                "reads fewer words than its producer writes (in hardware the next sample would "
                "start from them)",
                name, left, left == 1 ? "" : "s");
  throw std::runtime_error(message);
}

#endif  // __SYNTHESIS__

}  // namespace nnet

#endif  // HLSNN_NNET_STREAM_H_
