"""Storylines, timelines, copies, revisions and disagreements on our 14 dated storyline articles.

The articles (tests/fixtures/storyline) follow the reporting on North Korean troops in Russia:
NIS figures that grow (1,500 → 3,000 → 11,000: revisions by one source), two syndicated
near-copies of the first report, Zelensky's and the Pentagon's figures, and casualty
estimates where Zelensky (3,800) and the NIS (3,000) contradict each other within a week.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph import Document, analyze, extract
from claimgraph.analyze import dates
from claimgraph.errors import InputError
from claimgraph.store import Store
from tests import pg
from tests.analyze_support import CASUALTIES, DEPLOY, KILLED, NIS, doc_id, extractions, open_store


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    path = tmp_path_factory.mktemp("analyze") / "storyline.db"
    s = open_store(f"sqlite:///{path}")
    counts = analyze.update(s)
    assert counts["documents"] == 14
    return s


def _figures(points: list[dict]) -> list[tuple]:
    return [(p["min"], p["max"]) for p in points]


def test_near_copies_link_to_the_earliest_copy(store: Store) -> None:
    rows = analyze.duplicates(store)
    original = doc_id("01_nis_1500_soldaten")
    copies = {doc_id("02_nis_1500_soldaten_kopie"), doc_id("03_nis_1500_soldaten_zweite_kopie")}
    assert {r["document_id"] for r in rows} == copies
    assert all(r["duplicate_of"] == original and r["kind"] == "near" for r in rows)
    assert all(0.5 <= r["similarity"] < 1.0 for r in rows)
    # The whole group is visible from any of its members.
    assert analyze.duplicates(store, doc_id("02_nis_1500_soldaten_kopie")) == rows


def test_timeline_is_ordered_and_complete(store: Store) -> None:
    data = analyze.timeline(store, DEPLOY)
    points = data["points"]
    assert _figures(points) == [
        (1500, 1500), (3000, 3000), (11000, 11000), (11000, 11000), (10000, 12000), (25000, 30000), (25000, 30000)
    ]
    spans = [dates.span(p["reference_time"]) for p in points]
    assert spans == sorted(spans)
    # Every claim of the storyline is a point or listed as a copy of one.
    stored = store.claims(kind="deploy", actor="North Korea", target="Russia", limit=1000)
    with_figure = {c["id"] for c in stored if c["quantity"] and c["quantity"]["min"] is not None}
    listed = {p["claim_id"] for p in points}
    assert listed <= with_figure
    copy_docs = {d for p in points for d in p["copies"]}
    assert {c["document_id"] for c in stored if c["id"] in with_figure - listed} == copy_docs
    row = data["storyline"]
    assert (row["label"], row["claims"], row["documents"], row["sources"]) == (
        "North Korea → Russia, deploy, person", 7, 7, 4)
    assert (row["first"], row["last"]) == ("2024-10-18", "2025-07-03")


def test_copies_are_not_counted_twice(store: Store) -> None:
    points = analyze.timeline(store, DEPLOY)["points"]
    first = points[0]
    assert first["document_id"] == doc_id("01_nis_1500_soldaten")
    assert sorted(first["copies"]) == sorted(
        [doc_id("02_nis_1500_soldaten_kopie"), doc_id("03_nis_1500_soldaten_zweite_kopie")])
    assert sum(1 for p in points if (p["min"], p["max"]) == (1500, 1500)) == 1


def test_first_carrier_of_each_figure(store: Store) -> None:
    points = analyze.timeline(store, DEPLOY)["points"]
    carriers = {(p["min"], p["max"]): p["outlet"] for p in points if p["first_carrier"]}
    assert carriers == {
        (1500, 1500): "Rheinblick Zeitung",
        (3000, 3000): "Harbour Post",
        (11000, 11000): "Rheinblick Zeitung",  # the NIS figure of 13 Nov, before Zelensky's of 18 Nov
        (10000, 12000): "Capitol Wire",
        (25000, 30000): "CNN",  # CNN's own report came a day before the German agency copy
    }
    cnn = [p for p in points if p["min"] == 25000]
    # Same figure from the same innermost source (Ukrainian intelligence): a repeat, not a revision.
    assert [p["source"] for p in cnn] == ["Main Directorate of Intelligence (Ukraine)"] * 2
    assert [p["revision_of"] for p in cnn] == [None, None]


def test_later_figure_of_the_same_source_is_a_revision(store: Store) -> None:
    points = analyze.timeline(store, DEPLOY)["points"]
    nis = [p for p in points if p["source"] == NIS]
    assert _figures(nis) == [(1500, 1500), (3000, 3000), (11000, 11000)]
    assert [p["revision_of"] for p in nis] == [None, nis[0]["claim_id"], nis[1]["claim_id"]]
    casualties = analyze.timeline(store, CASUALTIES)["points"]
    (april,) = [p for p in casualties if p["min"] == 4700]
    (january,) = [p for p in casualties if p["min"] == 3000]
    assert april["revision_of"] == january["claim_id"]


def test_contradiction_is_flagged_and_revisions_are_not(store: Store) -> None:
    rows = analyze.disagreements(store)
    assert len(rows) == 1
    (row,) = rows
    assert row["storyline_id"] == CASUALTIES
    assert {(row["a"]["source"], row["a"]["min"]), (row["b"]["source"], row["b"]["min"])} == {
        ("Volodymyr Zelenskyy", 3800), (NIS, 3000)}
    assert row["gap"] == pytest.approx(800 / 3000, abs=1e-3)
    # Even with a window of a year, one source's own figures never disagree with each other.
    wide = analyze.disagreements(store, window_days=365)
    assert all(r["a"]["source"] != r["b"]["source"] for r in wide)
    # A wide tolerance absorbs the 27 % gap; a narrow window separates the two dates.
    assert analyze.disagreements(store, tolerance=0.3) == []
    assert analyze.disagreements(store, window_days=3) == []
    summary = {r["id"]: r["disagreements"] for r in analyze.storylines(store)}
    assert summary[CASUALTIES] == 1 and summary[DEPLOY] == 0


def test_superseded_figure_is_not_compared(store: Store) -> None:
    # NIS said 3,000 on 25 Oct and revised to 11,000 on 13 Nov; Zelensky's 11,000 of 18 Nov is
    # compared with the NIS figure current then, not with the superseded 3,000.
    rows = analyze.disagreements(store, storyline_id=DEPLOY)
    assert rows == []


def test_storylines_listing_filters(store: Store) -> None:
    rows = analyze.storylines(store, actor="north korea")
    assert [r["id"] for r in rows][:2] == [DEPLOY, CASUALTIES]
    assert all(r["actor"] == "North Korea" for r in rows)
    assert [r["id"] for r in analyze.storylines(store, kind="killed")] == [KILLED]
    assert analyze.storylines(store, limit=1)[0]["id"] == DEPLOY


def test_unknown_storyline_is_an_input_error(store: Store) -> None:
    with pytest.raises(InputError, match="no storyline"):
        analyze.timeline(store, "deploy--atlantis--any--person")
    with pytest.raises(InputError):
        analyze.disagreements(store, storyline_id="nope")


def test_soldiers_and_persons_are_one_storyline(tmp_path: Path) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'units.db'}")
    store.add_many([
        extract(Document("Bei den Kämpfen wurden 300 nordkoreanische Soldaten getötet, teilte der NIS mit.",
                         lang="de", published="2025-01-13")),
        extract(Document("Nach Angaben Kiews gibt es bereits 4.000 getötete Nordkoreaner.",
                         lang="de", published="2025-01-20")),
    ])
    analyze.update(store)
    points = analyze.timeline(store, KILLED)["points"]
    assert sorted(p["unit"] for p in points) == ["person", "soldier"]
    assert [p["min"] for p in points] == [300, 4000]


def test_incremental_update_equals_a_rebuild(tmp_path: Path) -> None:
    names = [e.document.id for e in extractions()]
    assert len(set(names)) == 14
    store = Store.open(f"sqlite:///{tmp_path / 'incremental.db'}")
    # The copies arrive before their original, which then becomes the group's earliest copy.
    order = ["02_nis_1500_soldaten_kopie", "06_zelensky_11000_kursk", "10_nis_300_getoetet"]
    store.add_many(extractions(order))
    assert analyze.update(store)["documents"] == 3
    rest = [e for e in extractions() if e.document.id not in {doc_id(n) for n in order}]
    store.add_many(rest[:5])
    assert analyze.update(store)["documents"] == 5
    store.add_many(rest[5:])
    assert analyze.update(store)["documents"] == 6
    assert analyze.update(store)["documents"] == 0
    incremental = (analyze.duplicates(store), analyze.storylines(store), analyze.timeline(store, DEPLOY),
                   analyze.disagreements(store))
    assert {r["duplicate_of"] for r in incremental[0]} == {doc_id("01_nis_1500_soldaten")}
    analyze.update(store, rebuild=True)
    rebuilt = (analyze.duplicates(store), analyze.storylines(store), analyze.timeline(store, DEPLOY),
               analyze.disagreements(store))
    assert incremental == rebuilt


def test_exact_copy_under_another_url(tmp_path: Path) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'exact.db'}")
    text = "Nordkorea hat nach Angaben des NIS rund 1.500 Soldaten nach Russland verlegt. " * 3
    first = extract(Document(text, lang="de", published="2024-10-18", url="https://a.example/1"))
    second = extract(Document(text, lang="de", published="2024-10-18", url="https://b.example/1"))
    store.add_many([first, second])
    counts = analyze.update(store)
    assert counts["exact_duplicates"] == 1
    (row,) = analyze.duplicates(store)
    assert row["kind"] == "exact" and row["similarity"] == 1.0
    assert {row["document_id"], row["duplicate_of"]} == {first.document.id, second.document.id}


@pytest.mark.parametrize("backend", pg.BACKENDS)
def test_analysis_on_each_backend(backend: str, tmp_path: Path) -> None:
    with pg.database(backend, tmp_path, "analyze") as url:
        store = open_store(url)
        try:
            analyze.update(store)
            assert len(analyze.duplicates(store)) == 2
            assert len(analyze.disagreements(store)) == 1
            assert _figures(analyze.timeline(store, DEPLOY)["points"])[0] == (1500, 1500)
        finally:
            store.close()


def test_entity_groups_merge_spellings_across_documents(store: Store) -> None:
    groups = analyze.entity_groups(store)
    assert set(groups[0]) >= {"name", "type", "known", "aliases", "mentions", "documents"}
    (zelensky,) = [g for g in groups if g["name"] == "Volodymyr Zelenskyy"]
    spellings = {a["text"] for a in zelensky["aliases"]}
    assert {"Selenskyj", "Zelensky"} <= spellings  # German and English articles, one person
    assert zelensky["known"] is True and zelensky["documents"] >= 4
    assert zelensky["mentions"] == sum(a["count"] for a in zelensky["aliases"])


def test_status_counts_pending_documents(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'status.db'}", ["01_nis_1500_soldaten", "04_nis_3000_troops"])
    assert analyze.status(store) == {"documents": 2, "analysed": 0, "pending": 2}
    analyze.update(store)
    assert analyze.status(store) == {"documents": 2, "analysed": 2, "pending": 0}
