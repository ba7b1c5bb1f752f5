"""What every command shares: the Typer app, consoles, options, store opening, tables and JSON."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any, NoReturn

import typer
from rich.console import Console
from rich.table import Table

from claimgraph import display
from claimgraph.errors import ClaimgraphError

app = typer.Typer(
    help="Who claims what, in what numbers, according to whom, how certainly, and since when.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
# Piped output (a file, `less`, a script) has no terminal width; rich's fallback of 80 columns
# would cut ids and figures short, so tables get room unless $COLUMNS says otherwise.
PIPE_WIDTH = 160
console = Console(width=None if sys.stdout.isatty() or "COLUMNS" in os.environ else PIPE_WIDTH)
err_console = Console(stderr=True)

DB_HELP = "Store URL (default: $CLAIMGRAPH_DB, else sqlite:///claimgraph.db)."
DbOption = typer.Option(None, "--db", help=DB_HELP, envvar="CLAIMGRAPH_DB")
JsonOption = typer.Option(False, "--json", help="Print JSON instead of a table.")
GazetteerOption = typer.Option(
    None, "--gazetteer", help="A gazetteer file of your own (YAML, like lang/gazetteer/*.yml); repeatable."
)


def _extractor(gazetteers: list[str] | None):  # type: ignore[no-untyped-def]
    """Return extract() bound to the user's gazetteer files."""
    from claimgraph import extract
    from claimgraph.extract import ExtractOptions

    options = ExtractOptions(gazetteers=tuple(str(Path(g).resolve()) for g in gazetteers or ()))
    for g in options.gazetteers:
        if not Path(g).is_file():
            _fail(f"gazetteer file not found: {g}")
    return lambda document: extract(document, options)


def _fail(message: str, hint: str | None = None, code: int = 1) -> NoReturn:
    err_console.print(f"Error: {message}" + (f" (try {hint})" if hint else ""), markup=False, highlight=False)
    raise typer.Exit(code)


def _open_store(db: str | None):  # type: ignore[no-untyped-def]
    from claimgraph.store import Store

    try:
        return Store.open(db)
    except ClaimgraphError as exc:
        _fail(str(exc), "--db sqlite:///claimgraph.db")


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def _csv_options(delimiter, quotechar, text_column, title_column, date_column):  # type: ignore[no-untyped-def]
    from claimgraph.ingest import CsvOptions

    def col(value: str | None) -> str | int | None:
        return int(value) if value is not None and value.isdigit() else value

    return CsvOptions(
        delimiter=delimiter,
        quotechar=quotechar,
        text_column=col(text_column),
        title_column=col(title_column),
        date_column=col(date_column),
    )


_KEY_COLUMNS = frozenset({"id", "storyline"})


def _table(rows: list[dict[str, Any]], columns: list[str], title: str | None = None) -> None:
    table = Table(title=title, show_lines=False)
    for column in columns:
        if column in _KEY_COLUMNS:
            # Ids are what the user types into the next command: never cut them short.
            width = max((len(str(row.get(column) or "")) for row in rows), default=0)
            table.add_column(column, no_wrap=True, min_width=max(width, len(column)))
        else:
            table.add_column(column)
    for row in rows:
        table.add_row(*[("" if row.get(c) is None else str(row.get(c))) for c in columns])
    console.print(table)


def _emit(rows: list[dict[str, Any]], as_json: bool, columns: list[str]) -> None:
    """Print rows as JSON or as a table of the given columns."""
    if as_json:
        _print_json(rows)
    else:
        _table(rows, columns)


def claim_rows(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return claims flattened for a table: figure, chain, modality and time as text."""
    rows = []
    for c in claims:
        rows.append(
            {
                "kind": c["kind"],
                "actor": c.get("actor"),
                "target": c.get("target"),
                "figure": display.figure(c.get("quantity")),
                "when": display.when(c.get("time")),
                "according to": display.chain(c.get("sources")),
                "modality": c.get("modality"),
                "evidence": (c.get("evidence") or {}).get("text", "")[:60],
            }
        )
    return rows


CLAIM_COLUMNS = ["kind", "actor", "target", "figure", "when", "according to", "modality", "evidence"]
