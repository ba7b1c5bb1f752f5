"""The core commands: ingest, extract, documents, show, search, claims, quotes, entities, errors, eval, demo."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections import Counter
from importlib import resources
from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn

from claimgraph.cli.common import (
    CLAIM_COLUMNS,
    DbOption,
    GazetteerOption,
    JsonOption,
    _csv_options,
    _emit,
    _extractor,
    _fail,
    _open_store,
    _print_json,
    _table,
    app,
    claim_rows,
    console,
    err_console,
)
from claimgraph.errors import ClaimgraphError


@app.command()
def ingest(
    paths: list[str] = typer.Argument(..., help="Files, folders, glob patterns, http(s) URLs, or - for standard input."),
    db: str | None = DbOption,
    fmt: str | None = typer.Option(
        None,
        "--format",
        help="text, jsonl, csv, html, warc, rss, atom, feed or urls (default: by extension, else by content).",
    ),
    fetch_links: bool = typer.Option(
        False, "--fetch-links", help="For feeds: fetch each entry's linked page and read it instead of the entry."
    ),
    delimiter: str | None = typer.Option(None, "--delimiter", help="CSV field separator."),
    quotechar: str | None = typer.Option(None, "--quotechar", help="CSV quote character."),
    text_column: str | None = typer.Option(None, "--text-column", help="CSV column of the text (name or 0-based index)."),
    title_column: str | None = typer.Option(None, "--title-column", help="CSV column of the title."),
    date_column: str | None = typer.Option(None, "--date-column", help="CSV column of the date."),
    gazetteer: list[str] | None = GazetteerOption,
    workers: int | None = typer.Option(
        None, "--workers", min=1,
        help="Extraction processes (default: the number of cores, fewer for small inputs); 1 runs in this process."
    ),
    no_analyze: bool = typer.Option(False, "--no-analyze", help="Skip the analysis (duplicates, storylines); run `claimgraph analyze` later."),
    batch_size: int = typer.Option(
        200, "--batch-size", min=1,
        help="Documents stored per transaction: a crash or kill loses at most this many (a rerun redoes them).",
    ),
) -> None:
    """Read articles, extract their claims and store them; known documents are skipped.

    Extraction runs in --workers processes (one pipeline each); this process is the one writer.
    Exit code: 0 all fine, 1 some documents failed, 2 usage error.
    Limits (file bytes, line length, sentences per document, seconds per document) can be
    raised with CLAIMGRAPH_MAX_FILE_BYTES, _MAX_LINE_CHARS, _MAX_SENTENCES, _MAX_SECONDS.

    Example:
        claimgraph ingest articles/ feed.jsonl saved-page.html crawl.warc.gz
        claimgraph ingest https://example.org/news/article.html urls.txt
        claimgraph ingest news-feed.xml --fetch-links
        claimgraph ingest test.csv --delimiter ';' --quotechar "'" --text-column 1 --workers 2
    """
    from claimgraph.cli.progress import document_progress
    from claimgraph.extract import ExtractOptions
    from claimgraph.ingest import needs_single_pass, read_inputs
    from claimgraph.ingest_job import run_ingest
    from claimgraph.limits import current as current_limits
    from claimgraph.workers import workers_for

    _extractor(gazetteer)  # checks the gazetteer files before any work
    store = _open_store(db)
    options = _csv_options(delimiter, quotechar, text_column, title_column, date_column)
    extract_options = ExtractOptions(gazetteers=tuple(str(Path(g).resolve()) for g in gazetteer or ()))
    # A counting pass (reading only, no extraction) gives the bar a total and an ETA;
    # standard input can be read once only.
    try:
        max_file_bytes = current_limits().max_file_bytes  # also checks every CLAIMGRAPH_MAX_… override
    except ClaimgraphError as exc:
        _fail(str(exc), "unsetting it", code=2)
    total = None if needs_single_pass(paths, fmt) else sum(
        1 for _ in read_inputs(paths, fmt=fmt, csv_options=options, max_file_bytes=max_file_bytes)
    )
    skipped: Counter[str] = Counter()
    with document_progress() as progress:
        task = progress.add_task("ingesting", total=total)
        report = run_ingest(
            store,
            read_inputs(
                paths, fmt=fmt, csv_options=options, fetch_links=fetch_links, skipped=skipped, max_file_bytes=max_file_bytes
            ),
            workers=workers_for(total, workers),
            options=extract_options,
            batch_size=batch_size,
            on_progress=lambda n: progress.advance(task, n),
        )
    new, known, failed, reasons = report.new, report.known, report.failed, report.reasons
    if not no_analyze:
        from claimgraph.analyze import update as analyze_update

        analyze_update(store)
    console.print(f"{new} new, {known} already known, {failed} failed", highlight=False)
    for reason, count in sorted(reasons.items()):
        console.print(f"  {reason}: {count}", highlight=False)
    if report.truncated:
        console.print(f"{report.truncated} stored truncated (over the sentence limit; see claimgraph errors)", highlight=False)
    if skipped:
        console.print(f"{skipped.total()} archive records skipped (not article pages)", highlight=False)
        for reason, count in sorted(skipped.items()):
            console.print(f"  {reason}: {count}", highlight=False)
    if failed:
        console.print("See them with: claimgraph errors", highlight=False)
        raise typer.Exit(1)


@app.command("extract")
def extract_command(
    file: str = typer.Argument(..., help="An article file (text, JSONL, CSV, HTML, WARC, feed), a URL, or - for standard input."),
    fmt: str | None = typer.Option(
        None, "--format", help="text, jsonl, csv, html, warc, rss, atom, feed or urls (default: by extension, else by content)."
    ),
    gazetteer: list[str] | None = GazetteerOption,
) -> None:
    """Print what is found in an article as JSON (JSON Lines for several documents); stores nothing.

    Example:
        claimgraph extract article.txt
    """
    from claimgraph.ingest import IngestFailure, read_inputs

    extract = _extractor(gazetteer)
    items = list(read_inputs([file], fmt=fmt))
    documents = [i for i in items if not isinstance(i, IngestFailure)]
    failures = [i for i in items if isinstance(i, IngestFailure)]
    for failure in failures:
        err_console.print(f"Error: {failure.origin}: {failure.reason}: {failure.detail}", markup=False, highlight=False)
    if not documents:
        raise typer.Exit(1)
    if len(documents) == 1:
        _print_json(extract(documents[0]).to_dict())
    else:
        for document in documents:
            sys.stdout.write(json.dumps(extract(document).to_dict(), ensure_ascii=False) + "\n")
    if failures:
        raise typer.Exit(1)


@app.command()
def documents(
    db: str | None = DbOption,
    lang: str | None = typer.Option(None, "--lang", help="Only documents in this language."),
    since: str | None = typer.Option(None, "--since", help="Only documents published on or after (YYYY[-MM[-DD]])."),
    limit: int = typer.Option(50, "--limit", min=1, help="How many to list."),
    as_json: bool = JsonOption,
) -> None:
    """List stored documents.

    Example:
        claimgraph documents --lang de --since 2025
    """
    rows = _open_store(db).documents(lang=lang, since=since, limit=limit)
    _emit(rows, as_json, ["id", "published", "lang", "title", "n_claims", "n_quotes"])


@app.command()
def show(doc_id: str = typer.Argument(..., help="A document id (see `claimgraph documents`)."), db: str | None = DbOption,
         as_json: bool = JsonOption) -> None:
    """Show a stored document's cleaned text with its claims, quotes and entities.

    Example:
        claimgraph show 3f2a9c0e1b7d4a5c6e8f
    """
    from claimgraph.errors import UnknownDocument

    try:
        extraction = _open_store(db).get_extraction(doc_id)
    except UnknownDocument:
        _fail(f"no document with id {doc_id!r}", "claimgraph documents")
        return
    if as_json:
        _print_json(extraction.to_dict())
        return
    d = extraction.document
    console.print(f"[bold]{d.title or d.id}[/bold]  {d.published or ''} {d.lang or ''} {d.url or ''}")
    console.print(d.text, markup=False, highlight=False)
    _table(claim_rows([c.to_dict() for c in extraction.claims]), CLAIM_COLUMNS, title="Claims")
    _table([q.to_dict() for q in extraction.quotes], ["speaker", "text"], title="Quotes")
    _table([{"name": e.name, "type": e.type, "mentions": len(e.mentions)} for e in extraction.entities],
           ["name", "type", "mentions"], title="Entities")


@app.command()
def search(query: str = typer.Argument(..., help="Words to search for in titles and texts."), db: str | None = DbOption,
           limit: int = typer.Option(20, "--limit", min=1), as_json: bool = JsonOption) -> None:
    """Full-text search over stored documents.

    Example:
        claimgraph search "Nordkorea Soldaten"
    """
    rows = _open_store(db).search(query, limit=limit)
    _emit(rows, as_json, ["id", "published", "title", "snippet"])


@app.command()
def claims(
    db: str | None = DbOption,
    kind: str | None = typer.Option(None, "--kind", help="deploy, killed, supply, …"),
    actor: str | None = typer.Option(None, "--actor", help="Actor name contains."),
    target: str | None = typer.Option(None, "--target", help="Target name contains."),
    source: str | None = typer.Option(None, "--source", help="A source in the chain contains."),
    unit: str | None = typer.Option(None, "--unit", help="soldier, civilian, money, …"),
    modality: str | None = typer.Option(None, "--modality", help="asserted, hedged or negated."),
    lang: str | None = typer.Option(None, "--lang", help="Document language."),
    since: str | None = typer.Option(None, "--since", help="Reference date on or after."),
    until: str | None = typer.Option(None, "--until", help="Reference date on or before."),
    document: str | None = typer.Option(None, "--document", help="Only this document's claims."),
    limit: int = typer.Option(50, "--limit", min=1),
    as_json: bool = JsonOption,
) -> None:
    """List stored claims with filters.

    Example:
        claimgraph claims --kind deploy --actor "North Korea" --source CNN
    """
    rows = _open_store(db).claims(kind=kind, actor=actor, target=target, source=source, unit=unit, modality=modality,
                                  lang=lang, since=since, until=until, document_id=document, limit=limit)
    _emit(rows if as_json else claim_rows(rows), as_json, CLAIM_COLUMNS)


@app.command()
def quotes(db: str | None = DbOption, speaker: str | None = typer.Option(None, "--speaker", help="Speaker contains."),
           document: str | None = typer.Option(None, "--document", help="Only this document's quotes."),
           limit: int = typer.Option(50, "--limit", min=1), as_json: bool = JsonOption) -> None:
    """List stored quotes.

    Example:
        claimgraph quotes --speaker Zelenskyy
    """
    rows = _open_store(db).quotes(speaker=speaker, document_id=document, limit=limit)
    _emit(rows, as_json, ["speaker", "text", "document_id"])


@app.command()
def entities(db: str | None = DbOption, type_: str | None = typer.Option(None, "--type", help="person, org, country or place."),
             name: str | None = typer.Option(None, "--name", help="Name contains."),
             limit: int = typer.Option(50, "--limit", min=1), as_json: bool = JsonOption,
             unresolved: bool = typer.Option(False, "--unresolved", help="Recurring unknown names, grouped (promote them with `claimgraph gazetteer add`).")) -> None:
    """List stored entities with how often they are mentioned.

    Example:
        claimgraph entities --type person
        claimgraph entities --unresolved
    """
    if unresolved:
        from claimgraph.analyze import entity_groups

        groups = entity_groups(_open_store(db), unresolved=True, limit=limit)
        rows = [{**g, "aliases": ", ".join(f"{a['text']} ({a['count']})" for a in g["aliases"])} for g in groups]
        _emit(groups if as_json else rows, as_json, ["name", "type", "aliases", "mentions", "documents"])
        return
    rows = _open_store(db).entities(type=type_, name=name, limit=limit)
    _emit(rows, as_json, ["name", "type", "country", "mentions", "documents"])


@app.command()
def errors(db: str | None = DbOption, limit: int = typer.Option(100, "--limit", min=1), as_json: bool = JsonOption) -> None:
    """List inputs that could not be ingested, with the reason.

    Example:
        claimgraph errors --json
    """
    rows = _open_store(db).errors(limit=limit)
    _emit(rows, as_json, ["origin", "reason", "detail"])


@app.command("eval")
def eval_command(
    gold: list[str] = typer.Argument(..., help="Gold folders or files (FORMAT.md)."),
    as_json: bool = JsonOption,
    show_errors: bool = typer.Option(False, "--show-errors", help="List every missed, spurious and wrong item."),
    min_claim_f1: float | None = typer.Option(None, "--min-claim-f1", help="Exit 1 when overall claim F1 is lower."),
    root: Path | None = typer.Option(None, "--root", help="Folder that gold doc.path is relative to (default: here)."),
    gazetteer: list[str] | None = GazetteerOption,
) -> None:
    """Score the pipeline against gold annotations: entities, claims, fields, quotes.

    Example:
        claimgraph eval ../shared/gold/dev --show-errors
    """
    from claimgraph.evaluation import evaluate, load_gold_dir, render_report, report_to_json

    extract = _extractor(gazetteer)
    try:
        report = evaluate(load_gold_dir([Path(g) for g in gold]), extract, root=root or Path.cwd())
    except ClaimgraphError as exc:
        _fail(str(exc))
        return
    data = report_to_json(report)
    if as_json:
        _print_json(data)
    else:
        render_report(report, console, show_errors=show_errors)
    f1 = data["overall"]["claims"]["f1"]
    if min_claim_f1 is not None and (f1 is None or f1 < min_claim_f1):
        err_console.print(f"claim F1 {f1} is below {min_claim_f1}", markup=False)
        raise typer.Exit(1)


@app.command()
def demo(db: str | None = typer.Option(None, "--db", help="Where to build the demo store (default: a fresh temporary file).")) -> None:
    """Build a fresh demo store from the bundled example articles and print its claims.

    Never touches your claimgraph.db.

    Example:
        claimgraph demo
    """
    from claimgraph import analyze, extract
    from claimgraph.ingest import IngestFailure, read_inputs
    from claimgraph.store import Store

    if db is None:
        folder = tempfile.mkdtemp(prefix="claimgraph-demo-")
        db = f"sqlite:///{os.path.join(folder, 'demo.db')}"
    examples = resources.files("claimgraph").joinpath("examples")
    with resources.as_file(examples) as path:
        docs = [d for d in read_inputs([str(path)]) if not isinstance(d, IngestFailure)]
    store = Store.open(db)
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=err_console) as progress:
        task = progress.add_task("extracting examples", total=len(docs))
        extractions = []
        for document in docs:
            extractions.append(extract(document))
            progress.advance(task)
    store.add_many(extractions)
    analyze.update(store)
    rows = store.claims(limit=1000)
    _table(claim_rows(rows), CLAIM_COLUMNS, title=f"Claims in {len(docs)} example articles")
    console.print(f"Demo store: {db}", highlight=False, markup=False)
    console.print(f"Explore it: claimgraph claims --db {db} --kind deploy", highlight=False, markup=False)
    console.print(f"            claimgraph storylines --db {db}", highlight=False, markup=False)
    console.print(f"            claimgraph serve --db {db}", highlight=False, markup=False)
