"""CSV input: header by name, headerless by index, sniffed dialects, and the 10kGNAD test split."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from claimgraph.ingest import CsvOptions, IngestFailure, read_inputs
from claimgraph.ingest.csv_reader import sniff_dialect
from claimgraph.model.document import Document

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
GNAD = SHARED / "corpus" / "10kgnad" / "test.csv"
needs_corpus = pytest.mark.skipif(
    not SHARED.exists(), reason="../shared/corpus not present (fresh clone): corpus tests need it"
)

LONG_DE = "Der Stadtrat hat am Abend mit knapper Mehrheit beschlossen, die Brücke über den Fluss bis 2027 zu sanieren; die Kosten liegen bei 12 Millionen Euro."
LONG_EN = "The council voted narrowly on Monday evening to repair the bridge over the river by 2027, at a cost of 12 million euros, officials said."


def _docs(items: list[Document | IngestFailure]) -> list[Document]:
    return [i for i in items if isinstance(i, Document)]


def test_csv_with_header(tmp_path: Path) -> None:
    path = tmp_path / "articles.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Headline", "Published", "Body", "Link"])
        writer.writerow(["Brücke", "2025-03-02", LONG_DE, "https://example.org/b"])
        writer.writerow(["Bridge", "not a date", LONG_EN, ""])
        writer.writerow(["Empty", "2025", "", ""])
        writer.writerow(["Bridge 2", "2025-03", LONG_EN, ""])
    items = list(read_inputs([str(path)]))
    assert [(i.origin, i.reason) for i in items if isinstance(i, IngestFailure)] == [
        (f"{path}:row 3", "invalid_field"),
        (f"{path}:row 4", "missing_text"),
    ]
    first, second = _docs(items)
    assert (first.title, first.published, first.url, first.text, first.lang, first.origin) == (
        "Brücke", "2025-03-02", "https://example.org/b", LONG_DE, "de", f"{path}:row 2"
    )
    assert (second.title, second.published, second.url, second.lang) == ("Bridge 2", "2025-03", None, "en")


def test_csv_without_header_by_index(tmp_path: Path) -> None:
    path = tmp_path / "plain.csv"
    path.write_text(f"Politik|2025-01-05|{LONG_DE}\nSport|2025-01-06|{LONG_EN}\n", encoding="utf-8")
    options = CsvOptions(delimiter="|", text_column=2, date_column=1, title_column=0, has_header=False)
    docs = _docs(list(read_inputs([str(path)], csv_options=options)))
    assert [(d.text, d.published, d.title, d.origin) for d in docs] == [
        (LONG_DE, "2025-01-05", "Politik", f"{path}:row 1"),
        (LONG_EN, "2025-01-06", "Sport", f"{path}:row 2"),
    ]


def test_csv_named_column_option(tmp_path: Path) -> None:
    path = tmp_path / "named.csv"
    path.write_text(f"kind,story\nnews,{LONG_EN.replace(',', '')}\n", encoding="utf-8")
    (doc,) = read_inputs([str(path)], csv_options=CsvOptions(text_column="Story"))
    assert isinstance(doc, Document) and doc.text == LONG_EN.replace(",", "")
    (failure,) = read_inputs([str(path)], csv_options=CsvOptions(text_column="missing"))
    assert isinstance(failure, IngestFailure) and failure.reason == "invalid_field"


def test_csv_sniffed_semicolon_and_single_quotes_without_header(tmp_path: Path) -> None:
    # The 10kGNAD layout: category;'text' with ";" inside the quoted text.
    rows = [f"Inland;'{LONG_DE}'", f"Sport;'{LONG_DE.replace('Abend', 'Morgen')}; ein ''Zitat'' dazu'", f"Kultur;'{LONG_DE}'"]
    path = tmp_path / "gnad-like.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert sniff_dialect(path.read_text(encoding="utf-8")) == (";", "'")
    docs = _docs(list(read_inputs([str(path)])))
    assert len(docs) == 3
    assert docs[1].text.endswith("; ein 'Zitat' dazu")
    assert docs[0].text == LONG_DE


def test_tsv_with_header(tmp_path: Path) -> None:
    path = tmp_path / "a.tsv"
    path.write_text(f"title\ttext\nBrücke\t{LONG_DE}\n", encoding="utf-8")
    (doc,) = read_inputs([str(path)])
    assert isinstance(doc, Document) and (doc.title, doc.text) == ("Brücke", LONG_DE)


@needs_corpus
@pytest.mark.shared
@pytest.mark.parametrize(
    "options", [CsvOptions(delimiter=";", quotechar="'", text_column=1), None], ids=["explicit", "sniffed"]
)
def test_10kgnad_test_split_reads_1028_documents(options: CsvOptions | None) -> None:
    items = list(read_inputs([str(GNAD)], csv_options=options))
    docs = _docs(items)
    assert len(items) == len(docs) == 1028
    assert all(d.lang == "de" for d in docs)
    assert (docs[0].origin, docs[-1].origin) == (f"{GNAD}:row 1", f"{GNAD}:row 1028")
    # The text column, not the one-word category column, and without the "'" quotes around it.
    assert all(" " in d.text and not d.text.startswith("'") for d in docs)
    assert sum(len(d.text) for d in docs) / len(docs) > 1000
