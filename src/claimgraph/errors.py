"""The exception hierarchy of claimgraph: every error the library raises derives from one base."""

from __future__ import annotations


class ClaimgraphError(Exception):
    """Base of every error claimgraph raises on purpose."""


class InputError(ClaimgraphError):
    """An input could not be read as a document."""


class UnknownDocument(ClaimgraphError):
    """No document with that id."""


class StoreError(ClaimgraphError):
    """The store could not be opened, read or written."""


class GoldFormatError(ClaimgraphError):
    """A gold annotation file is malformed."""


class LexiconError(ClaimgraphError):
    """A lexicon or gazetteer data file is malformed."""
