"""Shared helpers of the NER and speech benchmarks in bench/external (germeval2014, europeana_ner,
smartdata, gepade_spkatt, redewiedergabe).

The suites stay where they are (../shared/eval, read-only); nothing of them is copied here.
Gold token sequences are joined with single spaces; `TokenText` keeps each token's character
offsets so gold token spans can be compared with our character spans (a token is "in" a
predicted span when the two overlap).
"""

from __future__ import annotations

import argparse
import bisect
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

EVAL_ROOT = Path(__file__).resolve().parents[2].parent / "shared" / "eval"

NER_TYPES = ("PER", "ORG", "LOC")
# Our entity types mapped to the CoNLL-style labels the NER suites use.
OUR_TYPE = {"person": "PER", "org": "ORG", "country": "LOC", "place": "LOC"}
# Forms that are not names in NER terms: adjectives/demonyms ("britischen", "Nordkoreaner"; GermEval
# calls them LOCderiv, the others O), descriptions ("das russische Verteidigungsministerium",
# "die Polizei") and coreference (pronouns / role nouns resolved to a name).
NON_NAME_FORMS = ("adjective", "demonym", "description", "coreference")


def suite_dir(folder: str) -> Path:
    """The suite's folder under ../shared/eval."""
    return EVAL_ROOT / folder


def not_found(name: str, metrics: Iterable[str]) -> dict:
    """run()'s result when the suite folder is absent."""
    return {"suite": name, "cases": 0, "scores": {m: None for m in metrics}, "declined": 0, "errors": 0,
            "note": "suite not found"}


class TokenText:
    """Tokens joined by `sep` (or given with their own offsets) and a char -> token lookup."""

    def __init__(self, tokens: list[str], seps: list[str] | None = None, offsets: list[tuple[int, int]] | None = None,
                 text: str | None = None) -> None:
        self.tokens = tokens
        if offsets is not None and text is not None:
            self.text = text
            self.starts = [s for s, _ in offsets]
            self.ends = [e for _, e in offsets]
            return
        parts: list[str] = []
        self.starts, self.ends = [], []
        pos = 0
        for i, tok in enumerate(tokens):
            if i:
                sep = seps[i] if seps is not None else " "
                parts.append(sep)
                pos += len(sep)
            self.starts.append(pos)
            parts.append(tok)
            pos += len(tok)
            self.ends.append(pos)
        self.text = "".join(parts)

    def token_range(self, start: int, end: int) -> tuple[int, int] | None:
        """[first, last+1) of the tokens overlapping chars [start, end), or None."""
        if end <= start:
            return None
        i = bisect.bisect_right(self.ends, start)  # first token ending after start
        j = bisect.bisect_left(self.starts, end)  # tokens starting before end
        return (i, j) if i < j else None


def prf(tp_p: int, n_pred: int, tp_g: int, n_gold: int) -> tuple[float | None, float | None, float | None]:
    """Precision, recall, F1 (None where undefined); tp_p matched predictions, tp_g matched gold."""
    p = tp_p / n_pred if n_pred else None
    r = tp_g / n_gold if n_gold else None
    f = 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)
    return p, r, f


def fmt(x: float | None) -> str:
    return "  n/a" if x is None else f"{x:5.3f}"


def bio_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, label) of BIO tags; an I- without a matching open span starts one."""
    out: list[tuple[int, int, str]] = []
    cur: list | None = None
    for i, tag in enumerate(tags + ["O"]):
        if tag.startswith("I-") and cur is not None and cur[2] == tag[2:]:
            cur[1] = i + 1
            continue
        if cur is not None:
            out.append(tuple(cur))  # type: ignore[arg-type]
            cur = None
        if tag.startswith(("B-", "I-")):
            cur = [i, i + 1, tag[2:]]
    return out


@dataclass
class NerCounts:
    """Exact-span counts per type plus examples of misses and false alarms."""

    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)
    mapped_away: Counter = field(default_factory=Counter)  # predictions not counted (form / excluded gold)
    misses: list = field(default_factory=list)
    false_alarms: list = field(default_factory=list)
    wrong_type: Counter = field(default_factory=Counter)

    def add(self, other: NerCounts) -> None:
        for a in ("tp", "fp", "fn", "mapped_away", "wrong_type"):
            getattr(self, a).update(getattr(other, a))
        self.misses.extend(other.misses)
        self.false_alarms.extend(other.false_alarms)

    def scores(self, prefix: str = "") -> dict[str, float | None]:
        out: dict[str, float | None] = {}
        for t in NER_TYPES + ("all",):
            if t == "all":
                tp, fp, fn = sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values())
            else:
                tp, fp, fn = self.tp[t], self.fp[t], self.fn[t]
            p, r, f = prf(tp, tp + fp, tp, tp + fn)
            key = f"{prefix}{t.lower()}_" if t != "all" else prefix
            out[f"{key}p"], out[f"{key}r"], out[f"{key}f1"] = p, r, f
        return out

    def table(self, title: str) -> str:
        lines = [f"{title}", f"  {'type':5} {'gold':>6} {'pred':>6} {'tp':>6}   P     R     F1"]
        for t in NER_TYPES + ("all",):
            if t == "all":
                tp, fp, fn = sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values())
            else:
                tp, fp, fn = self.tp[t], self.fp[t], self.fn[t]
            p, r, f = prf(tp, tp + fp, tp, tp + fn)
            lines.append(f"  {t:5} {tp + fn:6d} {tp + fp:6d} {tp:6d} {fmt(p)} {fmt(r)} {fmt(f)}")
        return "\n".join(lines)


def predicted_ner(doc, tt: TokenText, counts: NerCounts) -> list[tuple[int, int, str, str]]:
    """Our entity mentions as (tok_start, tok_end, label, form), without the non-name forms."""
    out = []
    for m in getattr(doc._, "cg_entities", None) or []:
        label = OUR_TYPE.get(m.ref.type)
        if label is None:
            counts.mapped_away[f"type:{m.ref.type}"] += 1
            continue
        if m.form.startswith(NON_NAME_FORMS):
            counts.mapped_away[f"form:{m.form.split('_')[0]}"] += 1
            continue
        rng = tt.token_range(m.start, m.end)
        if rng is None:
            continue
        out.append((rng[0], rng[1], label, m.form))
    # one prediction per token span (the pipeline may name a span twice, e.g. a region and its country)
    seen: set[tuple[int, int, str]] = set()
    uniq = []
    for s, e, lab, form in out:
        if (s, e, lab) not in seen:
            seen.add((s, e, lab))
            uniq.append((s, e, lab, form))
    return uniq


def score_ner(doc, tt: TokenText, gold: list[tuple[int, int, str]], excluded: list[tuple[int, int]],
              counts: NerCounts, ctx: str = "") -> None:
    """Exact token-span match per type. Predictions overlapping an excluded gold span (OTH, *deriv,
    *part, fine-grained labels we do not model) are neither right nor wrong: mapped away."""
    preds = predicted_ner(doc, tt, counts)
    gold_set = {(s, e, t) for s, e, t in gold}
    ex_tokens = {i for s, e in excluded for i in range(s, e)}
    gold_spans = {(s, e): t for s, e, t in gold}
    matched: set[tuple[int, int, str]] = set()
    for s, e, lab, form in preds:
        if (s, e, lab) in gold_set:
            counts.tp[lab] += 1
            matched.add((s, e, lab))
            continue
        if any(i in ex_tokens for i in range(s, e)) and not any(gs < e and s < ge for gs, ge, _ in gold):
            counts.mapped_away["overlaps excluded gold"] += 1
            continue
        counts.fp[lab] += 1
        if (s, e) in gold_spans:
            counts.wrong_type[(gold_spans[(s, e)], lab)] += 1
        if len(counts.false_alarms) < 4000:
            counts.false_alarms.append((lab, " ".join(tt.tokens[s:e]), form, ctx))
    for g in gold_set - matched:
        counts.fn[g[2]] += 1
        if len(counts.misses) < 4000:
            counts.misses.append((g[2], " ".join(tt.tokens[g[0]:g[1]]), ctx))


def safe_annotate(text: str, lang: str, published: str | None):
    """annotate() or the exception it raised."""
    from claimgraph.nlp.pipeline import annotate

    try:
        return annotate(text, lang, published), None
    except Exception as exc:  # noqa: BLE001 - counted as an error, reported
        return None, exc


def top(items: Iterable, n: int = 8) -> list[tuple[object, int]]:
    return Counter(items).most_common(n)


def print_examples(counts: NerCounts, n: int = 8) -> None:
    print("  most frequent misses:      ", "; ".join(f"{t} {w!r} x{c}" for (t, w), c in top(((t, w) for t, w, _ in counts.misses), n)))
    print("  most frequent false alarms:", "; ".join(f"{t} {w!r} ({f}) x{c}" for (t, w, f), c in top(((t, w, f) for t, w, f, _ in counts.false_alarms), n)))
    if counts.wrong_type:
        print("  right span, wrong type (gold->ours):", ", ".join(f"{g}->{o} x{c}" for (g, o), c in counts.wrong_type.most_common(6)))
    if counts.mapped_away:
        print("  predictions not scored:", ", ".join(f"{k} x{c}" for k, c in counts.mapped_away.most_common()))


def final_line(result: dict, keys: Iterable[str]) -> str:
    sc = result["scores"]
    parts = [f"{k}={fmt(sc.get(k)).strip()}" for k in keys]
    return f"{result['suite']}: " + " ".join(parts) + f" cases={result['cases']} declined={result['declined']} errors={result['errors']}"


def ensure_path() -> None:
    here = str(Path(__file__).resolve().parent)
    if here not in sys.path:
        sys.path.insert(0, here)


def run_main(run: Callable[..., dict[str, Any]], doc: str | None, keys: Iterable[str], limit_help: str) -> None:
    """The command line of every NER/speech script: --limit, run verbosely, print the note and final line."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=None, help=limit_help)
    args = parser.parse_args()
    t0 = time.perf_counter()
    result = run(args.limit, verbose=True)
    print(f"  note: {result['note']} ({time.perf_counter() - t0:.1f} s)")
    print(final_line(result, keys))
