"""Seeds for the fuzz targets: valid files of every kind the readers take, made the way the tests
make them (real Keras and QKeras saves, the hlsnn command's own config and project output, numpy's
data files, the vendor reports of tests/report/data).

    python fuzz/make_seeds.py --out DIR --hlsnn BUILD/src/cli/hlsnn --repo REPO

writes DIR/<target>/<seed> for every target of fuzz/CMakeLists.txt."""

import argparse
import io
import os
import pathlib
import shutil
import struct
import subprocess
import tempfile

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras  # noqa: E402
import numpy as np  # noqa: E402

KERAS_MAJOR = int(keras.__version__.split(".")[0])


def models():
    """{name: model}: the layer families and model shapes the converter supports."""
    keras.utils.set_random_seed(3)
    x = keras.Input((6,), name="x")
    h = keras.layers.Dense(5, activation="relu", name="dense")(x)
    h = keras.layers.BatchNormalization(name="bn")(h)
    y = keras.layers.Dense(3, activation="softmax", name="out")(h)
    found = {"mlp": keras.Model(x, y)}

    a = keras.Input((4,), name="a")
    b = keras.Input((4,), name="b")
    s = keras.layers.Add(name="add")([keras.layers.Dense(4, name="da")(a), b])
    c = keras.layers.Concatenate(name="cat")([s, keras.layers.Activation("tanh", name="t")(b)])
    found["merges"] = keras.Model([a, b], keras.layers.Dense(2, name="head")(c))

    found["sequential"] = keras.Sequential(
        [
            keras.Input((3, 4)),
            keras.layers.Dense(4, activation="sigmoid", name="d3"),
            keras.layers.Flatten(name="flat"),
            keras.layers.Dense(2, name="d2"),
            keras.layers.LeakyReLU(name="leaky"),
        ]
    )
    i = keras.Input((8, 8, 2), name="image")
    h = keras.layers.ZeroPadding2D(1, name="pad")(i)
    h = keras.layers.Conv2D(3, 3, activation="relu", name="conv")(h)
    h = keras.layers.MaxPooling2D(2, name="pool")(h)
    h = keras.layers.DepthwiseConv2D(2, name="dw")(h)
    h = keras.layers.UpSampling2D(2, name="up")(h)
    h = keras.layers.Cropping2D(1, name="crop")(h)
    h = keras.layers.SeparableConv2D(2, 2, padding="same", name="sep")(h)
    h = keras.layers.GlobalAveragePooling2D(name="gap")(h)
    found["cnn2d"] = keras.Model(i, keras.layers.Dense(2, name="cls")(h))

    s1 = keras.Input((12, 3), name="signal")
    h = keras.layers.Conv1D(4, 3, strides=2, padding="same", name="c1")(s1)
    h = keras.layers.AveragePooling1D(2, name="ap")(h)
    h = keras.layers.Reshape((3, 4), name="rs")(h)
    found["cnn1d"] = keras.Model(s1, keras.layers.Flatten(name="fl")(h))
    try:
        from qkeras import QActivation, QConv2D, QDense, quantized_bits, quantized_relu

        qi = keras.Input((6, 6, 1), name="q_image")
        qc = QConv2D(
            2,
            3,
            kernel_quantizer=quantized_bits(6, 0, alpha=1),
            bias_quantizer=quantized_bits(6, 0, alpha=1),
            name="qc",
        )(qi)
        qc = QActivation(quantized_relu(4, 1), name="qcr")(qc)
        found["qkeras_cnn"] = keras.Model(qi, keras.layers.Flatten(name="qf")(qc))

        q = keras.Input((8,), name="q_in")
        qh = QDense(
            6,
            kernel_quantizer=quantized_bits(6, 0, alpha=1),
            bias_quantizer=quantized_bits(6, 0, alpha=1),
            name="qd",
        )(q)
        qh = QActivation(quantized_relu(6, 2), name="qr")(qh)
        found["qkeras"] = keras.Model(
            q, QDense(2, kernel_quantizer="quantized_bits(4,0)", name="qo")(qh)
        )
    except ImportError:
        pass
    return found


def weights_bytes(model):
    """The byte form of keras_file_readers.h (encode_weights): little-endian uint64 counts."""
    out = io.BytesIO()

    def number(value):
        out.write(struct.pack("<Q", value))

    def text(value):
        data = value.encode()
        number(len(data))
        out.write(data)

    layers = sorted(model.layers, key=lambda layer: layer.name)  # a std::map's order
    number(len(layers))
    for layer in layers:
        text(layer.name)
        arrays = layer.weights
        number(len(arrays))
        for variable in arrays:
            values = np.asarray(variable.numpy(), dtype=np.float64)
            text(variable.name)
            number(values.ndim)
            out.write(np.asarray(values.shape, dtype="<i8").tobytes())
            number(values.size)
            out.write(values.astype("<f8").tobytes())
    return out.getvalue()


def write(directory, name, data):
    directory.mkdir(parents=True, exist_ok=True)
    (directory / name).write_bytes(data if isinstance(data, bytes) else data.encode())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=pathlib.Path, required=True)
    parser.add_argument("--hlsnn", required=True)
    parser.add_argument("--repo", type=pathlib.Path, required=True)
    args = parser.parse_args()
    out = args.out
    scratch = pathlib.Path(tempfile.mkdtemp(prefix="hlsnn_seeds_"))
    try:
        for name, model in models().items():
            model_json = model.to_json()
            converter_input = model_json.encode() + b"\n#WEIGHTS\n" + weights_bytes(model)
            write(out / "keras_model", name, converter_input)
            write(out / "keras_model", name + "_stream", b"#io_stream\n" + converter_input)
            h5 = scratch / f"{name}.h5"
            model.save(h5)
            write(out / "h5_model", name + ".h5", h5.read_bytes())
            archive = scratch / f"{name}.keras"
            model.save(archive)
            write(out / "keras_archive", name + ".keras", archive.read_bytes())
            for suffix in (".h5", ".weights.h5") if KERAS_MAJOR == 2 else (".weights.h5",):
                weights = scratch / f"{name}_w{suffix}"
                model.save_weights(weights)
                write(
                    out / "h5_weights",
                    name + suffix,
                    model_json.encode() + b"\n#H5\n" + weights.read_bytes(),
                )
            for granularity in ("model", "type", "name"):
                config = scratch / f"{name}_{granularity}.yml"
                subprocess.run(
                    [
                        args.hlsnn,
                        "config",
                        "-q",
                        "-m",
                        str(h5),
                        "-g",
                        granularity,
                        "-o",
                        str(config),
                    ],
                    check=True,
                )
                write(out / "yaml_config", config.name, config.read_bytes())
                stream = config.read_text().replace("io_parallel", "io_stream")
                write(out / "yaml_config", f"{name}_{granularity}_stream.yml", stream)
            config = scratch / f"{name}_model.yml"
            subprocess.run([args.hlsnn, "convert", "-q", "-c", str(config)], check=True)
            manifest = scratch / "my-hls-test" / "hlsnn_manifest.json"
            write(out / "manifest", name + ".json", manifest.read_bytes())
            shutil.rmtree(scratch / "my-hls-test")

        rng = np.random.default_rng(0)
        for dtype in ("<f4", "<f8"):
            for shape in ((8, 6), (3, 3, 4), (1, 2)):
                buffer = io.BytesIO()
                np.save(buffer, rng.uniform(-2, 2, shape).astype(dtype))
                write(
                    out / "npy", f"{dtype[1:]}_{'x'.join(map(str, shape))}.npy", buffer.getvalue()
                )
        for compressed in (False, True):
            buffer = io.BytesIO()
            save = np.savez_compressed if compressed else np.savez
            save(buffer, a=rng.uniform(size=(4, 4)), b=rng.uniform(size=(4, 4)).astype("<f4"))
            write(
                out / "npz", f"inputs{'_compressed' if compressed else ''}.npz", buffer.getvalue()
            )
        write(out / "csv", "comma.csv", "0.5,1,-2e-3\n4,5.25,6\n")
        write(out / "csv", "spaces.csv", "1 2 3 4\r\n  5\t6 7 8\n\n")

        reports = args.repo / "tests" / "report" / "data"
        for path in sorted(reports.rglob("*")):
            if not path.is_file():
                continue
            target = "report_xml" if path.suffix in (".xml", ".app") else "report_text"
            write(out / target, path.name, path.read_bytes())
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    for target in sorted(path.name for path in out.iterdir()):
        print(f"{target}: {len(list((out / target).iterdir()))} seeds")


if __name__ == "__main__":
    main()
