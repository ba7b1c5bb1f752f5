"""Time expressions normalised against the document's published date (TIMEX3-style values)."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from claimgraph.model import Span, TimeExpr
from claimgraph.nlp.annotations import TimeMention
from claimgraph.nlp.lexicon import lexicon, split_words, words_regex

_FUTURE = {
    "de": re.compile(r"(?<!\w)(?:wird|werden|soll|sollen|will|wollen|plant|planen|kommende[nmrs]?|nächste[nmrs]?|geplant\w*|voraussichtlich)(?!\w)", re.I),
    "en": re.compile(r"(?<!\w)(?:will|would|plans?|planned|next|expected|scheduled|upcoming|coming|set to)(?!\w)", re.I),
}


@dataclass(frozen=True)
class Published:
    """The reference date: year, and month and day where known."""

    year: int
    month: int | None
    day: int | None

    @classmethod
    def parse(cls, value: str | None) -> Published | None:
        """Return the parsed ISO date, or None."""
        if not value:
            return None
        parts = [int(p) for p in value.split("-")]
        return cls(parts[0], parts[1] if len(parts) > 1 else None, parts[2] if len(parts) > 2 else None)

    def iso(self) -> str:
        """Return the date at its own precision."""
        out = f"{self.year:04d}"
        if self.month:
            out += f"-{self.month:02d}"
            if self.day:
                out += f"-{self.day:02d}"
        return out


_WORDS = re.compile(r"\w+")
_YEAR_WORDS = {
    "de": {"vergangenen": -1, "letzten": -1, "vorigen": -1, "dieses": 0, "diesen": 0, "kommenden": 1, "nächsten": 1},
    "en": {"last": -1, "next": 1, "this": 0},
}
_NAMED_YEAR = re.compile(r"(?<![\w.,/-])((?:1[89]|20)\d\d)(?![\w.,/-]\d)")


def _ym(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _shift_month(year: int, month: int, offset: int) -> tuple[int, int]:
    total = year * 12 + (month - 1) + offset
    return total // 12, total % 12 + 1


class TimeFinder:
    """Finds and normalises time expressions in one language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        data = lexicon(lang).times
        self.months = {str(k).lower(): int(v) for k, v in data["months"].items()}
        self.weekdays = {str(k).lower(): int(v) for k, v in data["weekdays"].items()}
        self.seasons = {str(k).lower(): (int(v[0]), int(v[1])) for k, v in data["seasons"].items()}
        self.now = {str(w).lower() for w in data["now"]}
        self.relative_rules = list(data["relative"])
        self.relative = re.compile(
            "|".join(rf"(?P<r{i}>(?<![\w-])(?:{r['pattern']})(?![\w]))" for i, r in enumerate(self.relative_rules)), re.I
        )
        cues = data["interval_cues"]
        self.after_cues = sorted((str(c).lower() for c in cues["after"]), key=len, reverse=True)
        self.before_cues = sorted((str(c).lower() for c in cues["before"]), key=len, reverse=True)
        month = "|".join(re.escape(m) for m in sorted(self.months, key=len, reverse=True))
        self.month_alt = month
        self.patterns = [
            ("numeric", re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?![\d])")),
            ("iso", re.compile(r"(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d])")),
            ("day_month", re.compile(rf"(?<![\w])(\d{{1,2}})\.?\s+({month})(?:\s+(\d{{4}}))?(?![\w])", re.I)),
            ("month_day", re.compile(rf"(?<![\w])({month})\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?(?![\w])", re.I)),
            ("month_of_year", re.compile(rf"(?<![\w])({month})\s+({'|'.join(_YEAR_WORDS[lang])})\s+(?:jahres|jahrs)(?![\w])" if lang == "de" else rf"(?<![\w])({'|'.join(_YEAR_WORDS[lang])})\s+({month})(?![\w])", re.I)),
            ("month", re.compile(rf"(?<![\w])({month})(?:\s+(\d{{4}}))?(?![\w])", re.I)),
            ("season", re.compile(rf"(?<![\w])({'|'.join(map(re.escape, self.seasons))})(?:\s+(\d{{4}}))?(?![\w])", re.I)),
            ("year", re.compile(r"(?<![\w.,\-/])(1[89]\d\d|20\d\d)(?![\w.,\-/]\d|\w)")),
            ("weekday", re.compile(rf"(?<![\w])({'|'.join(map(re.escape, self.weekdays))})(?![\w])", re.I)),
            ("now", words_regex(sorted(self.now))),
            ("yesterday", words_regex([str(w) for w in data["yesterday"]])),
            ("tomorrow", words_regex([str(w) for w in data["tomorrow"]])),
        ]
        self.units = lexicon(lang).units
        # One pass over the text: relative expressions first, then the patterns in priority order.
        alternatives = [f"(?P<r{i}>(?<![\\w-])(?:{r['pattern']})(?![\\w]))" for i, r in enumerate(self.relative_rules)]
        alternatives += [f"(?P<{kind}>{regex.pattern})" for kind, regex in self.patterns]
        self.union = re.compile("|".join(alternatives), re.I)
        self.by_kind = dict(self.patterns)
        words = [*self.months, *self.weekdays, *self.seasons, *self.now, *map(str, data.get("anchors") or [])]
        words += [str(w) for w in data["yesterday"]] + [str(w) for w in data["tomorrow"]]
        self.anchor_prefixes = frozenset(w.lower().rstrip(".")[:5] for w in words if w)

    def find(self, text: str, published: str | None, sentences: list[tuple[int, int]] | None = None) -> list[TimeMention]:
        """Return normalised time mentions in `text` (value None where it cannot be normalised)."""
        pub = Published.parse(published)
        taken: list[tuple[int, int]] = []
        out: list[TimeMention] = []

        def free(s: int, e: int) -> bool:
            return all(e <= a or s >= b for a, b in taken)

        for u in self._candidates(text):
            group = u.lastgroup or ""
            if group.startswith("r") and group[1:].isdigit():
                rule = self.relative_rules[int(group[1:])]
                value, start = self._interval(text, u.start(), self._relative(rule, pub))
                taken.append((start, u.end()))
                out.append(TimeMention(start, u.end(), self._with_span(value, text, start, u.end())))
                continue
            kind = group
            m = self.by_kind[kind].match(text, u.start())
            if m is None:
                continue
            if True:
                if not free(m.start(), m.end()):
                    continue
                if kind == "year" and self._counted(text, m.end()):
                    continue
                if kind in ("month", "weekday") and self.lang == "en" and m.group(0)[:1].islower():
                    continue  # "may" the modal verb, "march" the verb
                value = self._absolute(kind, m, pub, text)
                start = m.start()
                value, start = self._interval(text, start, value)
                taken.append((start, m.end()))
                out.append(TimeMention(start, m.end(), self._with_span(value, text, start, m.end())))
        out.sort(key=lambda t: t.start)
        return out

    def _candidates(self, text: str):  # type: ignore[no-untyped-def]
        """Matches of the union pattern near anchor words and day or year digits.

        Every pattern starts at a word, so the union is tried only at word starts within 40
        characters of an anchor: far cheaper than scanning every character."""
        words, lowered = split_words(text)
        prefixes = self.anchor_prefixes
        hot: list[int] = []
        for k, (w_start, w_end, word) in enumerate(words):
            if word[0].isdigit():
                if not (len(word) == 4 or (len(word) <= 2 and text[w_end : w_end + 1] in ".:/-")):
                    continue
            elif lowered[k][:5] not in prefixes:
                continue
            hot.append(w_start)
        if not hot:
            return
        starts = [w[0] for w in words]
        last_end = 0
        for anchor in hot:
            # a match begins at most ~45 characters before its anchor ("in den kommenden Monaten")
            for k in range(bisect.bisect_left(starts, anchor - 45), bisect.bisect_right(starts, anchor)):
                w_start = starts[k]
                if w_start < last_end or not words[k][2][0].isalnum():
                    continue
                m = self.union.match(text, w_start)
                if m is not None:
                    last_end = m.end()
                    yield m

    @staticmethod
    def _with_span(value: TimeExpr | None, text: str, start: int, end: int) -> TimeExpr | None:
        if value is None:
            return None
        return TimeExpr(value.value, value.after, value.before, Span(start, end, text[start:end]))

    def _counted(self, text: str, end: int) -> bool:
        """A year-like number followed by a counted noun is an amount ("2009 Menschen")."""
        nxt = re.match(r"\s+([\w-]+)", text[end : end + 40])
        return bool(nxt and self.units.category(nxt.group(1)) is not None)

    def _interval(self, text: str, start: int, value: TimeExpr | None) -> tuple[TimeExpr | None, int]:
        if value is not None and value.value is None:
            return value, start  # already an interval ("in den kommenden Monaten")
        before = text[max(0, start - 20) : start].lower()
        for cues, key in ((self.after_cues, "after"), (self.before_cues, "before")):
            for cue in cues:
                m = re.search(rf"(?<![\w]){re.escape(cue)}\s+(?:(?:dem|der|den|the|early|late|mid|anfang|mitte|ende)\s+)?$", before)
                if m is None and key == "after" and cue in ("seit", "since"):
                    # "seit Kriegsbeginn im Oktober 2023", "since the war began in April 2023"
                    wide = text[max(0, start - 110) : start].lower()
                    m2 = re.search(rf"(?<![\w]){cue}\s+(?:[\w-]+\s+){{1,12}}$", wide)
                    if m2 and not re.search(r"[,.;:]", wide[m2.start():]):
                        new_start = start - (len(wide) - m2.start())
                        if value is not None and value.value is not None:
                            return TimeExpr(after=value.value), new_start
                        return value, new_start
                if m:
                    new_start = start - (len(before) - m.start())
                    if value is None or value.value is None:
                        return value, new_start
                    if key == "after":
                        return TimeExpr(after=value.value), new_start
                    return TimeExpr(before=value.value), new_start
        return value, start

    def _future(self, text: str, pos: int) -> bool:
        left = max(text.rfind(",", 0, pos), text.rfind(".", 0, pos))
        right_candidates = [i for i in (text.find(",", pos), text.find(".", pos)) if i >= 0]
        right = min(right_candidates) if right_candidates else len(text)
        return bool(_FUTURE[self.lang].search(text[left + 1 : right]))

    def _month_year(self, month: int, pub: Published | None, text: str, pos: int) -> int | None:
        sentence_start = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos)) + 1
        named = _NAMED_YEAR.findall(text[max(sentence_start, pos - 300) : pos])
        if named and (pub is None or int(named[-1]) != pub.year):
            # "1939 … am 31. August": a year named shortly before anchors the date, not the article's
            return int(named[-1])
        if pub is None or pub.month is None:
            return None
        if self._future(text, pos):
            return pub.year if month >= pub.month else pub.year + 1
        return pub.year if month <= pub.month else pub.year - 1

    def _absolute(self, kind: str, m: re.Match[str], pub: Published | None, text: str) -> TimeExpr | None:
        if kind == "numeric":
            day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
            if year < 100:  # "1.9.39": the century that puts the date before the article
                limit = (pub.year % 100) + 1 if pub else 30
                year += 1900 if year > limit else 2000
            return _date(year, month, day)
        if kind == "iso":
            return _date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if kind in ("day_month", "month_day"):
            day_s, month_s = (m.group(1), m.group(2)) if kind == "day_month" else (m.group(2), m.group(1))
            month = self.months[month_s.lower()]
            year = int(m.group(3)) if m.group(3) else self._month_year(month, pub, text, m.start())
            return _date(year, month, int(day_s)) if year else None
        if kind == "month_of_year":
            # "im November vergangenen Jahres", "last November"
            words = (m.group(1), m.group(2)) if self.lang == "de" else (m.group(2), m.group(1))
            month = self.months[words[0].lower()]
            offset = _YEAR_WORDS[self.lang][words[1].lower()]
            if pub is None:
                return None
            if self.lang == "en" and offset == -1 and pub.month is not None and month < pub.month:
                offset = 0  # "last March" said in July is this year's March
            return TimeExpr(value=_ym(pub.year + offset, month))
        if kind == "month":
            month = self.months[m.group(1).lower()]
            year = int(m.group(2)) if m.group(2) else self._month_year(month, pub, text, m.start())
            return TimeExpr(value=_ym(year, month)) if year else None
        if kind == "season":
            first, last = self.seasons[m.group(1).lower()]
            year = int(m.group(2)) if m.group(2) else (pub.year if pub else None)
            if year is None:
                return None
            end_year = year + 1 if last < first else year
            return TimeExpr(after=_ym(year, first), before=_ym(end_year, last))
        if kind == "year":
            return TimeExpr(value=m.group(1))
        if kind == "now":
            return TimeExpr(value=pub.iso()) if pub else None
        if pub is None or pub.day is None or pub.month is None:
            return None
        ref = dt.date(pub.year, pub.month, pub.day)
        if kind == "yesterday":
            return TimeExpr(value=(ref - dt.timedelta(days=1)).isoformat())
        if kind == "tomorrow":
            return TimeExpr(value=(ref + dt.timedelta(days=1)).isoformat())
        if kind == "weekday":
            wd = self.weekdays[m.group(1).lower()]
            if self._future(text, m.start()):
                delta = (wd - ref.weekday()) % 7
                return TimeExpr(value=(ref + dt.timedelta(days=delta)).isoformat())
            delta = (ref.weekday() - wd) % 7
            return TimeExpr(value=(ref - dt.timedelta(days=delta)).isoformat())
        return None

    @staticmethod
    def _relative(rule: dict, pub: Published | None) -> TimeExpr | None:
        if pub is None:
            return None
        unit = rule.get("unit")
        interval = rule.get("interval")
        if interval:
            return TimeExpr(after=pub.iso()) if interval == "after" else TimeExpr(before=pub.iso())
        offset = int(rule.get("offset", 0))
        if unit == "year":
            return TimeExpr(value=f"{pub.year + offset:04d}")
        if unit == "month":
            if pub.month is None:
                return None
            y, mo = _shift_month(pub.year, pub.month, offset)
            return TimeExpr(value=_ym(y, mo))
        if unit == "week":
            if pub.month is None:
                return None
            if pub.day is None:
                return TimeExpr(value=_ym(pub.year, pub.month)) if offset == 0 else None
            ref = dt.date(pub.year, pub.month, pub.day) + dt.timedelta(weeks=offset)
            monday = ref - dt.timedelta(days=ref.weekday())
            sunday = monday + dt.timedelta(days=6)
            if monday.month == sunday.month:
                return TimeExpr(value=_ym(monday.year, monday.month))  # FORMAT has no weeks: the month
            return TimeExpr(after=monday.isoformat(), before=sunday.isoformat())
        return None


def _date(year: int, month: int, day: int) -> TimeExpr | None:
    try:
        return TimeExpr(value=dt.date(year, month, day).isoformat())
    except ValueError:
        return None


class TimeRecognizer:
    """Sets `doc._.cg_times` from `doc._.cg_published`."""

    def __init__(self, lang: str) -> None:
        self.finder = TimeFinder(lang)

    def __call__(self, doc: Doc) -> Doc:
        doc._.cg_times = self.finder.find(doc._.cg_text, doc._.cg_published)
        return doc


@Language.factory("claimgraph_times", assigns=["doc._.cg_times"])
def make_time_recognizer(nlp: Language, name: str) -> TimeRecognizer:
    """Return the time recognizer for the pipeline's language."""
    return TimeRecognizer(nlp.lang)
