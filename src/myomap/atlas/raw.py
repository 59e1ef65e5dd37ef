"""Reading an atlas directory into records, keeping the file each record came from.

Layout of an atlas directory::

    atlas.yaml            title and version
    regions.yaml          region list (paired regions expand to _l and _r)
    findings/*.yaml       yes/no findings
    red_flags.yaml        red-flag rules
    sources/*.yaml        cited sources
    muscles/<id>.yaml     one muscle per file
    figures/front.svg     optional: figures to check against (default: myomap.atlas.figures's)
    figures/back.svg
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from myomap.atlas.schema import AtlasMeta, Finding, Muscle, RedFlag, RegionSpec, Source

__all__ = ["SAFE_LOADER", "Located", "Problem", "RawAtlas", "read_atlas_dir"]

SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader (about ten times faster) where PyYAML was built with it; every YAML
file myomap reads (atlas, lexicon, evaluation cases) goes through it."""

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T", covariant=True)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the atlas, with a stable rule code."""

    code: str
    message: str
    file: str

    def __str__(self) -> str:
        return f"{self.file}: {self.code} {self.message}"


@dataclass(frozen=True)
class Located(Generic[T]):
    """A record and the file it was read from."""

    file: str
    record: T


@dataclass
class RawAtlas:
    """Everything read from an atlas directory, before the cross-file checks."""

    root: Path
    meta: AtlasMeta | None = None
    regions: list[Located[RegionSpec]] = field(default_factory=list)
    findings: list[Located[Finding]] = field(default_factory=list)
    red_flags: list[Located[RedFlag]] = field(default_factory=list)
    sources: list[Located[Source]] = field(default_factory=list)
    muscles: list[Located[Muscle]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    digest: str = ""


def read_atlas_dir(root: Path) -> RawAtlas:
    """Read every file of an atlas directory; schema problems are collected, not raised."""
    raw = RawAtlas(root=root)
    hasher = hashlib.sha256()
    files = sorted(p for p in root.rglob("*.yaml") if p.is_file())
    for path in files:
        hasher.update(path.relative_to(root).as_posix().encode())
        hasher.update(path.read_bytes())
    raw.digest = hasher.hexdigest()[:10]

    meta = _read_one(raw, root / "atlas.yaml", AtlasMeta)
    raw.meta = meta
    raw.regions = _read_list(raw, [root / "regions.yaml"], RegionSpec)
    raw.findings = _read_list(raw, sorted((root / "findings").glob("*.yaml")), Finding)
    raw.red_flags = _read_list(raw, [root / "red_flags.yaml"], RedFlag)
    raw.sources = _read_list(raw, sorted((root / "sources").glob("*.yaml")), Source)
    for path in sorted((root / "muscles").glob("*.yaml")):
        muscle = _read_one(raw, path, Muscle)
        if muscle is not None:
            raw.muscles.append(Located(_rel(raw, path), muscle))
    return raw


def _rel(raw: RawAtlas, path: Path) -> str:
    try:
        return path.relative_to(raw.root).as_posix()
    except ValueError:
        return str(path)


def _load_yaml(raw: RawAtlas, path: Path) -> Any:
    if not path.is_file():
        raw.problems.append(Problem("MYO000", "the file is missing", _rel(raw, path)))
        return None
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except yaml.YAMLError as exc:
        raw.problems.append(Problem("MYO000", f"not valid YAML: {exc}", _rel(raw, path)))
        return None


def _validate(raw: RawAtlas, path: Path, data: Any, model: type[M], where: str = "") -> M | None:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            loc = ".".join(str(part) for part in err["loc"])
            place = " ".join(p for p in (where, loc) if p)
            message = f"{place}: {err['msg']}" if place else err["msg"]
            raw.problems.append(Problem("MYO000", message, _rel(raw, path)))
        return None


def _read_one(raw: RawAtlas, path: Path, model: type[M]) -> M | None:
    data = _load_yaml(raw, path)
    if data is None:
        return None
    return _validate(raw, path, data, model)


def _read_list(raw: RawAtlas, paths: list[Path], model: type[M]) -> list[Located[M]]:
    out: list[Located[M]] = []
    for path in paths:
        data = _load_yaml(raw, path)
        if data is None:
            continue
        if not isinstance(data, list):
            raw.problems.append(Problem("MYO000", "expected a list of records", _rel(raw, path)))
            continue
        for index, item in enumerate(data):
            where = f"item {index + 1}" + (
                f" ({item['id']})" if isinstance(item, dict) and "id" in item else ""
            )
            record = _validate(raw, path, item, model, where)
            if record is not None:
                out.append(Located(_rel(raw, path), record))
    return out
