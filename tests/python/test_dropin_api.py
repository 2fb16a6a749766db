"""hls4ml's documented API through `import hlsnn as hls4ml`, as its docs and tests use it:
convert_from_keras_model's keywords with their meanings, get_layers() and graph, the project
config, the config-dict converters, the profiling helpers, and clear errors for the names that
make no sense here. Keras 2 and Keras 3."""

import tarfile

import hlsnn as hls4ml
import numpy as np
import pytest

keras = pytest.importorskip("keras")


@pytest.fixture(scope="module")
def keras_model():
    keras.utils.set_random_seed(11)
    inputs = keras.Input((6,), name="features")
    x = keras.layers.Dense(8, activation="relu", name="hidden")(inputs)
    x = keras.layers.Dense(4, name="logits")(x)
    x = keras.layers.Activation("softmax", name="probabilities")(x)
    return keras.Model(inputs, x)


@pytest.fixture(scope="module")
def samples():
    return np.random.default_rng(5).uniform(-2, 2, (50, 6)).astype(np.float32)


@pytest.fixture(scope="module")
def converted(keras_model, samples, tmp_path_factory):
    """Converted with every writer keyword; written and compiled once for the module."""
    folder = tmp_path_factory.mktemp("dropin")
    np.save(folder / "x.npy", samples)
    np.save(folder / "y.npy", keras_model.predict(samples, verbose=0))
    config = hls4ml.utils.config_from_keras_model(keras_model, granularity="name")
    hls_model = hls4ml.converters.convert_from_keras_model(
        keras_model,
        hls_config=config,
        output_dir=str(folder / "prj"),
        part="xcvu9p-flga2104-2L-e",
        io_type="io_parallel",
        clock_uncertainty="0.5",
        namespace="dropin",
        write_weights_txt=True,
        write_tar=True,
        write_emulation_constants=True,
        input_data_tb=str(folder / "x.npy"),
        output_data_tb=str(folder / "y.npy"),
    )
    hls_model.compile()
    return hls_model, folder


def test_get_layers_shows_names_classes_attributes_weights_and_variables(converted, keras_model):
    hls_model, _ = converted
    layers = list(hls_model.get_layers())
    assert [layer.name for layer in layers] == [
        "features",
        "hidden",
        "hidden_relu",
        "logits",
        "probabilities",
    ]
    assert [layer.class_name for layer in layers] == [
        "Input",
        "Dense",
        "Activation",
        "Dense",
        "Softmax",
    ]
    assert list(hls_model.graph) == [layer.name for layer in layers]
    hidden = hls_model.graph["hidden"]
    assert hidden.attributes["n_in"] == 6 and hidden.attributes["n_out"] == 8
    assert hidden.get_attr("reuse_factor") == 1 and hidden.get_attr("strategy") == "Latency"
    assert hls_model.graph["hidden_relu"].attributes["activation"] == "relu"
    kernel, bias = keras_model.get_layer("hidden").get_weights()
    weights = {weight.name: weight for weight in hidden.get_weights()}
    np.testing.assert_array_equal(weights["hidden_weight"].data, kernel)
    np.testing.assert_array_equal(hidden.get_weights("bias").data, bias)
    assert str(weights["hidden_weight"].type.precision) == "fixed<16,6,TRN,WRAP,0>"
    assert hidden.get_input_variable().shape == [6]
    assert hidden.get_input_variable().name == "features"
    output = hidden.get_output_variable()
    assert output.shape == [8]
    # `auto` (config_from_keras_model's result type): range analysis gives the integer bits the
    # declared input range needs, at the default's resolution (10 fraction bits).
    assert output.type.precision.width == 18 and output.type.precision.integer == 8
    assert hls_model.graph["features"].get_input_variable() is None
    assert [v.name for v in hls_model.get_output_variables()] == ["probabilities"]
    assert hls_model.get_output_variables()[0].type.name == "result_t"
    assert hls_model.inputs == ["features"] and hls_model.outputs == ["probabilities"]
    assert len(hls_model.get_weight_variables()) == 4


def test_config_holds_the_hls_config_and_the_project_keys(converted):
    hls_model, folder = converted
    config = hls_model.config
    assert config["LayerName"]["hidden"]["Precision"]["weight"] == "auto"
    assert config.get_output_dir() == str(folder / "prj")
    assert config.get_config_value("Part") == "xcvu9p-flga2104-2L-e"
    assert config.get_config_value("ClockUncertainty") == "0.5"
    assert config.get_writer_config() == {
        "Namespace": "dropin",
        "WriteWeightsTxt": True,
        "WriteTar": True,
        "TBOutputStream": "both",
        "WriteEmulationConstants": True,
    }


def test_writer_keywords_shape_the_project(converted, samples):
    hls_model, folder = converted
    project = folder / "prj"
    assert "namespace dropin {" in (project / "firmware" / "myproject.cpp").read_text()
    header = (project / "firmware" / "myproject.h").read_text()
    assert "myproject_emulator(inputs_t& inputs" in header
    weights = (project / "firmware" / "weights" / "hidden_weight.txt").read_text()
    assert len(weights.split(",")) == 6 * 8
    lines = (project / "tb_data" / "tb_input_features.dat").read_text().splitlines()
    assert len(lines) == len(samples)
    np.testing.assert_allclose([float(v) for v in lines[0].split()], samples[0], rtol=1e-6)
    assert len((project / "tb_data" / "tb_output_predictions.dat").read_text().splitlines()) == 50
    assert "set_clock_uncertainty {0.5}" in (project / "build_prj.tcl").read_text()
    with tarfile.open(folder / "prj.tar.gz") as archive:
        names = archive.getnames()
    assert "firmware/myproject.cpp" in names and "tb_data/tb_input_features.dat" in names
    assert hls_model.predict(samples).shape == (50, 4)


def test_config_dict_converters(keras_model, samples, converted, tmp_path):
    hls_model, _ = converted
    expected = hls_model.predict(samples)
    config = hls4ml.converters.create_config(output_dir=str(tmp_path / "a"), namespace="n1")
    config["KerasModel"] = keras_model
    config["HLSConfig"] = hls4ml.utils.config_from_keras_model(keras_model, granularity="name")
    for convert in (hls4ml.converters.keras_v2_to_hls, hls4ml.converters.keras_to_hls):
        model = convert(dict(config))
        np.testing.assert_array_equal(model.predict(samples), expected)
    assert model.config.get_writer_config()["Namespace"] == "n1"
    path = tmp_path / "model.keras"
    keras_model.save(path)
    from_file = hls4ml.converters.convert_from_config(
        {
            "KerasH5": str(path),
            "OutputDir": str(tmp_path / "b"),
            "WriterConfig": {"Namespace": None, "WriteTar": True},
            "HLSConfig": config["HLSConfig"],
        }
    )
    np.testing.assert_array_equal(from_file.predict(samples), expected)
    assert (tmp_path / "b.tar.gz").is_file()
    assert "Dense" in hls4ml.converters.get_supported_keras_layers()


def test_io_stream_takes_the_writer_keywords_and_computes_what_io_parallel_does(
    converted, keras_model, samples, tmp_path
):
    hls_model, _ = converted
    config = hls4ml.utils.config_from_keras_model(keras_model, granularity="name")
    streamed = hls4ml.converters.convert_from_keras_model(
        keras_model,
        hls_config=config,
        output_dir=str(tmp_path / "s"),
        io_type="io_stream",
        namespace="dropin",
        write_weights_txt=True,
        write_emulation_constants=True,
    )
    streamed.compile()
    np.testing.assert_array_equal(streamed.predict(samples), hls_model.predict(samples))
    top = (tmp_path / "s" / "firmware" / "myproject.cpp").read_text()
    assert "namespace dropin {" in top and "#pragma HLS DATAFLOW" in top
    header = (tmp_path / "s" / "firmware" / "myproject.h").read_text()
    assert "hls::stream<" in header and "myproject_emulator(inputs_t& inputs" in header
    assert (tmp_path / "s" / "firmware" / "weights" / "hidden_weight.txt").is_file()


def test_unsupported_settings_are_refused_when_converting(keras_model, tmp_path):
    convert = hls4ml.converters.convert_from_keras_model
    with pytest.raises(hls4ml.Error, match="an hls4ml backend.*not supported"):
        convert(keras_model, output_dir=str(tmp_path / "q"), backend="Quartus")
    with pytest.raises(hls4ml.Error, match="VivadoAccelerator"):
        convert(keras_model, output_dir=str(tmp_path / "b"), board="pynq-z2")
    with pytest.raises(hls4ml.Error, match="not a C\\+\\+ identifier|C\\+\\+ identifier"):
        convert(keras_model, output_dir=str(tmp_path / "n"), namespace="not valid").write()
    with pytest.raises(TypeError, match="unknown keyword"):
        convert(keras_model, output_dir=str(tmp_path / "k"), io_typ="io_parallel")
    with pytest.raises(hls4ml.Error, match="neither .dat nor .npy"):
        convert(keras_model, output_dir=str(tmp_path / "t"), input_data_tb=str(tmp_path / "x.csv"))


def test_names_that_make_no_sense_here_say_so():
    for call, text in [
        (lambda: hls4ml.converters.convert_from_pytorch_model(None), "PyTorch"),
        (lambda: hls4ml.converters.convert_from_onnx_model(None), "ONNX"),
        (lambda: hls4ml.converters.load_saved_model("m.fml"), ".fml"),
        (lambda: hls4ml.utils.config_from_pytorch_model(None, (1,)), "PyTorch"),
        (lambda: hls4ml.utils.fetch_example_model("KERAS_3layer.json"), "download"),
        (lambda: hls4ml.model.profiling.weights_torch(None), "PyTorch"),
        (lambda: hls4ml.model.profiling.get_unoptimized_hlsmodel(None), "cannot be turned off"),
    ]:
        with pytest.raises(hls4ml.Error, match=text):
            call()


def test_profiling_data_and_plots(converted, keras_model, samples):
    hls_model, _ = converted
    profiling = hls4ml.model.profiling
    summary = profiling.array_to_summary(np.array([1.0, 2.0, 4.0, 8.0]))
    assert summary["med"] == 3.0 and summary["whislo"] == 1.0 and summary["whishi"] == 8.0
    bins = profiling.array_to_summary(np.array([1.0, 2.0, 4.0, 8.0]), fmt="histogram")
    assert np.isclose(bins["h"].sum(), 1.0)
    assert profiling.ap_fixed_WIFS("ap_fixed<16,6>") == (16, 6, 10, True)
    output_type = hls_model.graph["hidden"].get_output_variable().type.precision
    assert profiling.ap_fixed_WIFS(output_type) == (18, 8, 10, True)
    keras_rows = profiling.weights_keras(keras_model, fmt="summary")
    # The untrained biases are zeros, which have no place on a log axis: no row, as in hls4ml.
    assert [row["weight"] for row in keras_rows] == ["hidden/w", "logits/w"]
    ours = profiling.weights_hlsmodel(hls_model, fmt="summary")
    assert ours[0]["weight"] == "hidden/weight" and ours[0]["layer"] == "hidden"
    outputs = profiling.activations_hlsmodel(hls_model, samples.astype(np.float64))
    assert {row["weight"] for row in outputs} >= {"hidden", "logits", "probabilities"}
    keras_outputs = profiling.activations_keras(keras_model, samples, fmt="summary")
    assert {row["weight"] for row in keras_outputs} >= {"hidden", "logits"}
    assert set(profiling.plots) == {"boxplot", "histogram"}
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    figure = profiling.boxplot(ours, fmt="summary")
    assert len(figure.axes[0].get_yticklabels()) == len(ours)
    bins_per_row = profiling.weights_hlsmodel(hls_model, "summary", "histogram")
    assert profiling.histogram(bins_per_row, "summary").axes
    try:
        import pandas  # noqa: F401
    except ImportError:
        with pytest.raises(ImportError, match="pandas"):
            profiling.weights_keras(keras_model)
    else:
        assert set(profiling.weights_keras(keras_model).columns) == {"x", "layer", "weight"}
