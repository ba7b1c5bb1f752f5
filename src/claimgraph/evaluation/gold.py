"""Load and validate gold annotation files (FORMAT.md) into frozen dataclasses.

Every problem raises `GoldFormatError` naming the file and the field path, e.g.
`seed.json: claims[2].quantity.min: expected a number or null, got "x"`. Keys the format does
not define are ignored anywhere.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimgraph.errors import GoldFormatError
from claimgraph.model.document import check_published
from claimgraph.model.records import CLAIM_KINDS, ENTITY_TYPES, MODALITIES, SOURCE_KINDS

TIME_KEYS = ("value", "after", "before")


@dataclass(frozen=True, slots=True)
class GoldDoc:
    """The article a gold file describes: its `path` (relative to the project root) or `text`."""

    path: str | None
    text: str | None
    lang: str | None
    published: str | None
    url: str | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class GoldEntity:
    """An entity the article names; `names` holds every accepted canonical name."""

    names: tuple[str, ...]
    type: str
    optional: bool = False


@dataclass(frozen=True, slots=True)
class GoldQuantity:
    """An amount; `units` is None when gold gives no `unit` (then the unit is not scored)."""

    min: float | None
    max: float | None
    units: tuple[str, ...] | None


@dataclass(frozen=True, slots=True)
class GoldSource:
    """One link of an attribution chain; `names` is None when gold gives no name."""

    names: tuple[str, ...] | None
    country: str | None
    kind: str | None


@dataclass(frozen=True, slots=True)
class GoldClaim:
    """A claim an analyst extracts. For `actor`, `target` and `time` the `has_*` flag says
    whether the key was present: absent = not scored, present and null = must be none."""

    id: str
    kinds: tuple[str, ...]
    evidence: str
    actor: tuple[str, ...] | None = None
    has_actor: bool = False
    target: tuple[str, ...] | None = None
    has_target: bool = False
    quantity: GoldQuantity | None = None
    time: dict[str, str] | None = None
    has_time: bool = False
    sources: tuple[GoldSource, ...] | None = None
    sources_also: tuple[GoldSource, ...] = ()
    modality: tuple[str, ...] | None = None
    optional: bool = False
    sources_optional: bool = False


@dataclass(frozen=True, slots=True)
class GoldQuote:
    """A direct quote; `speakers` None means unattributed (`has_speaker` False: not scored)."""

    text: str
    speakers: tuple[str, ...] | None = None
    has_speaker: bool = True
    optional: bool = False


@dataclass(frozen=True, slots=True)
class GoldFile:
    """One validated gold file: the document, its entities, claims and quotes."""

    name: str
    path: Path | None
    doc: GoldDoc
    entities: tuple[GoldEntity, ...]
    claims: tuple[GoldClaim, ...]
    quotes: tuple[GoldQuote, ...]


def load_gold(path: Path | str) -> GoldFile:
    """Return the validated gold file at `path`; raise GoldFormatError on any problem."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise GoldFormatError(f"{path.name}: cannot read gold file: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise GoldFormatError(f"{path.name}: not UTF-8 text: {exc.reason}") from exc
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise GoldFormatError(
            f"{path.name}: invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from exc
    return parse_gold(data, name=path.stem, filename=path.name, path=path)


def load_gold_dir(paths: Iterable[Path | str]) -> list[GoldFile]:
    """Return the gold files at `paths`, in order; a folder stands for its `*.json`, sorted."""
    files: list[Path] = []
    for entry in map(Path, paths):
        if entry.is_dir():
            found = sorted(entry.glob("*.json"))
            if not found:
                raise GoldFormatError(f"{entry}: no *.json gold files in this folder")
            files.extend(found)
        elif entry.is_file():
            files.append(entry)
        else:
            raise GoldFormatError(f"{entry}: no such gold file or folder")
    return [load_gold(f) for f in files]


def parse_gold(data: Any, *, name: str, filename: str, path: Path | None = None) -> GoldFile:
    """Return a GoldFile built from decoded JSON `data`; errors are reported against `filename`."""
    root = _Field(filename, "")
    top = root.mapping(data)
    doc = _doc(root.key("doc"), top)
    entities = [_entity(f, v) for f, v in root.key("entities").items(top.get("entities"))]
    claims = [_claim(f, v, i) for i, (f, v) in enumerate(root.key("claims").items(top.get("claims")))]
    quotes = [_quote(f, v) for f, v in root.key("quotes").items(top.get("quotes"))]
    seen: set[str] = set()
    for i, claim in enumerate(claims):
        if claim.id in seen:
            raise root.key("claims").index(i).key("id").fail(f"duplicate claim id {claim.id!r}")
        seen.add(claim.id)
    return GoldFile(name, path, doc, tuple(entities), tuple(claims), tuple(quotes))


class _Field:
    """Where a value sits in a gold file, so every error can name the file and the field."""

    def __init__(self, filename: str, where: str) -> None:
        self.filename = filename
        self.where = where

    def key(self, name: str) -> _Field:
        return _Field(self.filename, f"{self.where}.{name}" if self.where else name)

    def index(self, i: int) -> _Field:
        return _Field(self.filename, f"{self.where}[{i}]")

    def fail(self, message: str) -> GoldFormatError:
        where = f"{self.where}: " if self.where else ""
        return GoldFormatError(f"{self.filename}: {where}{message}")

    def expected(self, what: str, value: Any) -> GoldFormatError:
        return self.fail(f"expected {what}, got {_show(value)}")

    def mapping(self, value: Any) -> Mapping[str, Any]:
        if not isinstance(value, dict):
            raise self.expected("an object", value)
        return value

    def items(self, value: Any) -> list[tuple[_Field, Any]]:
        """A list (absent or null: empty) paired with the field of each item."""
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.expected("a list", value)
        return [(self.index(i), item) for i, item in enumerate(value)]

    def text(self, value: Any, *, nullable: bool = False) -> str | None:
        if value is None and nullable:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.expected("a non-empty string" + (" or null" if nullable else ""), value)
        return value

    def flag(self, value: Any) -> bool:
        if value is None:
            return False
        if not isinstance(value, bool):
            raise self.expected("true or false", value)
        return value

    def number(self, value: Any) -> float | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.expected("a number or null", value)
        return float(value)

    def names(self, value: Any) -> tuple[str, ...]:
        """A name or a non-empty list of accepted names."""
        if isinstance(value, str) and value.strip():
            return (value,)
        if isinstance(value, list) and value:
            return tuple(self.index(i).text(v) or "" for i, v in enumerate(value))
        raise self.expected("a name or a non-empty list of names", value)

    def choice(self, value: Any, allowed: tuple[str, ...], what: str) -> str:
        """One value of `allowed` (no list)."""
        if value not in allowed:
            raise self.fail(f"unknown {what} {_show(value)} (expected one of {', '.join(allowed)})")
        return str(value)

    def choices(self, value: Any, allowed: tuple[str, ...], what: str) -> tuple[str, ...]:
        """A value of `allowed`, or a non-empty list of them."""
        values = value if isinstance(value, list) and value else [value]
        for i, item in enumerate(values):
            here = self.index(i) if isinstance(value, list) else self
            if item not in allowed:
                raise here.fail(f"unknown {what} {_show(item)} (expected one of {', '.join(allowed)})")
        return tuple(values)


def _doc(field: _Field, top: Mapping[str, Any]) -> GoldDoc:
    data = field.mapping(top.get("doc"))
    path = field.key("path").text(data.get("path"), nullable=True)
    text = data.get("text")
    if text is not None and not isinstance(text, str):
        raise field.key("text").expected("a string", text)
    if path is None and text is None:
        raise field.fail("needs `path` (relative to the project root) or `text`")
    published = data.get("published")
    if published is not None and not isinstance(published, str):
        raise field.key("published").expected("YYYY, YYYY-MM, YYYY-MM-DD or null", published)
    try:
        published = check_published(published)
    except ValueError as exc:
        raise field.key("published").fail(str(exc)) from exc
    return GoldDoc(
        path=path,
        text=text,
        lang=field.key("lang").text(data.get("lang"), nullable=True),
        published=published,
        url=field.key("url").text(data.get("url"), nullable=True),
        title=field.key("title").text(data.get("title"), nullable=True),
    )


def _entity(field: _Field, value: Any) -> GoldEntity:
    data = field.mapping(value)
    kind = field.key("type").choice(data.get("type"), ENTITY_TYPES, "entity type")
    return GoldEntity(
        names=field.key("name").names(data.get("name")),
        type=kind,
        optional=field.key("optional").flag(data.get("optional")),
    )


def _claim(field: _Field, value: Any, index: int) -> GoldClaim:
    data = field.mapping(value)
    claim_id = data.get("id", f"claims[{index}]")
    if isinstance(claim_id, int) and not isinstance(claim_id, bool):
        claim_id = str(claim_id)
    evidence = field.key("evidence").text(data.get("evidence")) or ""
    modality = data.get("modality")
    return GoldClaim(
        id=field.key("id").text(claim_id) or "",
        kinds=field.key("kind").choices(data.get("kind"), CLAIM_KINDS, "claim kind"),
        evidence=evidence,
        actor=_optional_names(field.key("actor"), data.get("actor")),
        has_actor="actor" in data,
        target=_optional_names(field.key("target"), data.get("target")),
        has_target="target" in data,
        quantity=_quantity(field.key("quantity"), data["quantity"]) if "quantity" in data else None,
        time=_time(field.key("time"), data.get("time")),
        has_time="time" in data,
        sources=_sources(field.key("sources"), data["sources"]) if "sources" in data else None,
        sources_also=_sources(field.key("sources_also"), data.get("sources_also")),
        modality=(
            field.key("modality").choices(modality, MODALITIES, "modality") if "modality" in data else None
        ),
        optional=field.key("optional").flag(data.get("optional")),
        sources_optional=field.key("sources_optional").flag(data.get("sources_optional")),
    )


def _optional_names(field: _Field, value: Any) -> tuple[str, ...] | None:
    return None if value is None else field.names(value)


def _quantity(field: _Field, value: Any) -> GoldQuantity | None:
    if value is None:  # `"quantity": null`: the claim has no number, as if omitted
        return None
    data = field.mapping(value)
    lo = field.key("min").number(data.get("min"))
    hi = field.key("max").number(data.get("max"))
    if lo is not None and hi is not None and lo > hi:
        raise field.fail(f"min {_show(data.get('min'))} is greater than max {_show(data.get('max'))}")
    units = None
    if "unit" in data and data["unit"] is not None:
        units = field.key("unit").names(data["unit"])
    return GoldQuantity(lo, hi, units)


def _time(field: _Field, value: Any) -> dict[str, str] | None:
    if value is None:
        return None
    data = field.mapping(value)
    time = {key: field.key(key).text(data[key]) or "" for key in TIME_KEYS if data.get(key) is not None}
    if not time:
        raise field.fail("expected at least one of value, after, before")
    return time


def _sources(field: _Field, value: Any) -> tuple[GoldSource, ...]:
    return tuple(_source(f, v) for f, v in field.items(value))


def _source(field: _Field, value: Any) -> GoldSource:
    data = field.mapping(value)
    kind = data.get("kind")
    if kind is not None:
        kind = field.key("kind").choice(kind, SOURCE_KINDS, "source kind")
    source = GoldSource(
        names=_optional_names(field.key("name"), data.get("name")),
        country=field.key("country").text(data.get("country"), nullable=True),
        kind=kind,
    )
    if source.names is None and source.kind is None:
        raise field.fail("a source needs a `name` or a `kind`")
    return source


def _quote(field: _Field, value: Any) -> GoldQuote:
    data = field.mapping(value)
    return GoldQuote(
        text=field.key("text").text(data.get("text")) or "",
        speakers=_optional_names(field.key("speaker"), data.get("speaker")),
        has_speaker="speaker" in data,
        optional=field.key("optional").flag(data.get("optional")),
    )


def _show(value: Any) -> str:
    """A JSON rendering of a bad value for an error message, shortened."""
    shown = json.dumps(value, ensure_ascii=False)
    return shown if len(shown) <= 60 else shown[:57] + "..."
