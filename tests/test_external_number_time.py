"""Smoke tests of the number/time benchmarks in bench/external/ (shape of run(), not scores)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
BENCH = ROOT / "bench" / "external"

pytestmark = pytest.mark.skipif(not EVAL.exists(), reason="../shared/eval not present (fresh clone)")


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_external_{name}", BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", ["recognizers_datetime", "recognizers_numbers", "quantulum3", "wikiwarsde"])
def test_run_shape(name: str) -> None:
    module = _load(name)
    assert callable(module.main)
    result = module.run(limit=2 if name == "wikiwarsde" else 5)
    assert set(result) == {"suite", "cases", "scores", "declined", "errors", "note"}
    assert result["suite"] == name
    assert isinstance(result["cases"], int) and result["cases"] > 0
    assert isinstance(result["declined"], int) and result["declined"] >= 0
    assert isinstance(result["errors"], int) and result["errors"] >= 0
    assert isinstance(result["note"], str)
    assert isinstance(result["scores"], dict) and result["scores"]
    for key, value in result["scores"].items():
        assert isinstance(key, str)
        assert value is None or (isinstance(value, float) and 0.0 <= value <= 1.0)
