"""Smoke tests of the NER and speech benchmarks in bench/external: each run(limit=small) returns the
agreed result shape with cases > 0 (scores are not checked here)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
BENCH = ROOT / "bench" / "external"

pytestmark = pytest.mark.skipif(not EVAL.exists(), reason="../shared/eval not present (fresh clone)")

CASES = [
    ("germeval2014", 40),
    ("europeana_ner", 3),
    ("smartdata", 10),
    ("gepade_spkatt", 1),
    ("redewiedergabe", 5),
]


def _load(name: str):
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))
    spec = importlib.util.spec_from_file_location(f"bench_external_{name}", BENCH / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("name", "limit"), CASES)
def test_run_shape(name: str, limit: int) -> None:
    module = _load(name)
    assert callable(module.main)
    result = module.run(limit=limit)
    assert set(result) == {"suite", "cases", "scores", "declined", "errors", "note"}
    assert result["suite"] == name
    assert result["note"] != "suite not found"
    assert isinstance(result["cases"], int) and result["cases"] > 0
    assert isinstance(result["declined"], int) and result["declined"] >= 0
    assert isinstance(result["errors"], int) and result["errors"] >= 0
    assert isinstance(result["note"], str)
    assert result["scores"]
    for metric, value in result["scores"].items():
        assert isinstance(metric, str)
        assert value is None or (isinstance(value, float) and 0.0 <= value <= 1.0), (metric, value)


@pytest.mark.parametrize(("name", "limit"), CASES)
def test_missing_suite(name: str, limit: int, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    module = _load(name)
    monkeypatch.setattr(module, "suite_dir", lambda folder: tmp_path / "absent" / folder)
    result = module.run(limit=limit)
    assert result["note"] == "suite not found"
    assert result["cases"] == 0
    assert all(v is None for v in result["scores"].values())
