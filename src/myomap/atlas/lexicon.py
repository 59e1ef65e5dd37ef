"""The lay vocabulary of the atlas: the words people use for regions, findings and modifiers.

The lexicon lives in ``data/lexicon/`` beside the rest of the atlas and is reviewed like any
other fact. Three files::

    regions.yaml     [{region: <base region id>, terms: [...], note: ...}, ...]
    findings.yaml    [{finding: <finding id>, terms: [...], note: ...}, ...]
    modifiers.yaml   side words, intensity words, sex words, ConText triggers

A *term* is a short pattern of words, matched in order against the words of a clause:

- words are compared after lower-casing and light stemming, so ``hurts`` matches ``hurt``;
- ``a|b`` accepts either word; a trailing ``*`` accepts any word that starts so (``numb*``);
- up to ``GAP`` other words may stand between two words of a term, so ``top of thigh front``
  matches "the top of my thigh at the front";
- ``...`` between two words lets up to ``FAR_GAP`` words and commas stand there, within one
  sentence and with no negation word among them: ``headache ... never had before`` matches
  "a dull headache, a kind I've never had before" (for signs told across a clause).

``read_lexicon`` reads the files; the cross-file rules (unknown ids, one term mapped to two
different things) are MYO040… in ``check.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from myomap.atlas.paths import DEFAULT_ROOT
from myomap.atlas.raw import SAFE_LOADER, Problem, RawAtlas

__all__ = [
    "FAR",
    "FAR_GAP",
    "GAP",
    "LEXICON_RULES",
    "ContextRule",
    "FindingTerms",
    "Intensity",
    "Lexicon",
    "Modifiers",
    "RegionTerms",
    "SideWord",
    "default_lexicon",
    "lexicon_problems",
    "normalise_term",
    "read_lexicon",
]

GAP = 3
"""How many other words may stand between two consecutive words of a term."""

FAR = "..."
"""A term word that widens the gap before the next word to ``FAR_GAP``."""

FAR_GAP = 12
"""How many other words may stand at a ``...`` of a term (one sentence, commas allowed)."""


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RegionTerms(_Record):
    """Lay words for one region (a base id: the side comes from side words)."""

    region: str
    terms: list[str] = Field(min_length=1)
    note: str = Field(default="", description="why a term means this region, when not obvious")


class FindingTerms(_Record):
    """Lay wordings of one yes/no finding."""

    finding: str
    terms: list[str] = Field(min_length=1)
    note: str = Field(default="", description="why a wording means this finding, when not obvious")


class Intensity(_Record):
    """Words that put a rough number (0–10) on pain."""

    value: int = Field(ge=1, le=10)
    terms: list[str] = Field(min_length=1)


SideWord = Literal["right", "left", "both", "same", "opposite"]
Target = Literal["finding", "region"]


class ContextRule(_Record):
    """A ConText trigger: words that negate, hedge or end the scope of nearby findings, or
    say they belong to someone else (``experiencer``: "my mum had cancer").

    ``direction`` says which way the scope runs from the trigger: ``forward`` (``no …``),
    ``backward`` (``… is fine``). ``targets`` says what it can negate: findings only, or
    regions too (``no pain in the knee`` marks the knee as not painful).
    """

    category: Literal["negation", "uncertainty", "experiencer", "pseudo", "termination"]
    direction: Literal["forward", "backward"] = "forward"
    targets: list[Target] = Field(default_factory=lambda: list[Target](["finding"]))
    terms: list[str] = Field(min_length=1)
    note: str = ""


class Modifiers(_Record):
    """Side, intensity, sex and ConText words (modifiers.yaml)."""

    side: dict[SideWord, list[str]]
    intensity: list[Intensity]
    sex: dict[Literal["female", "male"], list[str]]
    context: list[ContextRule]
    window: int = Field(default=6, ge=1, description="how many words a ConText scope spans")
    causes: dict[str, list[str]] = Field(
        default_factory=dict,
        description="finding id -> everyday causes (single words): the finding is not read in "
        "a sentence that names one ('dripping with sweat after spin class')",
    )


@dataclass(frozen=True)
class Lexicon:
    """The whole lay vocabulary."""

    regions: list[RegionTerms] = field(default_factory=list)
    findings: list[FindingTerms] = field(default_factory=list)
    modifiers: Modifiers | None = None

    @property
    def empty(self) -> bool:
        return not self.regions and not self.findings and self.modifiers is None


def normalise_term(term: str) -> str:
    """A term in the form used to compare two terms: lower case, single spaces."""
    return " ".join(term.lower().replace("’", "'").split())


def _load(path: Path, problems: list[tuple[str, str]]) -> object:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except (OSError, yaml.YAMLError) as exc:
        problems.append((path.name, f"cannot read: {exc}"))
        return None


def _entries(
    path: Path, model: type[RegionTerms] | type[FindingTerms], problems: list[tuple[str, str]]
) -> list[RegionTerms] | list[FindingTerms]:
    data = _load(path, problems) if path.is_file() else []
    if data is None:
        return []
    if not isinstance(data, list):
        problems.append((path.name, "expected a list of entries"))
        return []
    out: list[RegionTerms | FindingTerms] = []
    for index, item in enumerate(data):
        try:
            out.append(model.model_validate(item))
        except ValidationError as exc:
            first = exc.errors()[0]
            loc = ".".join(str(p) for p in first["loc"])
            problems.append((path.name, f"entry {index + 1}: {loc}: {first['msg']}"))
    return out  # type: ignore[return-value]


def read_lexicon(root: Path) -> tuple[Lexicon, list[tuple[str, str]]]:
    """Read ``root/lexicon`` (absent: an empty lexicon); problems are (file, message)."""
    folder = root / "lexicon"
    problems: list[tuple[str, str]] = []
    if not folder.is_dir():
        return Lexicon(), problems
    regions = _entries(folder / "regions.yaml", RegionTerms, problems)
    findings = _entries(folder / "findings.yaml", FindingTerms, problems)
    modifiers: Modifiers | None = None
    path = folder / "modifiers.yaml"
    if path.is_file():
        data = _load(path, problems)
        if data is not None:
            try:
                modifiers = Modifiers.model_validate(data)
            except ValidationError as exc:
                for err in exc.errors():
                    loc = ".".join(str(p) for p in err["loc"])
                    problems.append((path.name, f"{loc}: {err['msg']}"))
    lexicon = Lexicon(
        regions=[r for r in regions if isinstance(r, RegionTerms)],
        findings=[f for f in findings if isinstance(f, FindingTerms)],
        modifiers=modifiers,
    )
    return lexicon, problems


@lru_cache(maxsize=4)
def default_lexicon(root: Path | None = None) -> Lexicon:
    """The lexicon of the atlas at ``root`` (default: the built-in one), read once."""
    lexicon, _problems = read_lexicon(root or DEFAULT_ROOT)
    return lexicon


# --- rules: MYO040… (listed in check.RULES, run by check.check) -------------------------

LEXICON_RULES: dict[str, str] = {
    "MYO040": "a lexicon entry names a region or finding that is not in the atlas",
    "MYO041": "one lay term is given for two different regions, findings, sides or intensities",
    "MYO042": "a lexicon file does not match its schema, or a term is empty or uses characters "
    "other than letters, digits, spaces, apostrophes, hyphens, bars and stars",
    "MYO043": "a red-flag finding has no lay term, so a description could never raise it",
}

_TERM = re.compile(r"^[a-z0-9' |*\-]+$")


def lexicon_problems(raw: RawAtlas) -> list[Problem]:
    """Problems of the lexicon in ``raw.root/lexicon`` (none when the folder is absent)."""
    if not (raw.root / "lexicon").is_dir():
        return []
    lexicon, read = read_lexicon(raw.root)
    out = [Problem("MYO042", message, f"lexicon/{name}") for name, message in read]
    out += _unknown_ids(raw, lexicon)
    out += _clashes(lexicon)
    out += _bad_terms(lexicon)
    out += _silent_red_flags(raw, lexicon)
    return out


def _unknown_ids(raw: RawAtlas, lexicon: Lexicon) -> list[Problem]:
    regions = {s.record.id for s in raw.regions}
    findings = {f.record.id for f in raw.findings}
    out = [
        Problem("MYO040", f"terms for unknown region {e.region!r}", "lexicon/regions.yaml")
        for e in lexicon.regions
        if e.region not in regions
    ]
    out += [
        Problem("MYO040", f"terms for unknown finding {e.finding!r}", "lexicon/findings.yaml")
        for e in lexicon.findings
        if e.finding not in findings
    ]
    causes = lexicon.modifiers.causes if lexicon.modifiers is not None else {}
    out += [
        Problem("MYO040", f"everyday causes for unknown finding {f!r}", "lexicon/modifiers.yaml")
        for f in causes
        if f not in findings
    ]
    return out


def _owners(lexicon: Lexicon) -> list[tuple[str, str, str, str]]:
    """(file, kind, owner, term) for every term of the lexicon."""
    rows = [("regions.yaml", "region", e.region, t) for e in lexicon.regions for t in e.terms]
    rows += [("findings.yaml", "finding", e.finding, t) for e in lexicon.findings for t in e.terms]
    if lexicon.modifiers is not None:
        mods = lexicon.modifiers
        rows += [("modifiers.yaml", "side", s, t) for s, ts in mods.side.items() for t in ts]
        rows += [
            ("modifiers.yaml", "intensity", str(i.value), t)
            for i in mods.intensity
            for t in i.terms
        ]
    return rows


def _clashes(lexicon: Lexicon) -> list[Problem]:
    seen: dict[tuple[str, str], str] = {}
    out: list[Problem] = []
    for file, kind, owner, term in _owners(lexicon):
        key = (kind, normalise_term(term))
        first = seen.setdefault(key, owner)
        if first != owner:
            out.append(
                Problem(
                    "MYO041",
                    f"the {kind} term {term!r} is given for both {first!r} and {owner!r}",
                    f"lexicon/{file}",
                )
            )
    return out


def _bad_terms(lexicon: Lexicon) -> list[Problem]:
    rows = _owners(lexicon)
    if lexicon.modifiers is not None:
        rows += [
            ("modifiers.yaml", "context", r.category, t)
            for r in lexicon.modifiers.context
            for t in r.terms
        ]
    return [
        Problem(
            "MYO042", f"{kind} term {term!r} of {owner!r} is not a valid term", f"lexicon/{file}"
        )
        for file, kind, owner, term in rows
        if not _valid(normalise_term(term))
    ]


def _valid(term: str) -> bool:
    """Words of letters, digits, ``'``, ``-``, ``|`` and ``*``, with ``...`` only between two."""
    words = term.split()
    inner = words[1:-1]
    return (
        bool(words)
        and FAR not in (words[0], words[-1])
        and all(b != FAR for a, b in pairwise(inner) if a == FAR)
        and _TERM.match(" ".join(w for w in words if w != FAR)) is not None
        and "||" not in term
        and term.strip(" |*.") != ""
    )


def _silent_red_flags(raw: RawAtlas, lexicon: Lexicon) -> list[Problem]:
    worded = {e.finding for e in lexicon.findings}
    return [
        Problem(
            "MYO043",
            f"red-flag finding {f.record.id!r} has no lay term in lexicon/findings.yaml",
            "lexicon/findings.yaml",
        )
        for f in raw.findings
        if f.record.category == "red_flag" and f.record.id not in worded
    ]
