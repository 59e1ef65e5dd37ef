"""The loaded atlas: every record of the knowledge base, indexed by id."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from myomap.atlas.schema import (
    AtlasMeta,
    Finding,
    Muscle,
    RedFlag,
    Region,
    RegionSpec,
    Source,
)
from myomap.atlas.suggest import did_you_mean
from myomap.errors import NotFound

__all__ = ["Atlas", "expand_region"]


def expand_region(spec: RegionSpec, paired: Mapping[str, bool] | None = None) -> list[Region]:
    """A paired region becomes ``<id>_l`` and ``<id>_r``; a midline one stays as it is.

    ``paired`` says which regions named in ``spec.within`` are paired (unknown ones are
    left out: the checker reports them).
    """
    paired = paired or {}

    def within(suffix: str | None) -> tuple[str, ...]:
        out: list[str] = []
        for base in spec.within:
            if base not in paired:
                continue
            if not paired[base]:
                out.append(base)
            else:
                out += [f"{base}_{suffix}"] if suffix else [f"{base}_r", f"{base}_l"]
        return tuple(out)

    if not spec.paired:
        return [
            Region(
                id=spec.id,
                base=spec.id,
                label=spec.label,
                view=spec.view,
                side="midline",
                group=spec.group,
                within=within(None),
            )
        ]
    return [
        Region(
            id=f"{spec.id}_{suffix}",
            base=spec.id,
            label=f"{spec.label} ({side})",
            view=spec.view,
            side=side,
            group=spec.group,
            within=within(suffix),
        )
        for suffix, side in (("r", "right"), ("l", "left"))
    ]


@dataclass(frozen=True)
class Atlas:
    """The whole knowledge base, checked and indexed. Build it with ``load_atlas``."""

    meta: AtlasMeta
    version: str
    region_specs: Mapping[str, RegionSpec]
    regions: Mapping[str, Region]
    findings: Mapping[str, Finding]
    red_flags: Mapping[str, RedFlag]
    sources: Mapping[str, Source]
    muscles: Mapping[str, Muscle]
    _aliases: Mapping[str, str] = field(default_factory=dict, repr=False)

    def muscle(self, name: str) -> Muscle:
        """The muscle with this id, name or alias (case-insensitive)."""
        key = name.strip().lower().replace("-", "_")
        found = self.muscles.get(key) or self.muscles.get(self._aliases.get(key, ""))
        if found is None:
            raise NotFound(
                f"No muscle called {name!r}." + did_you_mean(name, self._names()),
                field="muscle",
                value=name,
            )
        return found

    def region(self, region_id: str) -> Region:
        found = self.regions.get(region_id)
        if found is None:
            raise NotFound(
                f"No region {region_id!r}." + did_you_mean(region_id, self.regions),
                field="region",
                value=region_id,
            )
        return found

    def finding(self, finding_id: str) -> Finding:
        found = self.findings.get(finding_id)
        if found is None:
            raise NotFound(
                f"No finding {finding_id!r}." + did_you_mean(finding_id, self.findings),
                field="finding",
                value=finding_id,
            )
        return found

    def parts(self, region_id: str) -> tuple[str, ...]:
        """The finer regions that lie within this one (none for most regions)."""
        return tuple(r.id for r in self.regions.values() if region_id in r.within)

    def overlapping(self, region_id: str) -> tuple[str, ...]:
        """Regions that cover part of the same skin: the coarser ones it lies within and
        the finer ones within it (never the region itself)."""
        return (*self.regions[region_id].within, *self.parts(region_id))

    def muscles_referring_to(self, region_id: str) -> list[Muscle]:
        """Muscles with a referral zone on this region (either side), or on a region it lies
        within or that lies within it (the whole back of the thigh for its upper half), in
        atlas order."""
        bases = {self.region(region_id).base}
        bases |= {self.regions[r].base for r in self.overlapping(region_id)}
        return [
            m
            for m in self.muscles.values()
            if any(z.region in bases for tp in m.trigger_points for z in tp.referral)
        ]

    def _names(self) -> list[str]:
        return list(dict.fromkeys([*self.muscles, *self._aliases]))
