"""hlsnn.report on report files written in the vendor's formats (tests/report/data): the dict of
hls4ml 1.3's parse_vivado_report (compared with hls4ml itself where it is installed), the summary
numbers, and the messages for reports not built yet."""

import shutil
from pathlib import Path

import hlsnn
import pytest

DATA = Path(__file__).resolve().parents[1] / "report" / "data"


@pytest.fixture()
def vivado_project(tmp_path):
    return Path(shutil.copytree(DATA / "vivado", tmp_path / "vivado"))


def test_same_dict_as_hls4ml(vivado_project, capsys):
    hls4ml = pytest.importorskip("hls4ml")
    expected = hls4ml.report.parse_vivado_report(str(vivado_project))
    capsys.readouterr()
    assert hlsnn.report.parse_vivado_report(vivado_project) == expected
    assert capsys.readouterr().out == ""  # every report was found


def test_dict_shape_and_summary(vivado_project):
    report = hlsnn.report.parse_vivado_report(vivado_project)
    assert list(report) == ["CSynthesisReport", "VivadoSynthReport", "CosimReport"]
    assert report["CSynthesisReport"]["WorstLatency"] == "11"
    assert report["CSynthesisReport"]["DSP"] == "52"
    assert report["CosimReport"]["Status"] == "Pass"
    summary = hlsnn.report.report_summary(vivado_project)
    assert summary["CSynthesis"]["LatencyMaxNs"] == 55.0
    assert summary["CSynthesis"]["Resources"]["DSP"]["Percent"] == pytest.approx(100 * 52 / 6840)
    assert summary["VivadoSynth"]["Resources"]["LUT"]["Available"] == 1182240


def test_vitis_layout(tmp_path, capsys):
    project = Path(shutil.copytree(DATA / "vitis", tmp_path / "vitis"))
    (project / "project.tcl").write_text('set project_name "myproject"\nset backend "vitis"\n')
    report = hlsnn.report.parse_vivado_report(project)
    assert report["CSynthesisReport"]["DSP"] == "40"
    printed = capsys.readouterr().out
    assert "hlsnn build -p" in printed and " -r`" in printed and " -l`" in printed


def test_print_and_read(vivado_project, capsys):
    hlsnn.report.print_vivado_report(hlsnn.report.parse_vivado_report(vivado_project))
    assert "9 cycles (45 ns)" in capsys.readouterr().out
    hlsnn.report.read_vivado_report(vivado_project)
    printed = capsys.readouterr().out
    assert "SYNTHESIS REPORT:" in printed and "CO-SIMULATION RESULT:" in printed


def test_missing_project_is_a_clear_error(tmp_path):
    with pytest.raises(hlsnn.Error, match="does not exist"):
        hlsnn.report.parse_vivado_report(tmp_path / "absent")
    with pytest.raises(hlsnn.Error, match="not an HLS project"):
        hlsnn.report.parse_vivado_report(tmp_path)
