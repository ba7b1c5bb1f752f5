"""Alembic environment of the claim store.

claimgraph runs Alembic programmatically (`claimgraph.store.migrate`): the caller hands over an
open connection, already inside the transaction that holds the upgrade lock, in
`config.attributes["connection"]`. Every revision then runs in that one transaction, so a failed
upgrade leaves the database as it was.
"""

from __future__ import annotations

from alembic import context

from claimgraph.errors import StoreError
from claimgraph.store.migrate import include_object, target_metadata

connection = context.config.attributes.get("connection")
if connection is None or context.is_offline_mode():
    raise StoreError("claimgraph migrations run on an open connection (use `claimgraph db upgrade`)")

context.configure(
    connection=connection,
    target_metadata=target_metadata(),
    include_object=include_object,
    # SQLite cannot ALTER most things in place; batch mode copies the table instead.
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
