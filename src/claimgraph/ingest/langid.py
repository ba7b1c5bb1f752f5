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
# The opening of an article decides its language; reading more only costs time (detection is
# linear in the sample). On the 1,028 10kGNAD articles and our German and English articles, 600
# characters (about 90 words) decide exactly as 2,000 do, in a third of the time (0.74 s vs
# 2.10 s for all 1,028, once lingua has loaded its models, a one-time 2.5 s per process).
SAMPLE_CHARS = 600


# lingua's high-accuracy mode adds models of 1- to 5-grams (330 MB for our candidates, 2.5 s to
# load); its low-accuracy mode uses trigrams only (23 MB) and, by lingua's own figures, is as
# good from about 120 characters on. Samples this long use it (the 10kGNAD articles and ours are
# decided identically); only short texts such as a bare headline load the large models.
LOW_ACCURACY_MIN_CHARS = 200


@functools.cache
def _detector(low_accuracy: bool = False) -> LanguageDetector:
    """Return this process's lingua detector of either mode (building it loads nothing yet)."""
    builder = LanguageDetectorBuilder.from_languages(*_CANDIDATES)
    if low_accuracy:
        builder = builder.with_low_accuracy_mode()
    return builder.build()


def detect_language(text: str) -> str | None:
    """Return the ISO 639-1 code ("de", "en", …) of `text`, or None when it has no letters or is undecidable."""
    sample = text[:SAMPLE_CHARS]
    if not any(char.isalpha() for char in sample):
        return None
    language = _detector(len(sample.strip()) >= LOW_ACCURACY_MIN_CHARS).detect_language_of(sample)
    if language is None:
        return None
    return language.iso_code_639_1.name.lower()
