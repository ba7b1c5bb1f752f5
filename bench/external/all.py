"""Run every external-suite benchmark in bench/external/ and print one summary table.

Run: python bench/external/all.py [--limit N]   (N is passed to every run(); the whole set
without --limit is meant to finish well under 10 minutes on a 2-core machine).

Every module of this folder that defines `run` is imported (files starting with "_" are
helpers). The expected suites that are not here yet are listed as "missing"; a run that
raises is listed as "crashed" with the exception, the others go on.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
import traceback
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _common import NOT_FOUND, fmt, print_table

EXPECTED = [
    "recognizers_datetime", "recognizers_numbers", "quantulum3", "wikiwarsde",
    "germeval2014", "europeana_ner", "smartdata", "gepade_spkatt", "redewiedergabe",
]


def load(path: Path) -> ModuleType | None:
    """Import one benchmark script by its path (None when it has no `run`)."""
    spec = importlib.util.spec_from_file_location(f"bench_external_{path.stem}", path)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module if callable(getattr(module, "run", None)) else None


def _scores(result: dict[str, Any], width: int = 4) -> str:
    scores = result.get("scores") or {}
    shown = [f"{k}={fmt(v)}" for k, v in list(scores.items())[:width]]
    if len(scores) > width:
        shown.append(f"(+{len(scores) - width})")
    return " ".join(shown)


def main() -> None:
    """Run all suites and print the summary table and the total time."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="passed to every run()")
    args = parser.parse_args()
    paths = {p.stem: p for p in sorted(HERE.glob("*.py")) if not p.stem.startswith("_") and p.stem != "all"}
    names = EXPECTED + sorted(n for n in paths if n not in EXPECTED)
    rows: list[list[Any]] = []
    finals: list[str] = []
    t_all = time.perf_counter()
    for name in names:
        if name not in paths:
            rows.append([name, "-", "-", "-", "missing", "-"])
            continue
        t0 = time.perf_counter()
        try:
            module = load(paths[name])
            if module is None:
                continue
            result = module.run(limit=args.limit)
        except Exception as exc:  # noqa: BLE001 - one broken suite must not stop the others
            traceback.print_exc(limit=3)
            rows.append([name, "-", "-", "-", f"crashed: {type(exc).__name__}: {exc}"[:90], f"{time.perf_counter() - t0:.1f}"])
            continue
        seconds = time.perf_counter() - t0
        if result.get("note") == NOT_FOUND:
            rows.append([name, 0, 0, 0, NOT_FOUND, f"{seconds:.1f}"])
            continue
        rows.append([name, result.get("cases"), result.get("declined"), result.get("errors"), _scores(result),
                     f"{seconds:.1f}"])
        finals.append(f"{name}: " + " ".join(f"{k}={fmt(v)}" for k, v in (result.get("scores") or {}).items()))
    total = time.perf_counter() - t_all
    print_table(["suite", "cases", "declined", "errors", "main scores", "seconds"], rows)
    print()
    for line in finals:
        print(line)
    print(f"total time: {total:.1f}s" + (f" (--limit {args.limit})" if args.limit else ""))


if __name__ == "__main__":
    main()
