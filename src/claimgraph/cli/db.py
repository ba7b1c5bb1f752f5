"""`claimgraph db …`: the schema version of a store and its upgrade."""

from __future__ import annotations

import typer

from claimgraph.cli.common import DbOption, JsonOption, _emit, _fail, _print_json, app, console
from claimgraph.errors import ClaimgraphError

db_app = typer.Typer(
    help="The store's schema: which version it has, and upgrading it.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(db_app, name="db")

STATE_TEXT = {
    "empty": "empty database (no claimgraph schema yet; `claimgraph db upgrade` creates it)",
    "legacy": "schema 1 from before migrations (`claimgraph db upgrade` stamps and upgrades it)",
    "behind": "older schema (`claimgraph db upgrade` brings it up to date)",
    "current": "up to date",
    "newer": "written by a newer claimgraph: upgrade claimgraph",
    "foreign": "not a claimgraph store (a 'meta' table without a claimgraph schema version)",
}


@db_app.command("current")
def current(db: str | None = DbOption, as_json: bool = JsonOption) -> None:
    """Show the store's schema revision and the newest one this claimgraph knows; changes nothing.

    Example:
        claimgraph db current --db postgresql+psycopg://claimgraph:secret@db.example.org/claims
    """
    from claimgraph.store.migrate import database_status

    try:
        found = database_status(db)
    except ClaimgraphError as exc:
        _fail(str(exc), "--db sqlite:///claimgraph.db")
    if as_json:
        _print_json(found.to_dict())
        return
    console.print(f"current: {found.current or '(none)'}", highlight=False)
    console.print(f"head:    {found.head}", highlight=False)
    console.print(f"state:   {STATE_TEXT[found.state]}", highlight=False)


@db_app.command("upgrade")
def upgrade(
    db: str | None = DbOption,
    revision: str = typer.Option("head", "--revision", help="Revision to upgrade to (default: newest)."),
) -> None:
    """Create or upgrade the store's schema to the newest version (safe to run at any time).

    Opening a store upgrades it too; this command does it explicitly, e.g. before a team's
    clients start against a shared PostgreSQL server.

    Example:
        claimgraph db upgrade --db postgresql+psycopg://claimgraph:secret@db.example.org/claims
    """
    from claimgraph.store.migrate import upgrade_database

    try:
        before, after = upgrade_database(db, revision)
    except ClaimgraphError as exc:
        _fail(str(exc), "claimgraph db current")
    if before.current == after.current:
        console.print(f"already at {after.current}", highlight=False)
    else:
        console.print(f"upgraded {before.current or '(empty)'} -> {after.current}", highlight=False)


@db_app.command("history")
def history(as_json: bool = JsonOption) -> None:
    """List the schema revisions this claimgraph knows, oldest first.

    Example:
        claimgraph db history --json
    """
    from claimgraph.store.migrate import history as revisions

    _emit(revisions(), as_json, ["revision", "down_revision", "message"])
