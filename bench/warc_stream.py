"""Streaming proof: ingest a WARC of >= 2 GB (uncompressed) with peak memory well under 500 MB.

Generates, in a temporary folder, a crawl like Common Crawl News: large (1-2.5 MB) news pages (inline
scripts, styles and JSON state, long navigation, teasers, ads, comments) in German and English,
each with its request record, plus PDFs, images, redirects, 404s and revisits. Then ingests it
through the real path (read_inputs -> extract -> SQLite store) in this process and prints
documents/s, records skipped by reason, failures and peak RSS; the folder is removed afterwards.

Run: python bench/warc_stream.py [--size-gb 2.0] [--gzip] [--keep DIR]
"""

from __future__ import annotations

import argparse
import io
import os
import random
import resource
import shutil
import tempfile
import time
from collections import Counter
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from claimgraph.ingest import read_inputs
from claimgraph.ingest_job import run_ingest
from claimgraph.store import Store

MEMORY_LIMIT_MB = 500

SENTENCES = {
    "de": [
        "Nach Angaben der Polizei wurden am {day} rund {n} Menschen in Sicherheit gebracht.",
        "Der Bürgermeister sagte, die Kosten lägen bei mindestens {n} Millionen Euro.",
        "Laut einer Umfrage des Instituts Civey befürworten {p} Prozent der Befragten den Plan.",
        "Die Gewerkschaft erklärte, dass sich {n} Beschäftigte an dem Warnstreik beteiligt hätten.",
        "Das Statistische Bundesamt meldete für {month} einen Anstieg der Preise um {p} Prozent.",
        "Die Ministerin kündigte an, bis {year} insgesamt {n} neue Stellen zu schaffen.",
        "Wie ein Sprecher des Unternehmens mitteilte, sollen {n} Filialen geschlossen werden.",
        "Die Verhandlungen sollen nach Angaben beider Seiten in der kommenden Woche fortgesetzt werden.",
    ],
    "en": [
        "Police said about {n} people had been evacuated on {day}.",
        "The mayor said the repairs would cost at least {n} million pounds.",
        "According to a YouGov poll, {p} per cent of respondents support the plan.",
        "The union said {n} members had taken part in the strike.",
        "The Office for National Statistics reported that prices rose by {p} per cent in {month}.",
        "The minister announced that {n} new jobs would be created by {year}.",
        "A company spokesperson said {n} branches would close.",
        "Talks are expected to resume next week, both sides said.",
    ],
}
DAYS = {"de": ["Montag", "Dienstag", "Mittwoch", "Donnerstag"], "en": ["Monday", "Tuesday", "Wednesday", "Thursday"]}
MONTHS = {"de": ["Januar", "Februar", "März", "April"], "en": ["January", "February", "March", "April"]}
OUTLETS = {"de": ["Nordrhein Rundschau", "Elbe Kurier", "Allgäuer Tagblatt"], "en": ["Harbour Gazette", "Midland Echo"]}


def _blob(rng: random.Random, size: int) -> str:
    """Return `size` characters of JavaScript state like the ones news pages inline."""
    words = ["teaser", "article", "premium", "video", "ressort", "tracking", "consent", "layout", "slot"]
    parts: list[str] = []
    length = 0
    while length < size:
        item = f'{{"id":{rng.randrange(10**9)},"type":"{rng.choice(words)}","score":{rng.random():.6f}}},'
        parts.append(item)
        length += len(item)
    return "".join(parts)


def _page(rng: random.Random, number: int, blobs: list[str]) -> tuple[str, bytes]:
    """Return (url, html) of one large, varied news page."""
    lang = rng.choice(("de", "en"))
    outlet = rng.choice(OUTLETS[lang])
    host = outlet.lower().replace(" ", "-").replace("ä", "ae") + ".example"
    url = f"https://www.{host}/{rng.choice(['politik', 'wirtschaft', 'news', 'business'])}/article-{number}.html"

    def values() -> dict[str, object]:
        """A fresh set of numbers and names for one sentence."""
        return {
            "n": rng.randrange(2, 50000),
            "p": rng.randrange(1, 99),
            "day": rng.choice(DAYS[lang]),
            "month": rng.choice(MONTHS[lang]),
            "year": rng.randrange(2025, 2031),
        }

    paragraphs = [
        " ".join(s.format(**values()) for s in rng.sample(SENTENCES[lang], 3)) for _ in range(rng.randrange(3, 7))
    ]
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    nav = "".join(f'<li><a href="/ressort/{i}">Ressort {i}</a></li>' for i in range(rng.randrange(150, 400)))
    teasers = "".join(
        f'<div class="teaser"><a href="/t/{i}"><h3>Teaser {i}: {rng.choice(SENTENCES[lang]).format(**values())}</h3></a></div>'
        for i in range(rng.randrange(20, 60))
    )
    comments = "".join(
        f'<div class="comment"><p class="comment-text">Leserkommentar {i} {rng.random():.8f}</p></div>'
        for i in range(rng.randrange(5, 40))
    )
    date = f"{rng.randrange(2020, 2026)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
    blob = rng.choice(blobs)
    start = rng.randrange(0, len(blob) // 4)
    html = f"""<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>Meldung {number} | {outlet}</title>
<link rel="canonical" href="{url}"><meta property="og:site_name" content="{outlet}">
<script type="application/ld+json">{{"@type":"NewsArticle","headline":"Meldung {number}","datePublished":"{date}T08:00:00Z"}}</script>
<style>{'.c{margin:0} ' * rng.randrange(2000, 8000)}</style>
<script>window.__STATE__=[{blob[start:]}];</script></head><body>
<header><nav><ul>{nav}</ul></nav></header><div class="ad-slot">Anzeige: Angebot {number}</div>
<main><article><h1>Meldung {number}</h1><div class="article-body">{body}</div></article>
<section id="comments">{comments}</section></main><aside>{teasers}</aside>
<footer>Impressum · Datenschutz · {outlet}</footer></body></html>"""
    return url, html.encode("utf-8")


def _write_response(writer: WARCWriter, uri: str, status: str, content_type: str, body: bytes) -> None:
    http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), length=len(body), http_headers=http)
    writer.write_record(record)


def generate(path: Path, size_bytes: int, *, gzip: bool, seed: int = 9) -> Counter[str]:
    """Write a varied crawl of at least `size_bytes` uncompressed bytes to `path`; return its records by kind."""
    rng = random.Random(seed)
    blobs = [_blob(rng, rng.randrange(1_200_000, 2_400_000)) for _ in range(4)]
    binary = bytes(rng.getrandbits(8) for _ in range(1 << 16))
    kinds: Counter[str] = Counter()
    written = 0
    number = 0
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "claimgraph bench"}))
        while written < size_bytes:
            number += 1
            roll = rng.random()
            if roll < 0.65:
                url, html = _page(rng, number, blobs)
                request = StatusAndHeaders(f"GET /{number} HTTP/1.1", [("Host", "x")], is_http_request=True)
                writer.write_record(
                    writer.create_warc_record(url, "request", payload=io.BytesIO(b""), length=0, http_headers=request)
                )
                _write_response(writer, url, "200 OK", "text/html; charset=utf-8", html)
                kinds["html"] += 1
                written += len(html)
            elif roll < 0.80:
                body = b"%PDF-1.7\n" + binary * rng.randrange(16, 64)
                _write_response(writer, f"https://docs.example/{number}.pdf", "200 OK", "application/pdf", body)
                kinds["pdf"] += 1
                written += len(body)
            elif roll < 0.90:
                body = b"\xff\xd8\xff\xe0" + binary * rng.randrange(2, 12)
                _write_response(writer, f"https://img.example/{number}.jpg", "200 OK", "image/jpeg", body)
                kinds["image"] += 1
                written += len(body)
            elif roll < 0.94:
                _write_response(writer, f"https://www.example/alt/{number}", "301 Moved Permanently", "text/html", b"")
                kinds["redirect"] += 1
            elif roll < 0.97:
                _write_response(writer, f"https://www.example/weg/{number}", "404 Not Found", "text/html", b"<p>404</p>")
                kinds["not_found"] += 1
            else:
                revisit = writer.create_revisit_record(
                    f"https://www.example/{number}", "sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                    f"https://www.example/{number}", "2025-03-15T08:00:00Z",
                )
                writer.write_record(revisit)
                kinds["revisit"] += 1
    return kinds


def peak_rss_mb() -> float:
    """Return this process's peak resident memory in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-gb", type=float, default=2.0, help="uncompressed page bytes to generate (default 2.0)")
    parser.add_argument("--gzip", action="store_true", help="write .warc.gz (slower to generate) instead of .warc")
    parser.add_argument("--keep", type=Path, default=None, help="generate into this folder and keep it")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="claimgraph-warc-"))
    folder.mkdir(parents=True, exist_ok=True)
    free = shutil.disk_usage(folder).free
    if free < args.size_gb * 1.2 * 1024**3:
        raise SystemExit(f"not enough space in {folder}: {free / 1024**3:.1f} GB free")
    path = folder / ("bench.warc.gz" if args.gzip else "bench.warc")
    try:
        t0 = time.perf_counter()
        kinds = generate(path, int(args.size_gb * 1024**3), gzip=args.gzip)
        generated = time.perf_counter() - t0
        size = os.path.getsize(path)
        print(f"generated {path.name}: {size / 1024**3:.2f} GB on disk in {generated:.0f}s; records: {dict(kinds)}")
        print(f"peak RSS after generating: {peak_rss_mb():.0f} MB")
        skipped: Counter[str] = Counter()
        with Store.open(f"sqlite:///{folder / 'bench.db'}") as store:
            t0 = time.perf_counter()
            report = run_ingest(store, read_inputs([str(path)], skipped=skipped), workers=1)
            seconds = time.perf_counter() - t0
            stored = store.count_documents()
        print(f"ingested {report.new} documents ({stored} stored) in {seconds:.0f}s: {report.new / seconds:.1f} documents/s")
        print(f"  {size / 1024**2 / seconds:.1f} MB/s of archive")
        print(f"skipped records by reason: {dict(sorted(skipped.items()))}")
        print(f"failures by reason: {report.reasons or 'none'}")
        peak = peak_rss_mb()
        verdict = "OK" if peak < MEMORY_LIMIT_MB else "OVER THE LIMIT"
        print(f"peak RSS: {peak:.0f} MB (limit {MEMORY_LIMIT_MB} MB): {verdict}")
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
