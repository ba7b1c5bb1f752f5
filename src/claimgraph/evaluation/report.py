"""Present an EvalReport: the JSON shape DESIGN.md fixes, and a Rich table for people."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from claimgraph.evaluation.findings import Findings
from claimgraph.evaluation.runner import EvalReport
from claimgraph.evaluation.scores import FIELDS, Scores

_HEADERS = (
    "ent\nP", "ent\nR", "ent\nF1", "claim\nP", "claim\nR", "claim\nF1",
    "act", "targ", "time", "src", "mod", "quote\nP", "quote\nR", "quote\nF1", "spkr",
)
# For 80-column terminals: e = entity, c = claim, q = quote.
_NARROW_HEADERS = (
    "eP", "eR", "eF", "cP", "cR", "cF", "act", "tgt", "tim", "src", "mod", "qP", "qR", "qF", "spk",
)
_WIDE = 130


def report_to_json(report: EvalReport) -> dict[str, Any]:
    """Return `{"files": {NAME: SCORES}, "overall": SCORES}`, every number rounded to 4
    places and `None` (JSON null) where nothing was scored."""
    return {
        "files": {result.name: scores_to_json(result.scores) for result in report.files},
        "overall": scores_to_json(report.overall),
    }


def scores_to_json(scores: Scores) -> dict[str, Any]:
    """Return one SCORES object: entities, claims, fields and quotes."""
    return {
        "entities": _prf(scores.entities.precision, scores.entities.recall, scores.entities.f1),
        "claims": _prf(scores.claims.precision, scores.claims.recall, scores.claims.f1),
        "fields": {name: _round(scores.fields.get(name).value) for name in FIELDS},
        "quotes": {
            **_prf(scores.quotes.precision, scores.quotes.recall, scores.quotes.f1),
            "speaker": _round(scores.speaker.value),
        },
    }


def render_report(report: EvalReport, console: Console, *, show_errors: bool) -> None:
    """Print one table (a row per file and an `overall` row); with `show_errors`, then list
    each file's missed, spurious and wrong items with their sentences. Returns None."""
    wide = console.width >= _WIDE
    table = Table(title="claimgraph eval (%; – where nothing was scored)", box=box.SIMPLE_HEAD,
                  padding=(0, 0, 0, 1) if wide else (0, 0), show_edge=False)
    table.add_column("file", no_wrap=True, min_width=8, max_width=None if wide else 18)
    for header in _HEADERS if wide else _NARROW_HEADERS:
        table.add_column(header, justify="right", no_wrap=True)
    digits = 1 if wide else 0
    for result in report.files:
        table.add_row(result.name, *_cells(result.scores, digits))
    table.add_section()
    table.add_row(Text("overall", style="bold"), *_cells(report.overall, digits), style="bold")
    console.print(table)
    if show_errors:
        for result in report.files:
            _print_findings(console, result.name, result.findings)


def _cells(scores: Scores, digits: int) -> list[str]:
    data = scores_to_json(scores)
    values = [*data["entities"].values(), *data["claims"].values(), *data["fields"].values(),
              *data["quotes"].values()]
    return ["–" if v is None else f"{100 * v:.{digits}f}" for v in values]


def _print_findings(console: Console, name: str, findings: Findings) -> None:
    console.rule(Text(name))
    if not findings:
        console.print("no errors", style="green")
        return
    lines: list[tuple[str, str]] = []
    lines += [("missed entity", e) for e in findings.missed_entities]
    lines += [("spurious entity", e) for e in findings.spurious_entities]
    for m in findings.missed_claims:
        quantity = f" {m.quantity}" if m.quantity else ""
        sentence = m.sentence if m.sentence is not None else "(evidence not found in the text)"
        lines.append(("missed claim", f"{m.id} [{' | '.join(m.kinds)}{quantity}] «{m.evidence}»\n    {sentence}"))
    for s in findings.spurious_claims:
        quantity = f" {s.quantity}" if s.quantity else ""
        lines.append(("spurious claim", f"[{s.kind}{quantity}] «{s.evidence}»\n    {s.sentence}"))
    for w in findings.wrong_fields:
        lines.append((f"wrong {w.field}", f"{w.claim_id}: gold {w.gold}, predicted {w.predicted}  «{w.evidence}»"))
    lines += [("missed quote", f"{q.speaker}: «{q.text}»") for q in findings.missed_quotes]
    lines += [("spurious quote", f"{q.speaker}: «{q.text}»") for q in findings.spurious_quotes]
    lines += [("wrong speaker", f"gold {w.gold}, predicted {w.predicted}: «{w.text}»")
              for w in findings.wrong_speakers]
    for label, detail in lines:
        console.print(Text.assemble((f"{label}: ", "bold red"), detail))


def _prf(precision: float | None, recall: float | None, f1: float | None) -> dict[str, float | None]:
    return {"precision": _round(precision), "recall": _round(recall), "f1": _round(f1)}


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
