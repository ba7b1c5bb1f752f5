"""The one wording of figures, times and chains shared by the command line, the pages and the charts."""

from __future__ import annotations

from claimgraph import display


def test_figures_read_as_people_write_them() -> None:
    assert display.figure({"min": 25000, "max": 30000, "unit": "soldier"}) == "25,000–30,000 soldier"
    assert display.figure({"min": 11000.0, "max": 11000.0, "unit": None}) == "11,000"
    assert display.figure({"min": 6000, "max": None, "unit": "soldier"}) == "≥ 6,000 soldier"
    assert display.figure({"min": None, "max": 150000}) == "≤ 150,000"
    assert display.figure({"min": 2.5, "max": 2.5, "unit": "percent"}) == "2.5 percent"
    assert display.figure({"min": None, "max": None, "unit": "drone"}) == "drone"
    assert display.figure(None) == ""


def test_times_and_chains() -> None:
    assert display.when({"value": "2024-11"}) == "2024-11"
    assert display.when({"after": "2024-10", "before": "2025-01"}) == "after 2024-10, before 2025-01"
    assert display.when(None) == ""
    assert display.chain([{"name": "CNN"}, {"name": "Main Directorate of Intelligence (Ukraine)"}]) == (
        "CNN ← Main Directorate of Intelligence (Ukraine)"
    )
    assert display.chain(None) == ""
