"""The main job on a bundled data set: train a small MLP on scikit-learn's digits (8x8 images,
shipped inside scikit-learn), convert it with hlsnn, compile the HLS project's C simulation, and
compare it with Keras: accuracy of both, agreement of the predicted classes, and samples/s.

Run by scripts/demo.sh; the model is trained afresh each run (a few seconds) with a fixed seed.
"""

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np


def train_digits_mlp(seed: int):
    import tensorflow as tf
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    digits = load_digits()
    x = (digits.data / 16.0).astype(np.float32)
    y = digits.target
    x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.3, random_state=seed)
    tf.keras.utils.set_random_seed(seed)
    model = tf.keras.Sequential(
        [
            tf.keras.layers.Input(shape=(64,), name="pixels"),
            tf.keras.layers.Dense(32, activation="relu", name="hidden1"),
            tf.keras.layers.Dense(16, activation="relu", name="hidden2"),
            tf.keras.layers.Dense(10, activation="softmax", name="classes"),
        ]
    )
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    model.fit(x_train, y_train, epochs=40, batch_size=32, verbose=0)
    return model, x_test, y_test


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--output-dir", type=Path, default=None)
    args = parser.parse_args()

    import hlsnn

    model, x_test, y_test = train_digits_mlp(args.seed)
    config = hlsnn.utils.config_from_keras_model(model, granularity="name")
    output_dir = args.output_dir or Path(tempfile.mkdtemp(prefix="hlsnn-digits-"))

    start = time.perf_counter()
    hls_model = hlsnn.converters.convert_from_keras_model(
        model, output_dir=str(output_dir), hls_config=config, part="xcvu9p-flga2104-2L-e"
    )
    hls_model.compile()
    convert_and_compile = time.perf_counter() - start

    keras_scores = model.predict(x_test, verbose=0)
    batch = np.ascontiguousarray(np.tile(x_test, (200, 1)))
    start = time.perf_counter()
    hls_batch = hls_model.predict(batch)
    predict_seconds = time.perf_counter() - start
    hls_scores = hls_batch[: len(x_test)]

    keras_classes = keras_scores.argmax(axis=1)
    hls_classes = hls_scores.argmax(axis=1)
    print(f"project:                 {output_dir}")
    print(f"convert + compile:       {convert_and_compile:.1f} s")
    print(f"Keras accuracy:          {np.mean(keras_classes == y_test):.4f}")
    print(f"hlsnn accuracy:          {np.mean(hls_classes == y_test):.4f}")
    print(f"class agreement:         {np.mean(keras_classes == hls_classes):.4f}")
    print(f"max |score difference|:  {np.max(np.abs(keras_scores - hls_scores)):.4f}")
    print(
        f"hlsnn predict:           {len(batch) / predict_seconds:,.0f} samples/s "
        f"({len(batch)} samples)"
    )


if __name__ == "__main__":
    main()
