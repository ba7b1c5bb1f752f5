"""A static check for regular expressions that can backtrack catastrophically, and a collector of
every pattern claimgraph compiles (in its source and at run time from its YAML data).

The check looks for the shape behind exponential backtracking: a repeated group whose body can
match one string in more than one way across iterations. For a repeat (`*`, `+`, `{m,n}` with
n > 1) whose body is not of fixed shape (it contains a repeat of variable count or an
alternation) it requires that

* the body cannot match the empty string (`(a*)*`), and
* no character can both end one iteration and start the next (`(\\w+\\s?)+`, `(a+)+`), so
  where an iteration ends is decided by the text, not by trying.

Character sets are compared on a probe alphabet (ASCII, Latin letters with diacritics, typographic
quotes and dashes, Unicode spaces, other scripts' digits and letters, emoji).
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

try:  # Python 3.11+
    from re import _constants as sre_constants  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

C = sre_constants
PROBE = (
    [chr(c) for c in range(0x20, 0x7F)]
    + list("\t\n\r\x0b\x0c\x00\x85")
    + list("äöüÄÖÜßéèêçñøåÉłśžčİı")
    + list("„“”«»‘’‚‹›–—…·•§°€$£%‰")
    + list("\u00a0\u2009\u202f\u3000\u200b\u200e\u200f\u202e\ufeff")
    + list("٣३αβΩЖжאب中😀\u0301")
)
_POSSESSIVE = getattr(C, "POSSESSIVE_REPEAT", None)
_REPEATS = tuple(op for op in (C.MAX_REPEAT, C.MIN_REPEAT, _POSSESSIVE) if op is not None)
_CATEGORY_PATTERNS = {
    C.CATEGORY_DIGIT: r"\d",
    C.CATEGORY_NOT_DIGIT: r"\D",
    C.CATEGORY_SPACE: r"\s",
    C.CATEGORY_NOT_SPACE: r"\S",
    C.CATEGORY_WORD: r"\w",
    C.CATEGORY_NOT_WORD: r"\W",
}


@dataclass(frozen=True)
class Finding:
    """One repeat in one pattern that can backtrack catastrophically."""

    pattern: str
    problem: str


def _fold(chars: set[str]) -> set[str]:
    return chars | {c.lower() for c in chars} | {c.upper() for c in chars if len(c.upper()) == 1}


class _Analyser:
    def __init__(self, pattern: str, flags: int) -> None:
        self.pattern = pattern
        self.flags = flags
        self.ignore_case = bool(flags & re.IGNORECASE)
        self.dotall = bool(flags & re.DOTALL)
        self.findings: list[Finding] = []

    # --- character sets on the probe alphabet ---------------------------------------------------
    def _category(self, code: Any) -> set[str]:
        regex = _CATEGORY_PATTERNS.get(code)
        if regex is None:
            return set(PROBE)
        compiled = re.compile(regex)
        return {c for c in PROBE if compiled.match(c)}

    def _in_set(self, items: list[tuple[Any, Any]]) -> set[str]:
        chars: set[str] = set()
        negate = False
        for op, av in items:
            if op is C.NEGATE:
                negate = True
            elif op in (C.LITERAL,):
                chars.add(chr(av))
            elif op in (C.RANGE, getattr(C, "RANGE_UNI_IGNORE", C.RANGE)):
                chars |= {c for c in PROBE if av[0] <= ord(c) <= av[1]}
            elif op is C.CATEGORY:
                chars |= self._category(av)
            else:
                chars |= set(PROBE)
        if self.ignore_case:
            chars = _fold(chars)
        return set(PROBE) - chars if negate else chars

    def _leaf(self, op: Any, av: Any) -> set[str] | None:
        """Return the characters a single-character node matches, None when the node is not one."""
        if op is C.LITERAL:
            return _fold({chr(av)}) if self.ignore_case else {chr(av)}
        if op is C.NOT_LITERAL:
            return set(PROBE) - (_fold({chr(av)}) if self.ignore_case else {chr(av)})
        if op is C.ANY:
            return set(PROBE) if self.dotall else set(PROBE) - {"\n"}
        if op is C.IN:
            return self._in_set(av)
        if op is C.CATEGORY:
            return self._category(av)
        if op is C.GROUPREF:
            return set(PROBE)
        return None

    # --- structure ------------------------------------------------------------------------------
    def _children(self, op: Any, av: Any) -> list[Any]:
        """Return the sub-sequences of a compound node."""
        if op in _REPEATS:
            return [av[2]]
        if op is C.SUBPATTERN:
            return [av[-1]]
        if op is C.BRANCH:
            return list(av[1])
        if op is getattr(C, "ATOMIC_GROUP", None):
            return [av]
        if op is C.GROUPREF_EXISTS:
            return [branch for branch in av[1:] if branch is not None]
        return []

    def first(self, seq: Any) -> tuple[set[str], bool]:
        """Return the characters a match of `seq` can start with, and whether it can be empty."""
        out: set[str] = set()
        for op, av in seq:
            leaf = self._leaf(op, av)
            if leaf is not None:
                return out | leaf, False
            if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
                continue
            chars, nullable = self._node(op, av, self.first)
            out |= chars
            if not nullable:
                return out, False
        return out, True

    def last(self, seq: Any) -> tuple[set[str], bool]:
        """Return the characters a match of `seq` can end with, and whether it can be empty."""
        out: set[str] = set()
        for op, av in reversed(list(seq)):
            leaf = self._leaf(op, av)
            if leaf is not None:
                return out | leaf, False
            if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
                continue
            chars, nullable = self._node(op, av, self.last)
            out |= chars
            if not nullable:
                return out, False
        return out, True

    def _node(self, op: Any, av: Any, edge: Any) -> tuple[set[str], bool]:
        if op in _REPEATS:
            chars, nullable = edge(av[2])
            return chars, nullable or av[0] == 0
        if op is C.BRANCH:
            chars: set[str] = set()
            nullable = False
            for branch in av[1]:
                c, n = edge(branch)
                chars |= c
                nullable = nullable or n
            return chars, nullable
        children = self._children(op, av)
        if op is C.GROUPREF_EXISTS:
            chars = set()
            for child in children:
                chars |= edge(child)[0]
            return chars, True
        if children:
            return edge(children[0])
        return set(PROBE), True

    def variable(self, seq: Any) -> bool:
        """Return True when `seq` can match strings of different shapes (a variable repeat or alternation)."""
        for op, av in seq:
            if op in (C.ASSERT, C.ASSERT_NOT):
                continue
            if op in _REPEATS and av[0] != av[1]:
                return True
            if op is C.GROUPREF_EXISTS or (op is C.BRANCH and not self._deterministic(av[1])):
                return True
            if any(self.variable(child) for child in self._children(op, av)):
                return True
        return False

    def _deterministic(self, branches: list[Any]) -> bool:
        """Return True when alternatives all have one fixed width and no two can start with the same character."""
        widths = {branch.getwidth() for branch in branches}
        if len(widths) != 1 or len(set(next(iter(widths)))) != 1 or any(self.variable(b) for b in branches):
            return False
        starts = [self.first(branch)[0] for branch in branches]
        return all(not (a & b) for i, a in enumerate(starts) for b in starts[i + 1 :])

    def check(self, seq: Any) -> None:
        """Record a finding for every unsafe repeat in `seq` (recursively); possessive repeats never backtrack."""
        for op, av in seq:
            if op in _REPEATS and op is not _POSSESSIVE and av[1] > 1:
                body = av[2]
                if self.variable(body) or av[0] != av[1]:
                    self._check_repeat(body)
            for child in self._children(op, av):
                self.check(child)

    def _alternatives(self, body: Any) -> list[Any] | None:
        """Return the alternatives when `body` is one alternation (maybe in a group), else None."""
        items = [(op, av) for op, av in body if op not in (C.AT, C.ASSERT, C.ASSERT_NOT)]
        if len(items) != 1:
            return None
        op, av = items[0]
        if op is C.BRANCH:
            return list(av[1])
        if op is C.SUBPATTERN:
            return self._alternatives(av[-1])
        return None

    def _literal(self, seq: Any) -> str | None:
        chars = []
        for op, av in seq:
            if op is not C.LITERAL:
                return None
            chars.append(chr(av))
        text = "".join(chars)
        return text.lower() if self.ignore_case else text

    def _check_repeat(self, body: Any) -> None:
        start, empty = self.first(body)
        if empty:
            self.findings.append(Finding(self.pattern, "a repeated group can match the empty string"))
            return
        if not self.variable(body):
            return
        alternatives = self._alternatives(body)
        if alternatives is not None:
            words = [self._literal(alternative) for alternative in alternatives]
            if all(word is not None for word in words):
                split = ambiguous_concatenation([w for w in words if w is not None])
                if split:
                    self.findings.append(
                        Finding(self.pattern, f"repeated alternatives can spell one string in two ways ({split!r})")
                    )
                    return
            else:
                starts = [self.first(alternative)[0] for alternative in alternatives]
                if any(a & b for i, a in enumerate(starts) for b in starts[i + 1 :]):
                    self.findings.append(Finding(self.pattern, "repeated alternatives can start alike"))
                    return
        end, _ = self.last(body)
        shared = start & end
        if shared:
            sample = "".join(sorted(shared)[:8])
            self.findings.append(
                Finding(self.pattern, f"a repeated group can end and start with the same character ({sample!r})")
            )


def ambiguous_concatenation(words: list[str]) -> str | None:
    """Return a word that a sequence of `words` can spell in two ways, else None (Sardinas-Patterson)."""
    code = set(words)
    dangling = {u[len(v) :] for u in code for v in code if u != v and u.startswith(v)}
    seen: set[str] = set()
    while dangling - seen:
        if dangling & code:
            return min(dangling & code)
        seen |= dangling
        dangling = {u[len(d) :] for d in dangling for u in code if u.startswith(d) and u != d} | {
            d[len(u) :] for d in dangling for u in code if d.startswith(u) and d != u
        }
    return None


def audit(pattern: str | bytes, flags: int = 0) -> list[Finding]:
    """Return the catastrophic-backtracking findings for one pattern."""
    text = pattern.decode("latin-1") if isinstance(pattern, bytes) else pattern
    parsed = sre_parse.parse(text, flags & ~re.ASCII if isinstance(pattern, bytes) else flags)
    analyser = _Analyser(text, flags | parsed.state.flags)
    analyser.check(parsed)
    return analyser.findings


# --- collecting the project's patterns -------------------------------------------------------------
_RE_FUNCTIONS = frozenset({"compile", "search", "match", "fullmatch", "sub", "subn", "findall", "finditer", "split"})


def _literal_flags(node: ast.Call) -> int:
    candidates = [kw.value for kw in node.keywords if kw.arg == "flags"]
    position = {"compile": 1, "search": 2, "match": 2, "fullmatch": 2, "findall": 2, "finditer": 2,
                "split": 3, "sub": 4, "subn": 4}[node.func.attr]  # type: ignore[attr-defined]
    if len(node.args) > position:
        candidates.append(node.args[position])
    for candidate in candidates:
        try:
            return int(eval(compile(ast.Expression(candidate), "<flags>", "eval"), {"re": re}))
        except Exception:
            return 0
    return 0


def source_patterns(root: Path) -> Iterator[tuple[str | bytes, int, str]]:
    """Yield (pattern, flags, where) for every `re.<function>("literal", …)` call under `root`."""
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "re"
                and node.func.attr in _RE_FUNCTIONS
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, (str, bytes))
            ):
                yield node.args[0].value, _literal_flags(node), f"{path.name}:{node.lineno}"


def _walk(value: Any, depth: int, seen: set[int]) -> Iterator[re.Pattern[Any]]:
    if id(value) in seen or depth < 0:
        return
    seen.add(id(value))
    if isinstance(value, re.Pattern):
        yield value
        return
    if isinstance(value, (str, bytes, int, float, bool, type(None), type)):
        return
    if isinstance(value, dict):
        children: list[Any] = list(value.values())
    elif isinstance(value, (list, tuple, set, frozenset)):
        children = list(value)
    elif not type(value).__module__.startswith("claimgraph"):
        return  # modules, functions and third-party objects hold patterns that are not ours
    else:
        children = list(getattr(value, "__dict__", {}).values())
        for slot in getattr(type(value), "__slots__", ()):
            children.append(getattr(value, slot, None))
    for child in children:
        yield from _walk(child, depth - 1, seen)


def runtime_patterns() -> list[re.Pattern[Any]]:
    """Return every compiled pattern reachable from claimgraph's modules, lexicons and pipeline components."""
    import claimgraph
    from claimgraph.nlp.lexicon import LANGUAGES, lexicon
    from claimgraph.nlp.pipeline import pipeline

    roots: list[Any] = []
    for info in pkgutil.walk_packages(claimgraph.__path__, "claimgraph."):
        try:
            module = importlib.import_module(info.name)
        except ImportError:  # an optional extra that is not installed
            continue
        roots.append({k: v for k, v in vars(module).items() if not k.startswith("__")})
    for lang in LANGUAGES:
        roots.append(lexicon(lang))
        roots.append([component for _, component in pipeline(lang).pipeline])
    seen: set[int] = set()
    found: dict[tuple[Any, int], re.Pattern[Any]] = {}
    for root in roots:
        for compiled in _walk(root, 6, seen):
            found.setdefault((compiled.pattern, compiled.flags), compiled)
    return list(found.values())
