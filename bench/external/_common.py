"""Helpers shared by the external-suite benchmarks (no `run`: all.py skips this module).

The suites live read-only in ../shared/eval/FOLDER beside the project checkout; nothing of
their data is copied into the project.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

EVAL = Path(__file__).resolve().parents[2].parent / "shared" / "eval"


def suite_dir(folder: str) -> Path:
    """Return the folder of one suite under ../shared/eval (it may not exist)."""
    return EVAL / folder


def load_json(path: Path) -> Any:
    """Read a JSON file (some suites carry a UTF-8 BOM)."""
    with path.open(encoding="utf-8-sig") as fh:
        return json.load(fh)


NOT_FOUND = "suite not found"


def not_found(name: str, metrics: list[str]) -> dict[str, Any]:
    """The result of a run whose suite folder is missing: every score None."""
    return {"suite": name, "cases": 0, "scores": dict.fromkeys(metrics), "declined": 0, "errors": 0, "note": NOT_FOUND}


def ratio(num: int, den: int) -> float | None:
    """num / den, or None when there is nothing to score."""
    return round(num / den, 4) if den else None


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """Half-open character spans share at least one character."""
    return a_start < b_end and b_start < a_end


def same_number(a: float | None, b: float | None) -> bool:
    """Equal up to float noise (relative 1e-6)."""
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def fmt(value: Any) -> str:
    """A score cell: None prints as n/a (the part does not exist or nothing was scored)."""
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def print_table(headers: list[str], rows: list[list[Any]]) -> None:
    """Print a plain aligned table."""
    cells = [[str(h) for h in headers]] + [[fmt(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    for k, row in enumerate(cells):
        print("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip())
        if k == 0:
            print("  ".join("-" * w for w in widths))


def final_line(result: dict[str, Any]) -> str:
    """`NAME: metric=value … cases=N declined=N errors=N` (or the note when nothing was scored)."""
    name = result["suite"]
    if result["note"] == NOT_FOUND:
        return f"{name}: {NOT_FOUND} (looked in {EVAL})"
    parts = [f"{k}={fmt(v)}" for k, v in result["scores"].items()]
    parts += [f"cases={result['cases']}", f"declined={result['declined']}", f"errors={result['errors']}"]
    return f"{name}: " + " ".join(parts)


def cli(run: Callable[..., dict[str, Any]], doc: str | None, table: Callable[[dict[str, Any]], None]) -> None:
    """Parse --limit, run, print the script's table and the final line."""
    parser = argparse.ArgumentParser(description=(doc or "").split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N cases (per file or document set)")
    args = parser.parse_args()
    t0 = time.perf_counter()
    result = run(limit=args.limit)
    if result["note"] != NOT_FOUND:
        table(result)
        if result["note"]:
            print(f"note: {result['note']}")
        print(f"time: {time.perf_counter() - t0:.1f}s")
    print(final_line(result))
