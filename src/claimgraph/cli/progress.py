"""Progress bars of long commands: documents done, documents/s, elapsed time and ETA."""

from __future__ import annotations

from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from claimgraph.cli.common import err_console


class RateColumn(ProgressColumn):
    """Documents per second over Rich's recent-speed window."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("" if speed is None else f"{speed:,.1f} docs/s", style="progress.data.speed")


def document_progress() -> Progress:
    """Return a Progress on stderr showing count, documents/s, elapsed time and, when the total is known, ETA."""
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=err_console,
        transient=False,
    )
