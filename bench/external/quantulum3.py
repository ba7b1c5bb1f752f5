"""QuantityFinder('en') against the quantulum3 English quantity tests.

Suite: ../shared/eval/quantulum3-tests/quantities.json (MIT): a list of {"req": sentence,
"res": [{"value", "unit", "surface"}]}.

Run: python bench/external/quantulum3.py [--limit N]   (N = first N sentences)

How the suite maps to us:
- Spans: quantulum3 gives the surface, not offsets; we locate it in the sentence (the k-th
  occurrence for the k-th expected quantity with that surface). A quantity is *detected* when
  one of our QuantityMentions overlaps the surface.
- Values: correct when an overlapping mention has min == max == value (a range of ours counts
  when it contains the value at one end).
- Units: quantulum3 names units ("dollar", "pound sterling", "percentage"); currencies
  (_CURRENCY) must get our category "money", "percentage" our "percent" (unit_acc, on detected
  ones). "dimensionless" quantities are plain numbers: value only.
- Declined by design (counted, not scored): physical and time units (metre, kilogram, mile,
  degree Celsius, year, hour, byte, ...), compound units ("dollar per hour"), counting units
  ("dozen"), fractions ("2 1/2 in", "two thirds"): we keep counted nouns and categories,
  not a unit algebra; and bare years as dimensionless numbers ("in 1979"): a year is a time
  expression for us, and QuantityFinder skips it on purpose.
- Sentences whose expected list is empty score our mentions there as false positives.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import cli, load_json, not_found, overlaps, print_table, ratio, same_number, suite_dir

NAME = "quantulum3"
FOLDER = "quantulum3-tests"
METRICS = ["detection", "value_acc", "money_unit_acc", "percent_unit_acc", "precision"]
_CURRENCY = {"dollar", "euro", "pound sterling", "penny", "cent", "dime", "yen", "japanese yen", "rupee",
             "indian rupee", "swiss franc", "yuan", "renminbi", "ruble", "russian ruble", "won"}
_FRACTION = re.compile(
    r"\d\s*/\s*\d|[½⅓⅔¼¾]|\b(?:halves|half|thirds?|quarters?|fourths?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")

EXAMPLES: list[str] = []
_ROWS: list[list[Any]] = []


def run(limit: int | None = None) -> dict[str, Any]:
    """Score QuantityFinder('en') on quantities.json; see the module docstring."""
    path = suite_dir(FOLDER) / "quantities.json"
    if not path.exists():
        return not_found(NAME, METRICS)
    from claimgraph.nlp.quantities import QuantityFinder

    finder = QuantityFinder("en")
    EXAMPLES.clear()
    _ROWS.clear()
    data = load_json(path)
    data = data[:limit] if limit else data
    c = {k: 0 for k in ("gold", "scored", "found", "ok", "money", "money_ok", "pct", "pct_ok", "ours", "ours_hit",
                        "empty", "empty_fp")}
    by_kind: dict[str, list[int]] = {}
    cases = declined = errors = 0
    reasons: dict[str, int] = {}
    for case in data:
        text = str(case["req"])
        cases += 1
        try:
            mentions = finder.find(text)
        except Exception as exc:  # noqa: BLE001 - an engine error is a result here
            errors += 1
            EXAMPLES.append(f"ERROR {type(exc).__name__}: {text[:100]!r}")
            continue
        expected = case.get("res") or []
        spans: list[tuple[int, int] | None] = []
        seen: dict[str, int] = {}
        for q in expected:
            surface = str(q.get("surface", ""))
            pos, k = -1, seen.get(surface, 0)
            for _ in range(k + 1):
                pos = text.find(surface, pos + 1)
                if pos < 0:
                    break
            seen[surface] = k + 1
            spans.append((pos, pos + len(surface)) if pos >= 0 and surface else None)
        c["ours"] += len(mentions)
        c["ours_hit"] += sum(1 for m in mentions if any(sp and overlaps(m.start, m.end, *sp) for sp in spans))
        if not expected:
            c["empty"] += 1
            c["empty_fp"] += bool(mentions)
        for q, sp in zip(expected, spans):
            c["gold"] += 1
            unit = str(q.get("unit", ""))
            kind = "money" if unit in _CURRENCY else "percent" if unit == "percentage" else (
                "number" if unit == "dimensionless" else None)
            reason = None
            if kind is None:
                reason = "physical/time/compound unit"
            elif _FRACTION.search(str(q.get("surface", ""))):
                reason = "fraction"
            elif kind == "number" and _YEAR.match(str(q.get("surface", "")).strip()):
                reason = "year (a time for us)"
            elif sp is None:
                reason = "surface not found"
            if reason:
                declined += 1
                reasons[reason] = reasons.get(reason, 0) + 1
                continue
            assert sp is not None
            row = by_kind.setdefault(kind, [0, 0, 0, 0])
            row[0] += 1
            c["scored"] += 1
            hits = [m for m in mentions if overlaps(m.start, m.end, *sp)]
            if not hits:
                EXAMPLES.append(f"MISS {q['surface']!r} ({unit}) in {text[:110]!r}")
                continue
            c["found"] += 1
            row[1] += 1
            value = float(q["value"])
            if any(
                (same_number(h.quantity.min, value) and same_number(h.quantity.max, value))
                or (h.quantity.min != h.quantity.max and (same_number(h.quantity.min, value) or same_number(h.quantity.max, value)))
                for h in hits
            ):
                c["ok"] += 1
                row[2] += 1
            else:
                ours = [(text[h.start:h.end], h.quantity.min, h.quantity.max) for h in hits]
                EXAMPLES.append(f"VALUE {q['surface']!r} = {value} in {text[:110]!r}: ours {ours}")
            if kind in ("money", "percent"):
                key = "money" if kind == "money" else "pct"
                c[key] += 1
                if any(h.quantity.unit == kind for h in hits):
                    c[key + "_ok"] += 1
                    row[3] += 1
                else:
                    EXAMPLES.append(f"UNIT {q['surface']!r} ({unit}) in {text[:110]!r}: ours {[h.quantity.unit for h in hits]}")
    for kind, (n, found, ok, unit_ok) in sorted(by_kind.items()):
        _ROWS.append([kind, n, found, ratio(found, n), ratio(ok, found), ratio(unit_ok, found) if kind != "number" else None])
    scores = {
        "detection": ratio(c["found"], c["scored"]),
        "value_acc": ratio(c["ok"], c["found"]),
        "money_unit_acc": ratio(c["money_ok"], c["money"]),
        "percent_unit_acc": ratio(c["pct_ok"], c["pct"]),
        "precision": ratio(c["ours_hit"], c["ours"]),
    }
    note = (f"precision counts our mentions overlapping any expected quantity (declined ones too); "
            f"false positives on {c['empty_fp']}/{c['empty']} sentences with none expected; declined: "
            + ", ".join(f"{k}={v}" for k, v in sorted(reasons.items())))
    return {"suite": NAME, "cases": cases, "scores": scores, "declined": declined, "errors": errors, "note": note}


def _table(result: dict[str, Any]) -> None:
    print_table(["kind", "scored", "found", "detection", "value_acc", "unit_acc"], _ROWS)
    if EXAMPLES:
        print("examples (misses / wrong values / wrong units):")
        for line in EXAMPLES[:15]:
            print("  " + line[:240])


def main() -> None:
    """Command-line entry point."""
    cli(run, __doc__, _table)


if __name__ == "__main__":
    main()
