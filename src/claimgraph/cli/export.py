"""`claimgraph export` (JSONL, CSV, Parquet, PLOVER) and `claimgraph import-parquet`."""

from __future__ import annotations

from pathlib import Path

import typer

from claimgraph.cli.common import DbOption, _fail, _open_store, app, console
from claimgraph.cli.progress import document_progress
from claimgraph.errors import ClaimgraphError


@app.command("export")
def export_command(
    output: Path = typer.Option(..., "--output", help="Folder to write the files into (created if needed)."),
    fmt: str = typer.Option("jsonl", "--format", help="jsonl, csv, parquet or plover."),
    db: str | None = DbOption,
    lang: str | None = typer.Option(None, "--lang", help="Only documents in this language."),
    since: str | None = typer.Option(None, "--since", help="Only documents published on or after (YYYY[-MM[-DD]])."),
    until: str | None = typer.Option(None, "--until", help="Only documents published on or before."),
    kind: list[str] | None = typer.Option(None, "--kind", help="Only claims of this kind; repeatable."),
    limit: int | None = typer.Option(None, "--limit", min=1, help="At most this many documents."),
) -> None:
    """Export stored documents, claims, quotes and entities, one file per table; or claims as PLOVER events.

    Flat formats write documents, claims (one column per field, sources joined in chain order),
    quotes, mentions and entities; plover writes events.jsonl (PLOVER/POLECAT-style records).
    Streams the store in batches, so any size exports in flat memory.

    Example:
        claimgraph export --format csv --since 2025 --output export/
        claimgraph export --format plover --kind deploy --kind killed --output events/
    """
    from claimgraph.export import FORMATS, DocumentFilter, export_extractions, iter_extractions

    if fmt not in FORMATS:
        _fail(f"unknown format {fmt!r}", " or ".join(f"--format {f}" for f in FORMATS), code=2)
    store = _open_store(db)
    total = store.count_documents()
    store.close()
    where = DocumentFilter(lang=lang, since=since, until=until, limit=limit)
    try:
        with document_progress() as progress:
            task = progress.add_task("exporting", total=min(total, limit or total) if not (lang or since or until) else None)
            result = export_extractions(iter_extractions(db, where), fmt, output,
                                        kinds=frozenset(kind) if kind else None,
                                        on_document=lambda: progress.advance(task))
    except ClaimgraphError as exc:
        _fail(str(exc))
        return
    for name, rows in result.rows.items():
        console.print(f"{name}: {rows} rows -> {result.files[name]}", highlight=False, markup=False)


@app.command("import-parquet")
def import_parquet(
    folder: Path = typer.Argument(..., help="A folder written by `claimgraph spark run` or `export --format parquet`."),
    db: str | None = DbOption,
    no_analyze: bool = typer.Option(
        False, "--no-analyze", help="Skip the analysis (duplicates, storylines); run `claimgraph analyze` later."
    ),
) -> None:
    """Load Parquet datasets (documents, claims, quotes, mentions) into the store; known documents are skipped.

    Then brings the analysis (duplicates, entity groups, storylines) up to date, as ingest does.

    Example:
        claimgraph import-parquet spark-out/ --db sqlite:///claims.db
        claimgraph claims --db sqlite:///claims.db --kind deploy
    """
    from claimgraph.export import read_parquet_dir

    if not folder.is_dir():
        _fail(f"no such folder: {folder}")
    store = _open_store(db)
    try:
        with document_progress() as progress:
            task = progress.add_task("importing", total=None)
            new, known = store.add_many(_advancing(read_parquet_dir(folder), lambda: progress.advance(task)))
    except ClaimgraphError as exc:
        _fail(str(exc))
        return
    if not no_analyze:
        from claimgraph.analyze import update as analyze_update

        analyze_update(store)
    console.print(f"{new} new, {known} already known", highlight=False)


def _advancing(items, advance):  # type: ignore[no-untyped-def]
    """Yield `items`, calling `advance()` after each."""
    for item in items:
        yield item
        advance()
