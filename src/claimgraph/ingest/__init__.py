"""Reading raw articles into `Document`s: text, JSON Lines and CSV files, HTML pages, WARC archives,
RSS/Atom feeds and URLs, from files, directories, globs, the web and stdin.

Every problem with an input becomes an `IngestFailure` in the stream instead of an exception.
"""

from claimgraph.ingest.clean import clean_text
from claimgraph.ingest.csv_reader import CsvOptions
from claimgraph.ingest.failures import IngestFailure
from claimgraph.ingest.feeds import parse_feed
from claimgraph.ingest.fetch import Fetched, Fetcher, FetchOptions
from claimgraph.ingest.html import parse_html
from claimgraph.ingest.langid import detect_language
from claimgraph.ingest.sources import FORMATS, format_for, needs_single_pass, read_inputs
from claimgraph.ingest.text import parse_text_file
from claimgraph.ingest.warc import read_warc

__all__ = [
    "FORMATS",
    "CsvOptions",
    "FetchOptions",
    "Fetched",
    "Fetcher",
    "IngestFailure",
    "clean_text",
    "detect_language",
    "format_for",
    "needs_single_pass",
    "parse_feed",
    "parse_html",
    "parse_text_file",
    "read_inputs",
    "read_warc",
]
