"""Run an extractor over the articles of gold files and score each result."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import reduce
from operator import add
from pathlib import Path

from claimgraph.errors import GoldFormatError
from claimgraph.evaluation.gold import GoldFile
from claimgraph.evaluation.scores import Scores
from claimgraph.evaluation.scoring import FileResult, score_file
from claimgraph.ingest.text import parse_text_file
from claimgraph.model import Document, Extraction

ExtractFn = Callable[[Document], Extraction]


@dataclass(slots=True)
class EvalReport:
    """Per-file results, in gold order; `overall` sums their counts (micro-average)."""

    files: list[FileResult] = field(default_factory=list)

    @property
    def overall(self) -> Scores:
        """Return the summed scores of all files."""
        return reduce(add, (f.scores for f in self.files), Scores())


def evaluate(gold_files: Iterable[GoldFile], extract_fn: ExtractFn, *, root: Path) -> EvalReport:
    """Return the report of `extract_fn` run on each gold file's article and scored against it.

    `doc.path` is read relative to `root` (the project root) or, failing that, to the gold
    file's folder and its parents; a missing article raises GoldFormatError.
    """
    report = EvalReport()
    used: set[str] = set()
    for gold in gold_files:
        extraction = extract_fn(document_for(gold, root))
        report.files.append(score_file(gold, extraction, name=_unique_name(gold, used)))
    return report


def document_for(gold: GoldFile, root: Path) -> Document:
    """Return the Document a gold file describes, its text inline or read from `doc.path`."""
    doc = gold.doc
    if doc.text is not None:
        return Document(doc.text, lang=doc.lang, published=doc.published, url=doc.url, title=doc.title)
    # The article file is read as `ingest` reads it: header lines (date, title, …) are not text.
    article = parse_text_file(_read_article(gold, root), doc.path or gold.name)
    return Document(
        article.text, lang=doc.lang, published=doc.published, url=doc.url or article.url, title=doc.title or article.title
    )


def _read_article(gold: GoldFile, root: Path) -> str:
    relative = Path(gold.doc.path or "")
    bases = [Path(root)]
    if gold.path is not None:
        folder = gold.path.resolve().parent
        bases += [folder, *folder.parents]
    candidates = [relative] if relative.is_absolute() else [base / relative for base in bases]
    label = gold.path.name if gold.path is not None else gold.name
    for candidate in candidates:
        if candidate.is_file():
            try:
                return candidate.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise GoldFormatError(f"{label}: doc.path: cannot read {candidate}: {exc}") from exc
    raise GoldFormatError(
        f"{label}: doc.path: article file {gold.doc.path!r} not found "
        f"(relative to {root} or to the gold file's folder; try --root)"
    )


def _unique_name(gold: GoldFile, used: set[str]) -> str:
    """The gold file's stem, qualified by its folder when two files share a stem."""
    name = gold.name
    if name in used and gold.path is not None:
        name = f"{gold.path.parent.name}/{gold.name}"
    while name in used:
        name += "'"
    used.add(name)
    return name
