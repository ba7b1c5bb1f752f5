"""Reading raw articles: text, JSON Lines and CSV files, directories, globs and stdin, into `Document`s.

Every problem with an input becomes an `IngestFailure` in the stream instead of an exception.
"""

from claimgraph.ingest.clean import clean_text
from claimgraph.ingest.csv_reader import CsvOptions
from claimgraph.ingest.failures import IngestFailure
from claimgraph.ingest.langid import detect_language
from claimgraph.ingest.sources import read_inputs
from claimgraph.ingest.text import parse_text_file

__all__ = ["CsvOptions", "IngestFailure", "clean_text", "detect_language", "parse_text_file", "read_inputs"]
