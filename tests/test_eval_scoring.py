"""The gold format and the scorer: perfect predictions, one change at a time, and bad gold files."""

from __future__ import annotations

import copy
import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from claimgraph.errors import GoldFormatError
from claimgraph.evaluation import (
    EvalReport,
    evaluate,
    load_gold,
    load_gold_dir,
    render_report,
    report_to_json,
    score_file,
)
from claimgraph.evaluation.gold import GoldFile
from claimgraph.evaluation.matching import quotes_overlap
from claimgraph.evaluation.names import fold, name_matches
from claimgraph.evaluation.scoring import FileResult
from claimgraph.model import (
    Claim,
    Document,
    Entity,
    Extraction,
    Quantity,
    Quote,
    Source,
    Span,
    TimeExpr,
)

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
GOLD_DEV = SHARED / "gold" / "dev"

ARTICLE = (
    "Berlin – Die Bundesregierung will der Ukraine weitere 500 Millionen Euro für die "
    "Luftverteidigung bereitstellen. Nach Angaben des Verteidigungsministeriums wurden im März "
    "rund 1.200 Soldaten nach Litauen verlegt. Laut britischem Geheimdienst sollen bei den Kämpfen "
    "mindestens 300 Menschen getötet worden sein. „Wir stehen fest an der Seite unserer Partner“, "
    "sagte Verteidigungsminister Boris Pistorius am Montag in Berlin. Die Opposition kritisierte "
    "die Pläne als unzureichend."
)
MOD = {"name": "Federal Ministry of Defence (Germany)", "country": "Germany", "kind": "government"}
UK_INTEL = {"name": ["Defence Intelligence (United Kingdom)", "Defence Intelligence"],
            "country": "United Kingdom", "kind": "intelligence"}
GOLD: dict[str, Any] = {
    "doc": {"text": ARTICLE, "lang": "de", "published": "2025-04-07", "note": "ignored"},
    "entities": [
        {"name": "Germany", "type": "country", "aliases": ["Bundesregierung"]},
        {"name": "Ukraine", "type": "country"},
        {"name": "Lithuania", "type": "country"},
        {"name": "Berlin", "type": "place"},
        {"name": "Boris Pistorius", "type": "person"},
        {"name": "Federal Ministry of Defence (Germany)", "type": "org"},
        {"name": ["Defence Intelligence (United Kingdom)", "Defence Intelligence"], "type": "org"},
        {"name": "United Kingdom", "type": "country", "optional": True},
    ],
    "claims": [
        {"id": "g1", "kind": "supply", "actor": "Germany", "target": "Ukraine",
         "quantity": {"min": 500000000, "max": 500000000, "unit": ["money"]},
         "sources": [], "modality": "hedged",
         "evidence": "weitere 500 Millionen Euro für die Luftverteidigung bereitstellen"},
        {"id": "g2", "kind": "deploy", "actor": "Germany", "target": "Lithuania",
         "quantity": {"min": 1200, "max": 1200, "unit": ["soldier", "person"]},
         "time": {"value": "2025-03"}, "sources": [MOD], "modality": "asserted",
         "evidence": "rund 1.200 Soldaten nach Litauen verlegt"},
        {"id": "g3", "kind": "killed", "actor": None, "target": "Russia",
         "quantity": {"min": 300, "max": None, "unit": ["person"]}, "time": None,
         "sources": [UK_INTEL], "sources_also": [{"name": "BBC", "kind": "media"}],
         "modality": ["hedged", "asserted"],
         "evidence": "mindestens 300 Menschen getötet worden sein"},
        {"id": "g4", "kind": ["statement", "supply"], "actor": "Germany", "optional": True,
         "sources": [{"name": "Boris Pistorius", "country": "Germany", "kind": "person"}],
         "evidence": "Wir stehen fest an der Seite unserer Partner"},
        {"id": "g5", "kind": "statement", "actor": None, "sources_optional": True,
         "sources": [{"name": "Opposition", "kind": "person"}], "modality": "asserted",
         "evidence": "Die Opposition kritisierte die Pläne als unzureichend"},
    ],
    "quotes": [
        {"speaker": "Boris Pistorius", "text": "Wir stehen fest an der Seite unserer Partner"},
    ],
}


def _write(tmp_path: Path, data: Any, name: str = "mini.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def gold(tmp_path: Path) -> GoldFile:
    return load_gold(_write(tmp_path, GOLD))


def _sentence(text: str, start: int, end: int) -> Span:
    """The sentence around [start, end): from after the previous `. ` to the next `.`."""
    begin = max(text.rfind(". ", 0, start) + 2, 0) if text.rfind(". ", 0, start) >= 0 else 0
    stop = text.find(".", end)
    stop = len(text) if stop < 0 else stop + 1
    return Span(begin, stop, text[begin:stop])


def perfect(gold: GoldFile, text: str) -> Extraction:
    """An extraction that says exactly what `gold` says; claims in the order gold matches them."""
    entities = [Entity(e.names[0], e.type) for e in gold.entities]
    claims = []
    for g in sorted(gold.claims, key=lambda c: (c.optional, c.quantity is None)):
        start = text.find(g.evidence)
        assert start >= 0, f"{gold.name} {g.id}: evidence not in the text"
        end = start + len(g.evidence)
        q = g.quantity
        claims.append(Claim(
            kind=g.kinds[0],
            evidence=Span(start, end, g.evidence),
            sentence=_sentence(text, start, end),
            actor=g.actor[0] if g.actor else None,
            target=g.target[0] if g.target else None,
            quantity=Quantity(q.min, q.max, q.units[0] if q.units else None) if q else None,
            time=TimeExpr(**g.time) if g.time else None,
            sources=[Source(s.names[0] if s.names else f"some {s.kind}", s.country, s.kind)
                     for s in g.sources or ()],
            modality=g.modality[0] if g.modality else "asserted",
            id=g.id,
        ))
    quotes = []
    for gq in gold.quotes:
        start = max(text.find(gq.text), 0)
        quotes.append(Quote(gq.text, start, start + len(gq.text), gq.speakers[0] if gq.speakers else None))
    return Extraction(Document(text), entities, claims, quotes)


def _claim(extraction: Extraction, claim_id: str) -> Claim:
    return next(c for c in extraction.claims if c.id == claim_id)


def _flat(result: FileResult) -> dict[str, float | None]:
    report = EvalReport([result])
    scores = report_to_json(report)["overall"]
    return {f"{part}.{key}": value for part, values in scores.items() for key, value in values.items()}


def _only_changed(result: FileResult, expected: dict[str, float | None]) -> None:
    """Every score is 1.0 except those in `expected`, which have the given values."""
    flat = _flat(result)
    assert {k: v for k, v in flat.items() if k in expected} == expected
    assert all(v == 1.0 for k, v in flat.items() if k not in expected), flat


# --- names ----------------------------------------------------------------------------------


def test_fold_removes_case_and_diacritics() -> None:
    assert fold("Davutoğlu") == fold("Davutoglu") == "davutoglu"
    assert fold("Straße") == fold("Strasse") == "strasse"
    assert fold("Łódź") == "lodz" and fold("Søren") == "soren" and fold("Đoković") == "dokovic"
    assert fold("Şırnak  Province") == "sirnak province"
    assert fold("Chișinău") == fold("chisinau")


def test_name_matches_lists_and_null() -> None:
    assert name_matches("davutoglu", "Davutoğlu")
    assert name_matches("Defence Intelligence", ["Defence Intelligence (United Kingdom)", "Defence Intelligence"])
    assert name_matches(None, None) and name_matches("  ", None)
    assert not name_matches("Germany", None) and not name_matches(None, "Germany")


# --- scoring --------------------------------------------------------------------------------


def test_perfect_prediction_scores_one_everywhere(gold: GoldFile) -> None:
    result = score_file(gold, perfect(gold, ARTICLE))
    _only_changed(result, {})
    assert not result.findings
    assert result.scores.fields.target.total == 2  # g3 (killed) is not scored for target
    assert result.scores.fields.sources.total == 3  # g5 is sources_optional


def test_missing_claim_lowers_only_recall(gold: GoldFile) -> None:
    extraction = perfect(gold, ARTICLE)
    extraction.claims.remove(_claim(extraction, "g2"))
    result = score_file(gold, extraction)
    _only_changed(result, {"claims.recall": 0.75, "claims.f1": round(6 / 7, 4)})
    assert [m.id for m in result.findings.missed_claims] == ["g2"]
    assert result.findings.missed_claims[0].sentence == (
        "Nach Angaben des Verteidigungsministeriums wurden im März rund 1.200 Soldaten nach Litauen verlegt."
    )


def test_extra_prediction_lowers_only_precision(gold: GoldFile) -> None:
    extraction = perfect(gold, ARTICLE)
    extra = dataclasses.replace(_claim(extraction, "g2"), kind="attack", id=None)
    extraction.claims.insert(0, extra)
    result = score_file(gold, extraction)
    _only_changed(result, {"claims.precision": 0.8, "claims.f1": round(8 / 9, 4)})
    assert [s.kind for s in result.findings.spurious_claims] == ["attack"]


def test_wrong_quantity_or_unit_does_not_match(gold: GoldFile) -> None:
    extraction = perfect(gold, ARTICLE)
    g2 = _claim(extraction, "g2")
    g2.quantity = Quantity(1200, 1200, "vehicle")
    assert score_file(gold, extraction).scores.claims.tp == 3
    g2.quantity = Quantity(1200.0000000001, 1200, "person")  # within 1e-9 relative: equal
    assert score_file(gold, extraction).scores.claims.tp == 4


def test_required_claims_with_quantity_match_first(tmp_path: Path) -> None:
    data = copy.deepcopy(GOLD)
    # Same sentence and kind: without its quantity, g2b could take g2's prediction.
    data["claims"].insert(0, {"id": "g2b", "kind": "deploy", "modality": "asserted",
                              "evidence": "Soldaten nach Litauen verlegt"})
    gold = load_gold(_write(tmp_path, data))
    extraction = perfect(load_gold(_write(tmp_path, GOLD, "plain.json")), ARTICLE)
    result = score_file(gold, extraction)
    assert [m.id for m in result.findings.missed_claims] == ["g2b"]
    assert result.scores.claims.tp == 4 and result.scores.fields.time.value == 1.0


def test_wrong_source_lowers_only_source_accuracy(gold: GoldFile) -> None:
    extraction = perfect(gold, ARTICLE)
    _claim(extraction, "g2").sources = [Source("Reuters", "United Kingdom", "media")]
    result = score_file(gold, extraction)
    _only_changed(result, {"fields.sources": round(2 / 3, 4)})
    (wrong,) = result.findings.wrong_fields
    assert (wrong.claim_id, wrong.field) == ("g2", "sources")


def test_wrong_fields_are_reported(gold: GoldFile) -> None:
    extraction = perfect(gold, ARTICLE)
    g3 = _claim(extraction, "g3")
    g3.actor, g3.time, g3.modality = "Russia", TimeExpr(value="2025"), "negated"
    result = score_file(gold, extraction)
    assert {(w.claim_id, w.field) for w in result.findings.wrong_fields} == {
        ("g3", "actor"), ("g3", "time"), ("g3", "modality")}
    assert result.scores.fields.actor.value == 0.75  # g1, g2, g5 (gold null, predicted None) right


def test_time_ignores_the_predicted_span(gold: GoldFile) -> None:
    extraction = perfect(gold, ARTICLE)
    _claim(extraction, "g2").time = TimeExpr(value="2025-03", span=Span(0, 6, "Berlin"))
    assert score_file(gold, extraction).scores.fields.time.value == 1.0
    _claim(extraction, "g2").time = TimeExpr(value="2025-03", after="2025-01")
    assert score_file(gold, extraction).scores.fields.time.value == 0.5


def test_sources_in_another_order_are_right(tmp_path: Path) -> None:
    data = copy.deepcopy(GOLD)
    data["claims"][2]["sources"] = [UK_INTEL, {"name": "BBC", "country": "United Kingdom", "kind": "media"}]
    gold = load_gold(_write(tmp_path, data))
    extraction = perfect(gold, ARTICLE)
    g3 = _claim(extraction, "g3")
    g3.sources.reverse()
    assert g3.sources[0].name == "BBC"
    assert score_file(gold, extraction).scores.fields.sources.value == 1.0
    g3.sources.pop()  # one gold source unmatched
    assert score_file(gold, extraction).scores.fields.sources.value == 2 / 3


def test_sources_match_by_country_and_kind(gold: GoldFile) -> None:
    extraction = perfect(gold, ARTICLE)
    g3 = _claim(extraction, "g3")
    g3.sources = [Source("britischer Geheimdienst", "united kingdom", "intelligence")]
    assert score_file(gold, extraction).scores.fields.sources.value == 1.0
    g3.sources = [Source("britischer Geheimdienst", "United Kingdom", "military")]
    assert score_file(gold, extraction).scores.fields.sources.value == 2 / 3


def test_sources_also_may_be_added_and_countryless_gold_needs_countryless_prediction(gold: GoldFile) -> None:
    extraction = perfect(gold, ARTICLE)
    g3 = _claim(extraction, "g3")
    g3.sources.append(Source("BBC", "United Kingdom", "media"))  # by name
    assert score_file(gold, extraction).scores.fields.sources.value == 1.0
    g3.sources[-1] = Source("a broadcaster", None, "media")  # by kind, both without country
    assert score_file(gold, extraction).scores.fields.sources.value == 1.0
    g3.sources[-1] = Source("a broadcaster", "United Kingdom", "media")
    assert score_file(gold, extraction).scores.fields.sources.value == 2 / 3


def test_sources_optional_ignores_sources(gold: GoldFile) -> None:
    extraction = perfect(gold, ARTICLE)
    _claim(extraction, "g5").sources = [Source("Bild", "Germany", "media")]
    result = score_file(gold, extraction)
    _only_changed(result, {})
    assert result.scores.claims.tp == 4


def test_optional_claims_never_count(gold: GoldFile) -> None:
    extraction = perfect(gold, ARTICLE)
    g4 = _claim(extraction, "g4")
    g4.actor, g4.sources = "Lithuania", []  # found with wrong fields: not scored
    _only_changed(score_file(gold, extraction), {})
    extraction.claims.remove(g4)  # not found: no false negative
    _only_changed(score_file(gold, extraction), {})


def test_optional_and_list_named_entities(gold: GoldFile) -> None:
    extraction = perfect(gold, ARTICLE)
    extraction.entities = [e for e in extraction.entities if e.name != "United Kingdom"]
    extraction.entities.append(Entity("defence intelligence", "org"))  # the other accepted name
    extraction.entities = [e for e in extraction.entities if e.name != "Defence Intelligence (United Kingdom)"]
    _only_changed(score_file(gold, extraction), {})
    extraction.entities.append(Entity("Litauen", "place"))
    result = score_file(gold, extraction)
    assert result.scores.entities.fp == 1 and result.findings.spurious_entities == ["Litauen"]


def test_quotes_match_at_eighty_percent_overlap(gold: GoldFile) -> None:
    full = "Wir stehen fest an der Seite unserer Partner"
    assert quotes_overlap(full, full[:36])  # 36 of 44 characters: 82%
    assert quotes_overlap(full + " und Freunde in aller Welt", "Wir stehen fest an der")  # of the shorter
    assert not quotes_overlap(full, "Wir stehen fest zu unseren Zusagen")  # 16 of 34
    assert quotes_overlap(full, f"„{full}“")
    extraction = perfect(gold, ARTICLE)
    extraction.quotes[0].text = "Wir stehen fest an der Seite der Regierung"  # 29 of 42: no match
    _only_changed(score_file(gold, extraction), {"quotes.precision": 0.0, "quotes.recall": 0.0,
                                                 "quotes.f1": 0.0, "quotes.speaker": None})


def test_wrong_speaker_lowers_only_speaker_accuracy(gold: GoldFile) -> None:
    extraction = perfect(gold, ARTICLE)
    extraction.quotes[0].speaker = None
    result = score_file(gold, extraction)
    _only_changed(result, {"quotes.speaker": 0.0})
    assert result.findings.wrong_speakers[0].gold == "Boris Pistorius"


def test_optional_gold_quote_absorbs_a_prediction(tmp_path: Path) -> None:
    data = copy.deepcopy(GOLD)
    data["quotes"].append({"speaker": None, "text": "als unzureichend", "optional": True})
    gold = load_gold(_write(tmp_path, data))
    extraction = perfect(gold, ARTICLE)
    assert len(extraction.quotes) == 2
    _only_changed(score_file(gold, extraction), {})


# --- report ---------------------------------------------------------------------------------


def test_json_report_shape_with_nulls(tmp_path: Path) -> None:
    data = {"doc": {"text": ARTICLE, "lang": "de", "published": None},
            "claims": [{"id": "x", "kind": "killed", "evidence": "300 Menschen getötet"}]}
    gold = load_gold(_write(tmp_path, data, "bare.json"))
    report = evaluate([gold], lambda doc: Extraction(doc), root=tmp_path)
    out = report_to_json(report)
    assert set(out) == {"files", "overall"} and set(out["files"]) == {"bare"}
    scores = out["overall"]
    assert scores == out["files"]["bare"]
    assert scores == {
        "entities": {"precision": None, "recall": None, "f1": None},
        "claims": {"precision": None, "recall": 0.0, "f1": 0.0},
        "fields": {"actor": None, "target": None, "time": None, "sources": None, "modality": None},
        "quotes": {"precision": None, "recall": None, "f1": None, "speaker": None},
    }
    json.dumps(out, allow_nan=False)


def test_overall_sums_counts_over_files(tmp_path: Path) -> None:
    first = load_gold(_write(tmp_path, GOLD, "a.json"))
    second = load_gold(_write(tmp_path, GOLD, "b.json"))

    def extract_fn(doc: Document) -> Extraction:
        extraction = perfect(first, doc.text)
        if len(calls) == 1:
            extraction.claims.pop(0)
        calls.append(doc)
        return extraction

    calls: list[Document] = []
    report = evaluate([first, second], extract_fn, root=tmp_path)
    out = report_to_json(report)
    assert out["files"]["a"]["claims"]["recall"] == 1.0
    assert out["files"]["b"]["claims"]["recall"] == 0.75
    assert out["overall"]["claims"]["recall"] == 0.875
    assert calls[0].lang == "de" and calls[0].published == "2025-04-07"


def test_render_report_prints_table_and_errors(gold: GoldFile, tmp_path: Path) -> None:
    extraction = perfect(gold, ARTICLE)
    extraction.claims.pop(0)
    report = evaluate([gold], lambda doc: extraction, root=tmp_path)
    console = Console(record=True, width=160)
    render_report(report, console, show_errors=True)
    text = console.export_text()
    assert "overall" in text and "mini" in text
    assert "missed claim" in text and "Millionen Euro" in text


# --- documents ------------------------------------------------------------------------------


def test_article_read_from_path_and_cleaned_text_used(tmp_path: Path) -> None:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text("ANZEIGE " + ARTICLE, encoding="utf-8")
    data = copy.deepcopy(GOLD)
    data["doc"] = {"path": "corpus/a.txt", "lang": "de", "published": "2025-04-07"}
    gold = load_gold(_write(tmp_path, data))
    expected = perfect(gold, ARTICLE)

    def cleaning_extractor(doc: Document) -> Extraction:
        assert doc.text.startswith("ANZEIGE ")
        return dataclasses.replace(expected, document=Document(ARTICLE))

    report = evaluate([gold], cleaning_extractor, root=tmp_path / "elsewhere")  # found via the gold's folder
    assert report_to_json(report)["overall"]["claims"]["f1"] == 1.0


def test_missing_article_names_file_and_path(tmp_path: Path) -> None:
    data = copy.deepcopy(GOLD)
    data["doc"] = {"path": "corpus/missing.txt", "lang": "de", "published": None}
    gold = load_gold(_write(tmp_path, data))
    with pytest.raises(GoldFormatError, match=r"mini\.json: doc\.path: .*corpus/missing\.txt"):
        evaluate([gold], lambda doc: Extraction(doc), root=tmp_path)


# --- gold files -----------------------------------------------------------------------------


def _broken(change: Any) -> dict[str, Any]:
    data = copy.deepcopy(GOLD)
    change(data)
    return data


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_broken(lambda d: d["claims"][2]["quantity"].update(min="x")),
         'mini.json: claims[2].quantity.min: expected a number or null, got "x"'),
        (_broken(lambda d: d.__setitem__("doc", {"lang": "de"})),
         "mini.json: doc: needs `path`"),
        (_broken(lambda d: d["claims"][0].update(evidence="")),
         'mini.json: claims[0].evidence: expected a non-empty string, got ""'),
        (_broken(lambda d: d["claims"][1].pop("evidence")),
         "mini.json: claims[1].evidence: expected a non-empty string, got null"),
        (_broken(lambda d: d["claims"][3].update(kind=["statement", "boast"])),
         'mini.json: claims[3].kind[1]: unknown claim kind "boast"'),
        (_broken(lambda d: d["claims"][0].update(modality="certain")),
         'mini.json: claims[0].modality: unknown modality "certain"'),
        (_broken(lambda d: d["claims"][1]["sources"][0].update(kind="blog")),
         'mini.json: claims[1].sources[0].kind: unknown source kind "blog"'),
        (_broken(lambda d: d["entities"][1].update(type=["country", "place"])),
         'mini.json: entities[1].type: unknown entity type ["country", "place"]'),
        (_broken(lambda d: d["entities"][4].update(name=[])),
         "mini.json: entities[4].name: expected a name or a non-empty list of names, got []"),
        (_broken(lambda d: d["quotes"][0].update(optional="yes")),
         'mini.json: quotes[0].optional: expected true or false, got "yes"'),
        (_broken(lambda d: d["doc"].update(published="7.4.2025")),
         "mini.json: doc.published: published must be YYYY"),
        (_broken(lambda d: d["claims"][1].update(time={"at": "2025"})),
         "mini.json: claims[1].time: expected at least one of value, after, before"),
        (_broken(lambda d: d.update(claims={"g1": {}})),
         "mini.json: claims: expected a list, got {"),
        (["not", "an", "object"], "mini.json: expected an object"),
    ],
)
def test_malformed_gold_names_file_and_field(tmp_path: Path, data: Any, message: str) -> None:
    with pytest.raises(GoldFormatError) as info:
        load_gold(_write(tmp_path, data))
    assert str(info.value).startswith(message), str(info.value)


def test_invalid_json_gives_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{\n  "doc": {"text": "x",}\n}', encoding="utf-8")
    with pytest.raises(GoldFormatError, match=r"^broken\.json: invalid JSON at line 2, column 23"):
        load_gold(path)


def test_unknown_keys_are_ignored(tmp_path: Path) -> None:
    data = copy.deepcopy(GOLD)
    data["annotator"] = "someone"
    data["claims"][0]["confidence"] = 0.7
    data["claims"][1]["quantity"]["approx"] = True
    data["claims"][1]["sources"][0]["note"] = "ministry"
    data["entities"][0]["wikidata"] = "Q183"
    assert load_gold(_write(tmp_path, data)) == load_gold(_write(tmp_path, GOLD, "mini.json"))


def test_absent_and_null_fields_differ(gold: GoldFile) -> None:
    g3 = next(c for c in gold.claims if c.id == "g3")
    assert g3.has_actor and g3.actor is None and g3.has_time and g3.time is None
    g4 = next(c for c in gold.claims if c.id == "g4")
    assert not g4.has_time and g4.modality is None and g4.quantity is None


def test_load_gold_dir_takes_folders_sorted_and_files(tmp_path: Path) -> None:
    _write(tmp_path, GOLD, "b.json")
    _write(tmp_path, GOLD, "a.json")
    single = _write(tmp_path / "..", GOLD, f"{tmp_path.name}-single.json")
    assert [g.name for g in load_gold_dir([tmp_path, single])] == ["a", "b", f"{tmp_path.name}-single"]
    with pytest.raises(GoldFormatError, match="no such gold file or folder"):
        load_gold_dir([tmp_path / "nothing"])


# --- the shared dev gold --------------------------------------------------------------------


@pytest.mark.shared
@pytest.mark.skipif(not GOLD_DEV.is_dir(), reason="../shared/gold/dev is not present (fresh clone without ../shared)")
def test_shared_dev_gold_loads_and_perfect_predictions_score_one() -> None:
    golds = load_gold_dir([GOLD_DEV])
    assert golds
    pending = iter(golds)  # evaluate calls the extractor once per gold file, in order
    root = Path(__file__).resolve().parents[1]
    report = evaluate(golds, lambda doc: perfect(next(pending), doc.text), root=root)
    for name, scores in report_to_json(report)["files"].items():
        assert scores["claims"]["f1"] == 1.0, name
        assert scores["entities"]["f1"] == 1.0, name
        assert all(v in (1.0, None) for v in scores["fields"].values()), (name, scores["fields"])
