"""`detect_language`: which language an article is written in."""

from __future__ import annotations

import functools

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

# The languages we have language data for; others are detected but not analysed.
SUPPORTED_LANGUAGES = ("de", "en")

# German and English plus the neighbours a European news crawl mixes in: restricting the
# candidates makes detection faster and keeps it from guessing exotic languages on short text.
_CANDIDATES = (
    Language.GERMAN,
    Language.ENGLISH,
    Language.FRENCH,
    Language.DUTCH,
    Language.ITALIAN,
    Language.SPANISH,
    Language.POLISH,
    Language.RUSSIAN,
    Language.UKRAINIAN,
    Language.TURKISH,
    Language.DANISH,
    Language.SWEDISH,
    Language.CZECH,
)
# The opening of an article decides its language; reading more only costs time.
SAMPLE_CHARS = 2000


@functools.cache
def _detector() -> LanguageDetector:
    """Return the one lingua detector of this process (building it loads nothing yet)."""
    return LanguageDetectorBuilder.from_languages(*_CANDIDATES).build()


def detect_language(text: str) -> str | None:
    """Return the ISO 639-1 code ("de", "en", …) of `text`, or None when it has no letters or is undecidable."""
    sample = text[:SAMPLE_CHARS]
    if not any(char.isalpha() for char in sample):
        return None
    language = _detector().detect_language_of(sample)
    if language is None:
        return None
    return language.iso_code_639_1.name.lower()
