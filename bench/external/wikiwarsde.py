"""TimeFinder('de') against WikiWarsDE (Strötgen & Gertz 2011): TIMEX2 extents and values.

Suite: ../shared/eval/wikiwarsde (CC BY-SA 3.0): 22 German Wikipedia war articles with inline
TIMEX2 annotation in keyinline/*.key.xml. Document creation time: the DATETIME tag of each
document (2011-02-16, as the readme says).

Run: python bench/external/wikiwarsde.py [--limit N]   (N = first N documents)

How the suite maps to us:
- Text: the <TEXT> body of keyinline/ with the TIMEX2 tags removed (the same characters as the
  raw in/*.sgm body); gold spans are the tags' extents in that text. `published` = the DCT's
  YYYY-MM-DD. One TimeFinder call per document.
- Extent (overlap match): recall = gold TIMEX2 overlapped by a mention of ours, precision =
  our mentions overlapping a gold TIMEX2, F1 of the two. All gold TIMEX2 count for recall,
  including the ones we decline below; `recall_in_scope` counts only the normalisable ones.
- Values, on matched gold expressions where both sides have a value:
  * VAL "1944", "1944-06", "1944-06-06" map directly to our `value`;
  * seasons "1944-SU" -> after=first month, before=last month (our season form);
  * weeks "1944-W23" -> the month when the week lies in one month, else after=Monday,
    before=Sunday (our week form);
  * PRESENT_REF -> value = the DCT date;
  * mod BEFORE, ON_OR_BEFORE -> before=VAL; AFTER, ON_OR_AFTER -> after=VAL; no mod or
    START/MID/END/APPROX -> VAL as the value;
  * TIMEX2 extents leave out the cue word of "seit 1939" / "bis Ende 1945", which we fold into
    an open interval: for those, our after=VAL or before=VAL also counts.
- Declined by design (counted, not scored for value): clock times and parts of day (VAL with
  T...), durations (P...), sets, PAST_REF / FUTURE_REF, centuries and decades ("19", "194"),
  BC years, unresolved values (X in VAL), and TIMEX2 without VAL.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import cli, not_found, overlaps, print_table, ratio, suite_dir

NAME = "wikiwarsde"
FOLDER = "wikiwarsde"
METRICS = ["precision", "recall", "f1", "recall_in_scope", "value_acc"]
_TAG = re.compile(r"<TIMEX2\b([^>]*)>|</TIMEX2>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}

EXAMPLES: list[str] = []
_ROWS: list[list[Any]] = []


def parse_doc(raw: str) -> tuple[str, str | None, list[tuple[int, int, dict[str, str]]]]:
    """Return (plain text of <TEXT>, DCT date or None, gold [(start, end, attrs)])."""
    dct_m = re.search(r"<DATETIME>.*?val=\"(\d{4}-\d{2}-\d{2})", raw, re.DOTALL)
    body_m = re.search(r"<TEXT>\n?(.*?)</TEXT>", raw, re.DOTALL)
    body = body_m.group(1) if body_m else ""
    out: list[str] = []
    gold: list[tuple[int, int, dict[str, str]]] = []
    stack: list[tuple[int, dict[str, str]]] = []
    pos = length = 0
    for m in _TAG.finditer(body):
        out.append(body[pos:m.start()])
        length += m.start() - pos
        pos = m.end()
        if m.group(0).startswith("</"):
            if stack:
                start, attrs = stack.pop()
                gold.append((start, length, attrs))
        else:
            stack.append((length, {k.lower(): v for k, v in _ATTR.findall(m.group(1) or "")}))
    out.append(body[pos:])
    return "".join(out), dct_m.group(1) if dct_m else None, sorted(gold, key=lambda g: g[0])


def expected(attrs: dict[str, str], dct: str | None) -> tuple[str | None, set[tuple[str | None, str | None, str | None]]]:
    """(decline reason or None, acceptable (value, after, before) triples) of one TIMEX2."""
    val = attrs.get("val", "")
    mod = attrs.get("mod", "").upper()
    if not val:
        return "no VAL", set()
    if attrs.get("set"):
        return "set", set()
    if val == "PRESENT_REF":
        return (None, {(dct, None, None)}) if dct else ("no DCT", set())
    if val in ("PAST_REF", "FUTURE_REF"):
        return "PAST/FUTURE_REF", set()
    if val.startswith("P"):
        return "duration", set()
    if "T" in val:
        return "clock time / part of day", set()
    if val.startswith("BC"):
        return "BC", set()
    if "X" in val:
        return "unresolved", set()
    if re.fullmatch(r"\d{2,3}", val):
        return "century/decade", set()
    season = re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", val)
    week = re.fullmatch(r"(\d{4})-W(\d{2})", val)
    if season:
        first, last = _SEASONS[season.group(2)]
        year = int(season.group(1))
        return None, {(None, f"{year:04d}-{first:02d}", f"{year + (last < first):04d}-{last:02d}")}
    if week:
        monday = dt.date.fromisocalendar(int(week.group(1)), int(week.group(2)), 1)
        sunday = monday + dt.timedelta(days=6)
        if monday.month == sunday.month:
            return None, {(monday.isoformat()[:7], None, None)}
        return None, {(None, monday.isoformat(), sunday.isoformat())}
    if not re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", val):
        return f"other VAL {val}", set()
    if mod in ("BEFORE", "ON_OR_BEFORE"):
        return None, {(None, None, val)}
    if mod in ("AFTER", "ON_OR_AFTER"):
        return None, {(None, val, None)}
    # the cue of "seit 1939" / "bis Ende 1941" lies outside the extent; we fold it in
    return None, {(val, None, None), (None, val, None), (None, None, val)}


def run(limit: int | None = None) -> dict[str, Any]:
    """Score TimeFinder('de') on WikiWarsDE; see the module docstring."""
    root = suite_dir(FOLDER) / "keyinline"
    if not root.is_dir():
        return not_found(NAME, METRICS)
    from claimgraph.nlp.times import TimeFinder

    finder = TimeFinder("de")
    EXAMPLES.clear()
    _ROWS.clear()
    files = sorted(root.glob("*.key.xml"))
    files = files[:limit] if limit else files
    t = {k: 0 for k in ("gold", "gold_hit", "in_scope", "in_scope_hit", "ours", "ours_hit", "valued", "value_ok",
                        "unnormalised")}
    cases = declined = errors = 0
    reasons: dict[str, int] = {}
    for path in files:
        text, dct, gold = parse_doc(path.read_text(encoding="utf-8"))
        cases += 1
        try:
            mentions = finder.find(text, dct)
        except Exception as exc:  # noqa: BLE001 - an engine error is a result here
            errors += 1
            EXAMPLES.append(f"ERROR {type(exc).__name__} in {path.name}")
            continue
        d = {k: 0 for k in t}
        d["ours"] = len(mentions)
        d["ours_hit"] = sum(1 for m in mentions if any(overlaps(m.start, m.end, g[0], g[1]) for g in gold))
        for start, end, attrs in gold:
            d["gold"] += 1
            hits = [m for m in mentions if overlaps(m.start, m.end, start, end)]
            d["gold_hit"] += bool(hits)
            reason, cands = expected(attrs, dct)
            if reason is not None:
                declined += 1
                key = "other VAL" if reason.startswith("other VAL") else reason
                reasons[key] = reasons.get(key, 0) + 1
                continue
            d["in_scope"] += 1
            if not hits:
                if sum(e.startswith("MISS") for e in EXAMPLES) < 15:
                    ctx = text[max(0, start - 30):end + 20].replace("\n", " ")
                    EXAMPLES.append(f"MISS {text[start:end]!r} val={attrs.get('val')} in …{ctx}…")
                continue
            d["in_scope_hit"] += 1
            valued = [m for m in hits if m.time is not None]
            if not valued:
                d["unnormalised"] += 1
                continue
            d["valued"] += 1
            if any((m.time.value, m.time.after, m.time.before) in cands for m in valued):
                d["value_ok"] += 1
            elif sum(e.startswith("VALUE") for e in EXAMPLES) < 15:
                ours = [(text[m.start:m.end], m.time.value, m.time.after, m.time.before) for m in valued]
                EXAMPLES.append(f"VALUE {text[start:end]!r} val={attrs.get('val')} mod={attrs.get('mod', '')}: ours {ours}")
        for k in t:
            t[k] += d[k]
        p, r = ratio(d["ours_hit"], d["ours"]), ratio(d["gold_hit"], d["gold"])
        _ROWS.append([path.name.split(".")[0], d["gold"], d["in_scope"], d["ours"], p, r,
                      ratio(d["in_scope_hit"], d["in_scope"]), ratio(d["value_ok"], d["valued"])])
    p, r = ratio(t["ours_hit"], t["ours"]), ratio(t["gold_hit"], t["gold"])
    f1 = round(2 * p * r / (p + r), 4) if p is not None and r is not None and p + r > 0 else None
    _ROWS.append(["TOTAL", t["gold"], t["in_scope"], t["ours"], p, r,
                  ratio(t["in_scope_hit"], t["in_scope"]), ratio(t["value_ok"], t["valued"])])
    scores = {"precision": p, "recall": r, "f1": f1, "recall_in_scope": ratio(t["in_scope_hit"], t["in_scope"]),
              "value_acc": ratio(t["value_ok"], t["valued"])}
    note = (f"cases = documents; {t['gold']} gold TIMEX2, declined counts TIMEX2 kept out of value scoring; "
            f"{t['unnormalised']} matched in-scope expressions we left without a value; declined: "
            + ", ".join(f"{k}={v}" for k, v in sorted(reasons.items())))
    return {"suite": NAME, "cases": cases, "scores": scores, "declined": declined, "errors": errors, "note": note}


def _table(result: dict[str, Any]) -> None:
    print_table(["document", "gold", "in_scope", "ours", "precision", "recall", "recall_in_scope", "value_acc"], _ROWS)
    if EXAMPLES:
        print("examples (misses / wrong values):")
        for line in EXAMPLES[:20]:
            print("  " + line[:240])


def main() -> None:
    """Command-line entry point."""
    cli(run, __doc__, _table)


if __name__ == "__main__":
    main()
