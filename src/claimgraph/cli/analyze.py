"""Cross-document commands: analyze, duplicates, storylines, timeline, disagreements, gazetteer add."""

from __future__ import annotations

from typing import Any

import typer

from claimgraph import display
from claimgraph.cli.common import (
    DbOption,
    JsonOption,
    _emit,
    _fail,
    _open_store,
    _print_json,
    _table,
    app,
    console,
)
from claimgraph.errors import ClaimgraphError

gazetteer_app = typer.Typer(help="Manage your own gazetteer file.", no_args_is_help=True, rich_markup_mode=None)
app.add_typer(gazetteer_app, name="gazetteer")
AliasOption = typer.Option(None, "--alias", help="Another spelling; repeatable.")


def _point_row(p: dict[str, Any]) -> dict[str, Any]:
    marks = []
    if p.get("first_carrier"):
        marks.append("first")
    if p.get("revision_of"):
        marks.append("revision")
    if p.get("copies"):
        marks.append(f"+{len(p['copies'])} copies")
    return {
        "when": p.get("reference_time"),
        "figure": display.figure({"min": p.get("min"), "max": p.get("max"), "unit": p.get("unit")}),
        "source": p.get("source"),
        "according to": " ← ".join(p.get("sources") or []),
        "modality": p.get("modality"),
        "outlet": p.get("outlet"),
        "published": p.get("published"),
        "marks": ", ".join(marks),
    }


@app.command("analyze")
def analyze_command(
    db: str | None = DbOption,
    rebuild: bool = typer.Option(False, "--rebuild", help="Drop all analysis results and recompute them."),
    as_json: bool = JsonOption,
) -> None:
    """Bring duplicates, entity groups and storylines up to date (only documents not yet analysed).

    `ingest` runs this after storing (unless --no-analyze).

    Example:
        claimgraph analyze
        claimgraph analyze --rebuild
    """
    from claimgraph import analyze

    try:
        counts = analyze.update(_open_store(db), rebuild=rebuild)
    except ClaimgraphError as exc:
        _fail(str(exc), "claimgraph analyze --rebuild")
        return
    if as_json:
        _print_json(counts)
        return
    console.print(
        f"{counts['documents']} documents analysed: {counts['exact_duplicates']} exact and "
        f"{counts['near_duplicates']} near duplicates, {counts['storylines']} storylines updated",
        highlight=False,
    )


@app.command("duplicates")
def duplicates_command(
    db: str | None = DbOption,
    document: str | None = typer.Option(None, "--document", help="Only the copies of this document's group."),
    as_json: bool = JsonOption,
) -> None:
    """List duplicate documents, each linked to the earliest copy.

    Example:
        claimgraph duplicates --document 3f2a9c0e1b7d4a5c6e8f
    """
    from claimgraph import analyze

    rows = analyze.duplicates(_open_store(db), document)
    _emit(rows, as_json, ["document_id", "duplicate_of", "kind", "similarity"])


@app.command("storylines")
def storylines_command(
    db: str | None = DbOption,
    kind: str | None = typer.Option(None, "--kind", help="deploy, killed, casualties, …"),
    actor: str | None = typer.Option(None, "--actor", help="Actor name contains."),
    target: str | None = typer.Option(None, "--target", help="Target name contains."),
    limit: int = typer.Option(100, "--limit", min=1),
    as_json: bool = JsonOption,
) -> None:
    """List storylines: claims grouped by what they measure, with counts and time span.

    Example:
        claimgraph storylines --actor "North Korea"
    """
    from claimgraph import analyze

    rows = analyze.storylines(_open_store(db), kind=kind, actor=actor, target=target, limit=limit)
    _emit(rows, as_json, ["id", "claims", "documents", "sources", "first", "last", "disagreements"])


@app.command("timeline")
def timeline_command(
    storyline: str = typer.Argument(..., help="A storyline id (see `claimgraph storylines`)."),
    db: str | None = DbOption,
    plot: str | None = typer.Option(None, "--plot", help="Also write a chart: FILE.png or FILE.html."),
    as_json: bool = JsonOption,
) -> None:
    """Show a storyline's figures over time: source, chain, modality; first carriers, revisions, copies.

    Example:
        claimgraph timeline deploy--north-korea--russia--person --plot troops.html
    """
    from claimgraph import analyze
    from claimgraph.analyze import plot as plotting

    try:
        data = analyze.timeline(_open_store(db), storyline)
    except ClaimgraphError as exc:
        _fail(str(exc), "claimgraph storylines")
    if plot:
        try:
            plotting.write(data, plot)
        except ClaimgraphError as exc:
            _fail(str(exc))
        return
    if as_json:
        _print_json(data)
    else:
        _table([_point_row(p) for p in data["points"]],
               ["when", "figure", "source", "modality", "outlet", "marks"],
               title=data["storyline"]["label"])
    if plot:
        console.print(f"Chart written to {plot}", highlight=False, markup=False)


@app.command("disagreements")
def disagreements_command(
    db: str | None = DbOption,
    window: int = typer.Option(45, "--window", min=0, help="Days between reference times to compare."),
    tolerance: float = typer.Option(0.10, "--tolerance", min=0.0, help="Relative slack before ranges count as apart."),
    storyline: str | None = typer.Option(None, "--storyline", help="Only this storyline."),
    as_json: bool = JsonOption,
) -> None:
    """List figures of different sources on the same storyline and time that do not fit together.

    Example:
        claimgraph disagreements --window 30 --tolerance 0.2
    """
    from claimgraph import analyze

    try:
        rows = analyze.disagreements(_open_store(db), window_days=window, tolerance=tolerance, storyline_id=storyline)
    except ClaimgraphError as exc:
        _fail(str(exc), "claimgraph storylines")
        return
    if as_json:
        _print_json(rows)
        return
    table = []
    for r in rows:
        a, b = _point_row(r["a"]), _point_row(r["b"])
        table.append({"storyline": r["storyline_id"], "a": f"{a['figure']} ({a['source']}, {a['when']})",
                      "b": f"{b['figure']} ({b['source']}, {b['when']})", "gap": f"{r['gap']:.0%}"})
    _table(table, ["storyline", "a", "b", "gap"])


@gazetteer_app.command("add")
def gazetteer_add(
    name: str = typer.Argument(..., help="The canonical name, e.g. a recurring unknown name."),
    type_: str = typer.Option(..., "--type", help="person, org, country or place."),
    alias: list[str] | None = AliasOption,
    country: str | None = typer.Option(None, "--country", help="The country it belongs to."),
    file: str = typer.Option("gazetteer.yml", "--file", help="Your gazetteer file (created if missing)."),
) -> None:
    """Add a name to your gazetteer file; use it with `--gazetteer FILE` on ingest, extract and eval.

    Example:
        claimgraph entities --unresolved
        claimgraph gazetteer add "Gheorghe Brega" --type person --alias Brega --file my.yml
    """
    from claimgraph.analyze import add_to_gazetteer

    try:
        record = add_to_gazetteer(file, name, type_, aliases=alias or [], country=country)
    except ClaimgraphError as exc:
        _fail(str(exc))
        return
    console.print(f"Added {record['name']} ({record['type']}) to {file}", highlight=False, markup=False)
    console.print(f"Use it: claimgraph ingest … --gazetteer {file}", highlight=False, markup=False)
