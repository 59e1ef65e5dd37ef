"""Loading the atlas: read, check, index. The entry point is ``load_atlas`` (and
``load_region_names`` for a command that needs only the region ids)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from myomap.atlas.cache import cached_atlas, cached_part
from myomap.atlas.model import Atlas, expand_region
from myomap.atlas.names import RegionNames, region_names
from myomap.atlas.paths import DEFAULT_ROOT
from myomap.errors import AtlasError

if TYPE_CHECKING:  # the reader and the checker are imported only when the cache misses
    from myomap.atlas.check import FigureLike
    from myomap.atlas.raw import Problem, RawAtlas

__all__ = ["DEFAULT_ROOT", "check_atlas", "figures_for", "load_atlas", "load_region_names"]


def figures_for(root: Path) -> Mapping[str, FigureLike]:
    """The figures an atlas is checked against: its own figures/ folder, or the built-in ones."""
    from myomap.atlas.figures.figure import VIEWS, load_figure, parse_figure

    own = root / "figures"
    if own.is_dir():
        return {v: parse_figure(v, (own / f"{v}.svg").read_text(encoding="utf-8")) for v in VIEWS}
    return {v: load_figure(v) for v in VIEWS}


def check_atlas(root: Path | None = None) -> tuple[RawAtlas, list[Problem]]:
    """Read the atlas at ``root`` (default: the built-in one) and return all its problems."""
    from myomap.atlas.check import check
    from myomap.atlas.raw import read_atlas_dir

    root = root or DEFAULT_ROOT
    raw = read_atlas_dir(root)
    return raw, check(raw, figures_for(root))


def load_atlas(root: Path | str | None = None, *, cache: bool = True) -> Atlas:
    """The checked atlas; raises AtlasError listing every problem if it has any.

    A checked atlas is kept in the user cache folder, keyed by the content of every file it
    depends on (see ``myomap.atlas.cache``); ``cache=False`` (or ``MYOMAP_CACHE_DIR=off``)
    reads and checks the files anew. ``myomap.engine.defaults`` keeps one atlas per process.
    """
    path = Path(root) if root is not None else DEFAULT_ROOT
    if not cache:
        return _load(path)
    return cached_atlas(path, lambda: _load(path))


def load_region_names(root: Path | str | None = None) -> RegionNames:
    """The region ids of the checked atlas, from their own small cache file when it is warm
    (``load_atlas`` otherwise): enough to check a diary entry's pain."""
    path = Path(root) if root is not None else DEFAULT_ROOT
    return cached_part(path, lambda: _load(path), region_names, RegionNames)


def _load(root: Path) -> Atlas:
    raw, problems = check_atlas(root)
    if problems or raw.meta is None:
        listing = "\n".join(f"  {p}" for p in problems[:20])
        more = f"\n  … and {len(problems) - 20} more" if len(problems) > 20 else ""
        raise AtlasError(
            f"The atlas at {root} has {len(problems)} problem(s); run `myomap atlas check`:\n"
            f"{listing}{more}"
        )
    muscles = {m.record.id: m.record for m in raw.muscles}
    aliases: dict[str, str] = {}
    for muscle in muscles.values():
        for name in [muscle.name, *muscle.aliases]:
            aliases.setdefault(name.strip().lower().replace("-", "_"), muscle.id)
            aliases.setdefault(name.strip().lower().replace(" ", "_"), muscle.id)
    paired = {s.record.id: s.record.paired for s in raw.regions}
    return Atlas(
        meta=raw.meta,
        version=f"{raw.meta.version}+{raw.digest}",
        region_specs={s.record.id: s.record for s in raw.regions},
        regions={r.id: r for s in raw.regions for r in expand_region(s.record, paired)},
        findings={f.record.id: f.record for f in raw.findings},
        red_flags={r.record.id: r.record for r in raw.red_flags},
        sources={s.record.id: s.record for s in raw.sources},
        muscles=muscles,
        _aliases=aliases,
    )
