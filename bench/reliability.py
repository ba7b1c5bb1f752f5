"""Reliability on hostile input: a folder of bad files mixed with good articles through `claimgraph ingest`.

Builds the folder in a temporary directory at run time (binary, empty, truncated gzip, wrong
encodings, a 50 MB text, a text over the document limit, deeply nested HTML, invalid JSON
Lines, a WARC cut in the middle, minified one-line files, runs of quotes, broken CSV) beside
good articles in every format (text, JSON Lines, CSV, HTML, WARC), runs the real CLI on it into
a temporary SQLite store, twice, and prints: inputs tried, failures recorded by reason, good
documents stored against expected, and crashes (the process died or printed a traceback;
target 0).

Run: python bench/reliability.py [--workers N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from importlib import resources
from pathlib import Path

CLI = [sys.executable, "-c", "from claimgraph.cli import app; app()"]
MARKER = "Kennziffer"  # each good article carries "Kennziffer <n>"; a stored document is found by it

GOOD_DE = (
    "Bei einem Drohnenangriff auf die Stadt Charkiw sind nach Angaben der örtlichen Behörden {n} Menschen "
    "verletzt worden. Der Bürgermeister sagte, die Rettungsarbeiten dauerten an. Laut dem ukrainischen "
    "Militär wurden in der Nacht 40 Drohnen abgeschossen. Die Meldung trägt die {marker} {n}."
)
GOOD_EN = (
    "At least {n} people were wounded in a drone attack on Kharkiv, regional officials said on Tuesday. "
    "The mayor said rescue work was continuing. According to the air force, 40 drones were shot down "
    "overnight. This report carries the {marker} {n}."
)


def _article(n: int, lang: str = "de") -> str:
    return (GOOD_DE if lang == "de" else GOOD_EN).format(n=n, marker=MARKER)


def _html_page(n: int) -> str:
    paragraphs = "".join(f"<p>{_article(n)} Absatz {k} führt die Lage weiter aus.</p>\n" for k in range(4))
    return (
        "<!DOCTYPE html><html lang=\"de\"><head><meta charset=\"utf-8\"><title>Angriff auf Charkiw</title>"
        "<meta name=\"date\" content=\"2025-07-16\"></head><body><nav><a href=\"/\">Start</a></nav>"
        f"<article><h1>Angriff auf Charkiw</h1>{paragraphs}</article><footer>Impressum</footer></body></html>"
    )


def _warc(pages: list[tuple[str, str]]) -> bytes:
    """Return a gzipped WARC with one HTTP response record per (url, html) page."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for url, html in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        record = writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode("utf-8")), http_headers=headers)
        writer.write_record(record)
    return buffer.getvalue()


def build_folder(root: Path) -> tuple[int, list[int], list[str]]:
    """Write the mixed folder; return (input files, the markers of good documents, the bad file names)."""
    root.mkdir(parents=True, exist_ok=True)
    good: list[int] = []
    bad: list[str] = []
    n = 1000

    def good_text(name: str, lang: str = "de", header: str = "") -> None:
        nonlocal n
        n += 1
        (root / name).write_text(header + _article(n, lang) + "\n", encoding="utf-8")
        good.append(n)

    def bad_file(name: str, data: bytes) -> None:
        (root / name).write_bytes(data)
        bad.append(name)

    # Good articles: the bundled examples (each given a marker), and one per format.
    for k, example in enumerate(sorted(p for p in resources.files("claimgraph.examples").iterdir() if p.name.endswith(".txt"))):
        n += 1
        raw = example.read_text(encoding="utf-8").rstrip()
        (root / f"good_example_{k:02d}.txt").write_text(f"{raw}\n\nDie {MARKER} {n} gilt.\n", encoding="utf-8")
        good.append(n)
    good_text("good_plain_de.txt", header="date 2025-07-16\ntitle Angriff\nlang de\n\n")
    good_text("good_plain_en.txt", "en", header="date: 2025-07-16\nlang: en\n\n")
    lines = []
    for lang in ("de", "en", "de"):
        n += 1
        lines.append(json.dumps({"text": _article(n, lang), "lang": lang, "published": "2025-07-16"}, ensure_ascii=False))
        good.append(n)
    bad_lines = ["{not json", "[1, 2, 3]", json.dumps({"title": "no text"}), "[" * 100_000, json.dumps({"text": 42})]
    (root / "mixed.jsonl").write_text("\n".join(lines[:2] + bad_lines + lines[2:]) + "\n", encoding="utf-8")
    table = io.StringIO()
    writer = csv.writer(table)
    writer.writerow(["title", "date", "text"])
    for _ in range(2):
        n += 1
        writer.writerow([f"Meldung {n}", "2025-07-16", _article(n)])
        good.append(n)
    writer.writerow(["leer", "2025-07-16", ""])
    (root / "good_table.csv").write_text(table.getvalue(), encoding="utf-8")
    n += 1
    (root / "good_page.html").write_text(_html_page(n), encoding="utf-8")
    good.append(n)
    n += 1
    archive = _warc([(f"https://news.example/{n}", _html_page(n)), ("https://news.example/empty", "<html></html>")])
    (root / "good_crawl.warc.gz").write_bytes(archive)
    good.append(n)
    n += 1
    latin = f"date 2025-07-16\nlang de\n\n{_article(n)} Grüße aus Köln, schön übersetzt."
    (root / "good_latin1.txt").write_bytes(latin.encode("cp1252"))
    good.append(n)

    # Bad inputs.
    bad_file("binary.bin", bytes(range(256)) * 64)
    bad_file("image.txt", b"\x89PNG\r\n\x1a\n" + os.urandom(20_000))
    bad_file("empty.txt", b"")
    bad_file("blank.txt", b" \n\t\n  \n")
    bad_file("truncated.txt.gz", gzip.compress(_article(1).encode() * 50)[:300])
    bad_file("truncated_crawl.warc.gz", archive[: len(archive) // 2])
    bad_file("cut_plain.warc", gzip.decompress(archive)[:700])
    bad_file("utf16_no_bom.txt", _article(2).encode("utf-16-le"))
    bad_file("shift_jis.txt", ("東京で記者会見が開かれた。" * 40).encode("shift_jis"))
    bad_file("broken_utf8.txt", _article(3).encode("utf-8")[:-3] + b"\xff\xfe\xc3\x28" * 30)
    bad_file("huge_50mb.txt", b"Soldaten " * (50 * 1024 * 1024 // 9 + 10))
    bad_file("over_document_limit.txt", ("Laut CNN wurden 3 Soldaten getötet.\n" * 300_000).encode())
    bad_file("nested.html", ("<!DOCTYPE html><html><body>" + "<div>" * 100_000 + "Text" + "</div>" * 100_000 + "</body></html>").encode())
    bad_file("no_article.html", b"<!DOCTYPE html><html><head><title>x</title></head><body><script>var a=1;</script></body></html>")
    bad_file("minified.txt", ("var a=" + "1," * 1_200_000).encode())
    bad_file("quotes.txt", ("\u201e" * 200_000).encode())
    bad_file("broken.csv", b'title,text\n"unclosed,' + b"x" * 1000 + b"\n")
    bad_file("control_chars.txt", bytes(range(1, 32)) * 500)
    bad_file("bad_date.txt", b"date 2025-13-45\n\nLaut CNN wurden 3 Soldaten get\xc3\xb6tet.")
    bad_file("deep.json", b"[" * 200_000 + b"]" * 200_000)
    files = sum(1 for _ in root.iterdir())
    return files, good, bad


def run_ingest(folder: Path, db: str, workers: int | None) -> tuple[int, str, str, float]:
    """Run `claimgraph ingest` on the folder; return (exit code, stdout, stderr, seconds)."""
    command = [*CLI, "ingest", str(folder), "--db", db]
    if workers:
        command += ["--workers", str(workers)]
    started = time.perf_counter()
    done = subprocess.run(command, check=False, capture_output=True, text=True, timeout=3600)
    return done.returncode, done.stdout, done.stderr, time.perf_counter() - started


def crashed(code: int, stderr: str) -> bool:
    """True when the process died (signal, unexpected exit code) or printed a traceback."""
    return code not in (0, 1) or "Traceback" in stderr


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", type=int, default=None, help="extraction processes (default: the CLI's)")
    parser.add_argument("--keep", type=Path, default=None, help="build the folder and store here and keep them")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="claimgraph-reliability-") as tmp:
        base = args.keep or Path(tmp)
        folder = base / "inputs"
        store_path = base / "reliability.db"
        files, good, bad = build_folder(folder)
        db = f"sqlite:///{store_path}"
        crashes = 0
        runs = []
        for attempt in ("first run", "second run (all known)"):
            code, out, err, seconds = run_ingest(folder, db, args.workers)
            runs.append((attempt, code, out.strip().splitlines()[:1], seconds))
            if crashed(code, err):
                crashes += 1
                print(f"CRASH in {attempt}: exit {code}\n{err[-3000:]}")
        with sqlite3.connect(store_path) as conn:
            reasons = Counter(dict(conn.execute("SELECT reason, count(*) FROM ingest_errors GROUP BY reason").fetchall()))
            failed_origins = {Path(o.split(":")[0]).name for (o,) in conn.execute("SELECT origin FROM ingest_errors")}
            texts = [t for (t,) in conn.execute("SELECT text FROM documents")]
            stored_origins = {Path(o.split(":")[0]).name for (o,) in conn.execute("SELECT origin FROM documents") if o}
            orphans = conn.execute(
                "SELECT count(*) FROM claims c LEFT JOIN documents d ON d.id = c.document_id WHERE d.id IS NULL"
            ).fetchone()[0]
        stored_markers = {m for m in good if any(f"{MARKER} {m}" in t for t in texts)}
        missing = sorted(set(good) - stored_markers)
        read_anyway = sorted(name for name in bad if name in stored_origins)
        lost = sorted(name for name in bad if name not in failed_origins and name not in stored_origins)

        print(f"inputs tried: {files} files (+ records inside JSONL, CSV and WARC files)")
        for attempt, code, summary, seconds in runs:
            print(f"  {attempt}: exit {code} in {seconds:.1f} s — {summary[0] if summary else ''}")
        print(f"failures recorded: {sum(reasons.values())} (second run records its read failures again)")
        for reason, count in sorted(reasons.items()):
            print(f"  {reason}: {count}")
        print(f"good documents stored: {len(stored_markers)} of {len(good)} expected"
              + (f" (missing markers {missing})" if missing else ""))
        print(f"documents stored in all: {len(texts)}; orphan claims: {orphans}")
        print(f"bad files read as documents anyway (decoded or repaired): {', '.join(read_anyway) or 'none'}")
        print(f"bad files neither recorded as failed nor stored: {', '.join(lost) or 'none'} (target none)")
        print(f"crashes: {crashes} (target 0)")


if __name__ == "__main__":
    main()
