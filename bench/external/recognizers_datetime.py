"""TimeFinder against the Microsoft Recognizers-Text DateTime specs (German and English).

Suite: ../shared/eval/recognizers-text-specs (MIT), files German/DateTime/DateTimeModel.json,
German/DateTime/DateTimeModelCalendarMode.json and English/DateTime/DateTimeModel.json, the
"model" files whose results carry TypeName and Resolution.values. The German Extractor/Parser
files use another result shape (Type/Value, Future/PastResolution) and are left out.

Run: python bench/external/recognizers_datetime.py [--limit N]   (N = first N cases per file)

How the suite maps to us:
- Spans: the spec's End is inclusive; we compare half-open [Start, End+1). A gold result is
  *detected* when one of our TimeMentions overlaps it.
- `published` = the case's Context.ReferenceDateTime cut to YYYY-MM-DD. Cases without a
  reference date depend on the recognizer's clock; their results are declined.
- Values: each gold value becomes the set of TimeExpr (value, after, before) triples we would
  write for it, and a detected result counts as correct when any overlapping mention of ours
  has one of them:
  * date -> value "YYYY-MM-DD"; for underspecified timex ("XXXX-10-02", weekdays) the suite
    lists the past and the future reading and either counts (we pick by tense cues);
  * daterange "YYYY"/"XXXX" -> value year; "YYYY-MM"/"XXXX-MM" -> value month;
  * other ranges (weeks "2016-W45", "(2016-11-01,2016-11-07,P7D)", seasons, quarters) from
    start/end: a single day -> value date; whole months -> value year / month or
    after=first month, before=last month (our season form); otherwise after=start,
    before=last day (the spec's end is exclusive; the inclusive end is accepted too); a week
    inside one month also -> value month (our FORMAT has no weeks);
  * Mod before/until -> before=anchor, Mod after/since -> after=anchor (we do not model
    strictness); Mod start/mid/end/approx -> the anchor as value;
  * seasons "2016-SU" / "SU" (the suite leaves them unresolved) -> after=first month,
    before=last month (spring 3-5, summer 6-8, autumn 9-11, winter 12-2);
  * PRESENT_REF ("jetzt", "now") -> value = the reference date.
- Declined by design (counted per gold result, not scored): clock times and date-times
  (time, timerange, datetime, datetimerange), durations (P...), sets (every ...), holidays
  (a fixed list of names in _HOLIDAY) and cases without a reference date. Gold values the suite
  itself leaves "not resolved" (30 February, fiscal/school years) are declined as "unmapped".
- Precision: the share of our mentions that overlap some gold result (declined ones included);
  inputs with no gold result also give the false-positive rate on "nothing to find" inputs.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import cli, load_json, not_found, overlaps, print_table, ratio, suite_dir

NAME = "recognizers_datetime"
FOLDER = "recognizers-text-specs"
FILES = {
    "de": ["German/DateTime/DateTimeModel.json", "German/DateTime/DateTimeModelCalendarMode.json"],
    "en": ["English/DateTime/DateTimeModel.json"],
}
METRICS = ["de_detection", "de_value_acc", "de_precision", "en_detection", "en_value_acc", "en_precision"]
_CLOCK = {"time", "timerange", "datetime", "datetimerange"}
_HOLIDAY = re.compile(
    r"weihnacht|ostern|oster|pfingst|silvester|neujahr|heiligabend|karfreitag|himmelfahrt|fronleichnam|"
    r"allerheiligen|valentin|muttertag|vatertag|halloween|fasching|karneval|rosenmontag|nikolaus|advent|"
    r"tag der deutschen einheit|reformationstag|christmas|easter|thanksgiving|new year|xmas|"
    r"independence day|labou?r day|memorial day|mother'?s day|father'?s day|martin luther king|"
    r"veterans day|columbus day|president'?s day|saint patrick|st\.? patrick|black friday|yuandan|"
    r"groundhog|earth day|boxing day|eid\b|ramadan|hanukk?ah|diwali|passover|good friday|"
    r"inauguration|election day|tax day|flag day|cinco de mayo|april fools|mardi gras|ash wednesday",
    re.IGNORECASE,
)
_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# A few misses and wrong values of the last run, for the printed table.
EXAMPLES: list[str] = []


def _keep(lang: str) -> bool:
    return sum(1 for e in EXAMPLES if e.startswith(f"[{lang}]")) < 30


def _d(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso[:10])


def _span(inp: str, r: dict[str, Any]) -> tuple[int, int] | None:
    if isinstance(r.get("Start"), int) and isinstance(r.get("End"), int):
        return r["Start"], r["End"] + 1
    i = inp.lower().find(str(r.get("Text", "")).lower())
    return (i, i + len(r["Text"])) if i >= 0 else None


def _anchor(timex: str, v: dict[str, Any], side: str) -> str | None:
    """The ISO granule a modified timex points at ("XXXX-05" resolved with the value's year)."""
    resolved = v.get("end") if side == "before" else v.get("start")
    resolved = resolved or v.get("value") or v.get("start") or v.get("end")
    if not resolved or "T" in timex:
        return None
    m = re.match(r"^([\dX]{4})(-(?:\d{2}|XX))?(-(?:\d{2}|XX))?$", timex)
    if not m:
        return str(resolved)[:10]
    year = m.group(1) if "X" not in m.group(1) else str(resolved)[:4]
    out = year
    for part in (m.group(2), m.group(3)):
        if part is None:
            break
        if "X" in part:
            return str(resolved)[:10]
        out += part
    return out


def _range_forms(timex: str, start: str, end: str) -> set[tuple[str | None, str | None, str | None]]:
    """Our TimeExpr triples for a gold range [start, end)."""
    s, e_excl = _d(start), _d(end)
    e = e_excl - dt.timedelta(days=1)
    out: set[tuple[str | None, str | None, str | None]] = set()
    if s >= e:
        out.add((s.isoformat(), None, None))
    if s.day == 1 and e_excl.day == 1:
        months = (e_excl.year - s.year) * 12 + e_excl.month - s.month
        if months == 1:
            out.add((s.isoformat()[:7], None, None))
        elif months == 12 and s.month == 1:
            out.add((str(s.year), None, None))
        else:
            out.add((None, s.isoformat()[:7], e.isoformat()[:7]))
    out.add((None, s.isoformat(), e.isoformat()))
    out.add((None, s.isoformat(), e_excl.isoformat()))
    if "W" in timex and s.month == e.month:
        out.add((s.isoformat()[:7], None, None))
    return out


def expected(r: dict[str, Any], ref: str | None) -> tuple[str | None, set[tuple[str | None, str | None, str | None]]]:
    """(decline reason or None, acceptable (value, after, before) triples) of one gold result."""
    values = (r.get("Resolution") or {}).get("values") or []
    kind = str(r.get("TypeName", "")).split(".")[-1] or (str(values[0].get("type", "")) if values else "")
    if any(v.get("timex") == "PRESENT_REF" for v in values):
        return (None, {(ref, None, None)}) if ref else ("no reference date", set())
    if kind in _CLOCK:
        return "clock time", set()
    if kind == "duration":
        return "duration", set()
    if kind == "set":
        return "set", set()
    if _HOLIDAY.search(str(r.get("Text", ""))):
        return "holiday", set()
    if kind not in ("date", "daterange"):
        return f"type {kind}", set()
    if ref is None:
        return "no reference date", set()
    out: set[tuple[str | None, str | None, str | None]] = set()
    for v in values:
        timex = str(v.get("timex", ""))
        mod = str(v.get("Mod", "") or "").lower()
        if "T" in timex.split(",")[0][10:] or timex.startswith("T"):
            continue
        if mod in ("before", "until"):
            a = _anchor(timex, v, "before")
            if a:
                out.add((None, None, a))
            continue
        if mod in ("after", "since", "sinceend"):
            a = _anchor(timex, v, "after")
            if a:
                out.add((None, a, None))
            continue
        if mod:
            a = _anchor(timex, v, "after")
            if a:
                out.add((a, None, None))
        if kind == "date" and v.get("value") and _DAY.match(str(v["value"])):
            out.add((str(v["value"]), None, None))
            continue
        season = re.match(r"^(?:([\dX]{4})-)?(SP|SU|FA|WI)$", timex)
        if season:  # "this summer": our season form, the year from the timex or the reference
            year = int(season.group(1)) if season.group(1) and "X" not in season.group(1) else int(ref[:4])
            first, last = _SEASONS[season.group(2)]
            out.add((None, f"{year:04d}-{first:02d}", f"{year + (last < first):04d}-{last:02d}"))
            continue
        start, end = v.get("start"), v.get("end")
        if re.match(r"^[\dX]{4}$", timex) and start:
            out.add((str(start)[:4], None, None))
        elif re.match(r"^[\dX]{4}-\d{2}$", timex) and start:
            out.add((str(start)[:7], None, None))
        elif start and end and _DAY.match(str(start)[:10]) and _DAY.match(str(end)[:10]):
            out |= _range_forms(timex, str(start), str(end))
    if not out:
        return f"unmapped timex {values[0].get('timex') if values else None}", set()
    return None, out


def _triple(t: Any) -> tuple[str | None, str | None, str | None] | None:
    return None if t is None else (t.value, t.after, t.before)


def run(limit: int | None = None) -> dict[str, Any]:
    """Score TimeFinder on the DateTime model specs; see the module docstring."""
    root = suite_dir(FOLDER)
    if not root.is_dir():
        return not_found(NAME, METRICS)
    from claimgraph.nlp.times import TimeFinder

    EXAMPLES.clear()
    per: dict[str, dict[str, Any]] = {}
    cases = declined = errors = 0
    reasons: dict[str, int] = {}
    for lang, files in FILES.items():
        finder = TimeFinder(lang)
        st = per.setdefault(lang, {"cases": 0, "gold": 0, "scored": 0, "found": 0, "valued": 0, "correct": 0,
                                   "ours": 0, "ours_hit": 0, "empty": 0, "empty_fp": 0, "declined": 0, "errors": 0})
        for rel in files:
            path = root / rel
            if not path.exists():
                continue
            data = load_json(path)
            for case in data[:limit] if limit else data:
                inp = str(case.get("Input", ""))
                ctx = case.get("Context") or {}
                ref = str(ctx["ReferenceDateTime"])[:10] if ctx.get("ReferenceDateTime") else None
                cases += 1
                st["cases"] += 1
                try:
                    mentions = finder.find(inp, ref)
                except Exception as exc:  # noqa: BLE001 - an engine error is a result here
                    errors += 1
                    st["errors"] += 1
                    if _keep(lang):
                        EXAMPLES.append(f"[{lang}] ERROR {type(exc).__name__}: {inp!r}")
                    continue
                results = case.get("Results") or []
                spans = [_span(inp, r) for r in results]
                st["ours"] += len(mentions)
                st["ours_hit"] += sum(
                    1 for m in mentions if any(sp and overlaps(m.start, m.end, sp[0], sp[1]) for sp in spans)
                )
                if not results:
                    st["empty"] += 1
                    st["empty_fp"] += bool(mentions)
                for r, sp in zip(results, spans):
                    st["gold"] += 1
                    reason, cands = expected(r, ref)
                    if reason is not None:
                        declined += 1
                        st["declined"] += 1
                        key = f"{lang}:{reason.split(' ')[0] if reason.startswith('unmapped') else reason}"
                        reasons[key] = reasons.get(key, 0) + 1
                        continue
                    st["scored"] += 1
                    hits = [m for m in mentions if sp and overlaps(m.start, m.end, sp[0], sp[1])]
                    if not hits:
                        if _keep(lang):
                            EXAMPLES.append(f"[{lang}] MISS {r.get('Text')!r} in {inp!r} (ref {ref})")
                        continue
                    st["found"] += 1
                    st["valued"] += 1
                    if any(_triple(m.time) in cands for m in hits):
                        st["correct"] += 1
                    elif _keep(lang):
                        ours = [(inp[m.start:m.end], _triple(m.time)) for m in hits]
                        EXAMPLES.append(
                            f"[{lang}] VALUE {r.get('Text')!r} in {inp!r} (ref {ref}): gold {sorted(cands, key=str)[:2]} ours {ours}"
                        )
    scores: dict[str, float | None] = {}
    for lang in ("de", "en"):
        st = per.get(lang, {})
        scores[f"{lang}_detection"] = ratio(st.get("found", 0), st.get("scored", 0))
        scores[f"{lang}_value_acc"] = ratio(st.get("correct", 0), st.get("valued", 0))
        scores[f"{lang}_precision"] = ratio(st.get("ours_hit", 0), st.get("ours", 0))
    note = "declined: " + ", ".join(f"{k}={v}" for k, v in sorted(reasons.items())) if reasons else ""
    global _PER
    _PER = per
    return {"suite": NAME, "cases": cases, "scores": scores, "declined": declined, "errors": errors, "note": note}


_PER: dict[str, dict[str, Any]] = {}


def _table(result: dict[str, Any]) -> None:
    rows = []
    for lang, st in _PER.items():
        rows.append([
            lang, st["cases"], st["gold"], st["declined"], st["scored"], st["found"],
            ratio(st["found"], st["scored"]), ratio(st["correct"], st["valued"]),
            ratio(st["ours_hit"], st["ours"]), f"{st['empty_fp']}/{st['empty']}", st["errors"],
        ])
    print_table(["lang", "inputs", "gold", "declined", "scored", "found", "detection", "value_acc",
                 "precision", "fp_on_empty", "errors"], rows)
    if EXAMPLES:
        print("examples (first misses / wrong values):")
        for line in [e for e in EXAMPLES if e.startswith("[de]")][:6] + [e for e in EXAMPLES if e.startswith("[en]")][:6]:
            print("  " + line[:260])


def main() -> None:
    """Command-line entry point."""
    cli(run, __doc__, _table)


if __name__ == "__main__":
    main()
