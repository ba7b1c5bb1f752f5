"""QuantityFinder and the number parser against the Recognizers-Text Number/NumberWithUnit specs.

Suite: ../shared/eval/recognizers-text-specs (MIT): German/Number/*.json,
German/NumberWithUnit/*.json, English/Number/{NumberModel,NumberRangeModel,PercentModel}.json,
English/NumberWithUnit/*.json.

Run: python bench/external/recognizers_numbers.py [--limit N]   (N = first N cases per file)

How the suite maps to us:
- Spans: the spec's End is inclusive; we compare half-open [Start, End+1) (results without
  Start are located by their Text). A gold result is *detected* when a QuantityMention of
  `QuantityFinder(lang).find(Input)` overlaps it.
- Values: German specs write decimals with a comma ("2,357" = 2.357); English with a point.
  Number, percent and currency results count as correct when an overlapping mention has
  min == max == value (percent without its "%"). NumberRangeModel values are intervals
  "(a,b]", "[a,)", "(,b)": the bounds map to our min/max and a missing bound to None; whether
  an end is open or closed ("more than" vs "at least") is not in our Quantity, so brackets
  are ignored.
- number_parser: for NumberModel results we also parse the gold surface (the Input's own
  characters at the span) with `number_parser(lang).parse` and score that value (parser_acc):
  it isolates the parser from the finder's window and filters (years, labels, dates).
- Units: currency results score unit_acc = our unit category is "money", percent results
  whether it is "percent" (on detected results).
- Declined by design (counted, not scored): ordinals (the Ordinal* files), fractions
  ("1/2", "drei viertel", "½", English subtype fraction), dimensions, ages and temperatures
  (DimensionModel, AgeModel, TemperatureModel), and gold results without a value.
- A part of the suite our engine does not have prints n/a, never zero.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import cli, load_json, not_found, overlaps, print_table, ratio, same_number, suite_dir

NAME = "recognizers_numbers"
FOLDER = "recognizers-text-specs"
FILES = {
    "de": [
        "German/Number/NumberModel.json", "German/Number/NumberRangeModel.json", "German/Number/PercentModel.json",
        "German/Number/OrdinalModel.json", "German/Number/OrdinalModelEnablePreview.json",
        "German/Number/OrdinalModelSuppressExtendedTypes.json", "German/NumberWithUnit/CurrencyModel.json",
        "German/NumberWithUnit/DimensionModel.json", "German/NumberWithUnit/AgeModel.json",
        "German/NumberWithUnit/TemperatureModel.json",
    ],
    "en": [
        "English/Number/NumberModel.json", "English/Number/NumberRangeModel.json", "English/Number/PercentModel.json",
        "English/NumberWithUnit/CurrencyModel.json", "English/NumberWithUnit/DimensionModel.json",
        "English/NumberWithUnit/AgeModel.json", "English/NumberWithUnit/TemperatureModel.json",
    ],
}
METRICS = ["number_value_acc", "parser_acc", "range_value_acc", "percent_value_acc", "percent_unit_acc",
           "currency_value_acc", "currency_unit_acc", "detection"]
_DECLINED_FILES = {"Ordinal": "ordinal", "Dimension": "dimension", "Age": "age", "Temperature": "temperature"}
_FRACTION = re.compile(
    r"/|[½⅓⅔¼¾⅕⅙⅛]|halb|drittel|viertel|fünftel|fuenftel|sechstel|achtel|zehntel|"
    r"\bhalf\b|\bhalves\b|\bthirds?\b|\bquarters?\b|(?:fif|six|seven|eigh|nin|ten|hundred)ths?\b",
    re.IGNORECASE,
)
_RANGE = re.compile(r"^([\[(])\s*([^,]*)\s*,\s*([^,\])]*)\s*([\])])$")

EXAMPLES: list[str] = []
_ROWS: list[list[Any]] = []


def _span(inp: str, r: dict[str, Any]) -> tuple[int, int] | None:
    if isinstance(r.get("Start"), int) and isinstance(r.get("End"), int):
        return r["Start"], r["End"] + 1
    i = inp.lower().find(str(r.get("Text", "")).lower())
    return (i, i + len(r["Text"])) if i >= 0 else None


def _num(text: str, lang: str) -> float | None:
    text = text.strip().rstrip("%").strip()
    if not text:
        return None
    if lang == "de":
        text = text.replace(",", ".")
    try:
        return float(text)
    except ValueError:
        return None


def _kind(rel: str, r: dict[str, Any]) -> str:
    for key, kind in _DECLINED_FILES.items():
        if key in rel:
            return kind
    if "NumberRange" in rel:
        return "range"
    if "Percent" in rel:
        return "percent"
    if "Currency" in rel:
        return "currency"
    return "number"


def _keep(kind: str) -> bool:
    return sum(1 for e in EXAMPLES if e.startswith(f"[{kind}")) < 8


def run(limit: int | None = None) -> dict[str, Any]:
    """Score QuantityFinder / number_parser on the number specs; see the module docstring."""
    root = suite_dir(FOLDER)
    if not root.is_dir():
        return not_found(NAME, METRICS)
    from claimgraph.nlp.numbers import number_parser
    from claimgraph.nlp.quantities import QuantityFinder

    EXAMPLES.clear()
    _ROWS.clear()
    tot: dict[str, int] = {}
    cases = declined = errors = 0
    reasons: dict[str, int] = {}

    def add(key: str, n: int = 1) -> None:
        tot[key] = tot.get(key, 0) + n

    for lang, files in FILES.items():
        finder = QuantityFinder(lang)
        parser = number_parser(lang)
        for rel in files:
            path = root / rel
            if not path.exists():
                continue
            data = load_json(path)
            f = {"cases": 0, "gold": 0, "declined": 0, "scored": 0, "found": 0, "correct": 0, "errors": 0}
            for case in data[:limit] if limit else data:
                inp = str(case.get("Input", ""))
                cases += 1
                f["cases"] += 1
                try:
                    mentions = finder.find(inp)
                except Exception as exc:  # noqa: BLE001 - an engine error is a result here
                    errors += 1
                    f["errors"] += 1
                    EXAMPLES.append(f"[error] {type(exc).__name__}: {inp[:80]!r}")
                    continue
                for r in case.get("Results") or []:
                    f["gold"] += 1
                    kind = _kind(rel, r)
                    res = r.get("Resolution") or {}
                    text = str(r.get("Text", ""))
                    reason = None
                    if kind in _DECLINED_FILES.values():
                        reason = kind
                    elif res.get("subtype") == "fraction" or (kind in ("number", "currency") and _FRACTION.search(text)):
                        reason = "fraction"
                    elif res.get("value") in (None, ""):
                        reason = "no value"
                    sp = _span(inp, r)
                    if reason is None and sp is None:
                        reason = "span not found"
                    if reason is not None:
                        declined += 1
                        f["declined"] += 1
                        reasons[f"{lang}:{reason}"] = reasons.get(f"{lang}:{reason}", 0) + 1
                        continue
                    assert sp is not None
                    f["scored"] += 1
                    add(f"{kind}_scored")
                    hits = [m for m in mentions if overlaps(m.start, m.end, sp[0], sp[1])]
                    if kind == "number":
                        gold_v = _num(str(res["value"]), lang)
                        add("parser_scored")
                        try:
                            pv = parser.parse(inp[sp[0]:sp[1]])
                        except Exception:  # noqa: BLE001
                            pv = None
                            errors += 1
                        if same_number(pv, gold_v):
                            add("parser_ok")
                        elif _keep("parser"):
                            EXAMPLES.append(f"[parser {lang}] {inp[sp[0]:sp[1]]!r}: gold {gold_v} ours {pv}")
                    if not hits:
                        if _keep(kind):
                            EXAMPLES.append(f"[{kind} {lang}] MISS {text!r} in {inp[:120]!r}")
                        continue
                    f["found"] += 1
                    add(f"{kind}_found")
                    if kind == "range":
                        m = _RANGE.match(str(res["value"]).replace(" ", ""))
                        lo = _num(m.group(2), lang) if m and m.group(2) else None
                        hi = _num(m.group(3), lang) if m and m.group(3) else None
                        ok = any(same_number(h.quantity.min, lo) and same_number(h.quantity.max, hi) for h in hits)
                    else:
                        gold_v = _num(str(res["value"]), lang)
                        ok = any(same_number(h.quantity.min, gold_v) and same_number(h.quantity.max, gold_v) for h in hits)
                    if ok:
                        f["correct"] += 1
                        add(f"{kind}_ok")
                    elif _keep(kind):
                        ours = [(inp[h.start:h.end], h.quantity.min, h.quantity.max, h.quantity.unit) for h in hits]
                        EXAMPLES.append(f"[{kind} {lang}] VALUE {text!r} = {res['value']} in {inp[:100]!r}: ours {ours}")
                    if kind in ("currency", "percent"):
                        want = "money" if kind == "currency" else "percent"
                        if any(h.quantity.unit == want for h in hits):
                            add(f"{kind}_unit_ok")
                        elif _keep(kind + "-unit"):
                            ours = [(inp[h.start:h.end], h.quantity.unit) for h in hits]
                            EXAMPLES.append(f"[{kind}-unit {lang}] {text!r} in {inp[:100]!r}: ours {ours}")
            _ROWS.append([rel, f["cases"], f["gold"], f["declined"], f["scored"], f["found"],
                          ratio(f["found"], f["scored"]), ratio(f["correct"], f["found"]), f["errors"]])
    g = tot.get
    scores = {
        "number_value_acc": ratio(g("number_ok", 0), g("number_found", 0)),
        "parser_acc": ratio(g("parser_ok", 0), g("parser_scored", 0)),
        "range_value_acc": ratio(g("range_ok", 0), g("range_found", 0)),
        "percent_value_acc": ratio(g("percent_ok", 0), g("percent_found", 0)),
        "percent_unit_acc": ratio(g("percent_unit_ok", 0), g("percent_found", 0)),
        "currency_value_acc": ratio(g("currency_ok", 0), g("currency_found", 0)),
        "currency_unit_acc": ratio(g("currency_unit_ok", 0), g("currency_found", 0)),
        "detection": ratio(sum(g(f"{k}_found", 0) for k in ("number", "range", "percent", "currency")),
                           sum(g(f"{k}_scored", 0) for k in ("number", "range", "percent", "currency"))),
    }
    note = "value accuracies are on detected results; declined: " + ", ".join(
        f"{k}={v}" for k, v in sorted(reasons.items())
    )
    return {"suite": NAME, "cases": cases, "scores": scores, "declined": declined, "errors": errors, "note": note}


def _table(result: dict[str, Any]) -> None:
    print_table(["file", "inputs", "gold", "declined", "scored", "found", "detection", "value_acc", "errors"], _ROWS)
    if EXAMPLES:
        print("examples (misses / wrong values):")
        for line in EXAMPLES[:24]:
            print("  " + line[:240])


def main() -> None:
    """Command-line entry point."""
    cli(run, __doc__, _table)


if __name__ == "__main__":
    main()
