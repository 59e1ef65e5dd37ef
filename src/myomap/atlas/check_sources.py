"""Rules for sources and the review trail (MYO020, MYO023, MYO024): every fact can be found
on a specific page, a review names two independent sources, and every search term is
backed by a source the muscle cites."""

from __future__ import annotations

import re
from urllib.parse import urlparse

from myomap.atlas.raw import Located, Problem, RawAtlas
from myomap.atlas.schema import Muscle, Source

__all__ = [
    "SOURCE_RULES",
    "bare_home_page",
    "review_and_terms_problems",
    "review_summary",
    "specific_source_problems",
]

SOURCE_RULES: dict[str, str] = {
    "MYO020": "a source cited for a fact is a site's home page or blog index, or a book "
    "without pages",
    "MYO023": "a review names fewer than two independent sources with specific pages, or "
    "sources the muscle does not cite",
    "MYO024": "a search term cites no source, or a source the muscle does not cite",
}

_BARE_PATH = re.compile(r"^/?((blogs?/)?(video-blog|blog)|index\.(php|html?))?/?$", re.IGNORECASE)


def bare_home_page(url: str) -> bool:
    """True for a site's home page or a blog index: a reader cannot find the fact there."""
    parsed = urlparse(url)
    return not parsed.query and bool(_BARE_PATH.match(parsed.path))


def _not_specific(source: Source) -> str | None:
    if source.kind == "book":
        return None if source.pages else "is a book without pages"
    if source.url is None:
        return "has no address" if source.kind in ("website", "database") else None
    return "is a bare home page" if bare_home_page(source.url) else None


def specific_source_problems(raw: RawAtlas) -> list[Problem]:
    """MYO020: every cited source lets a reader find the fact."""
    sources = {s.record.id: s.record for s in raw.sources}
    out: list[Problem] = []
    for m in raw.muscles:
        muscle = m.record
        cited = [*muscle.sources, muscle.prior.source]
        cited += [sid for tp in muscle.trigger_points for sid in tp.sources]
        for sid in dict.fromkeys(cited):
            source = sources.get(sid)
            why = _not_specific(source) if source is not None else None
            if why:
                out.append(Problem("MYO020", f"{muscle.id!r} cites {sid!r}, which {why}", m.file))
    return out


def review_and_terms_problems(raw: RawAtlas, located: Located[Muscle]) -> list[Problem]:
    """MYO023 (a review names two independent, specific sources) and MYO024 (search terms)."""
    muscle, file = located.record, located.file
    sources = {s.record.id: s.record for s in raw.sources}
    cited = set(muscle.sources)
    out: list[Problem] = []
    review = muscle.review
    if review is not None:
        outside = [sid for sid in review.against if sid not in cited]
        if outside:
            out.append(
                Problem(
                    "MYO023",
                    f"the review of {muscle.id!r} names sources the muscle does not cite: "
                    f"{', '.join(outside)}",
                    file,
                )
            )
        specific = [
            sources[sid]
            for sid in review.against
            if sid in sources and _not_specific(sources[sid]) is None
        ]
        publishers = {s.publisher for s in specific}
        if len(publishers) < 2:
            out.append(
                Problem(
                    "MYO023",
                    f"the review of {muscle.id!r} names {len(publishers)} independent source(s) "
                    "with specific pages; it needs at least two",
                    file,
                )
            )
    for term in muscle.search_terms:
        if not term.sources:
            out.append(
                Problem(
                    "MYO024", f"search term {term.term!r} of {muscle.id!r} cites no source", file
                )
            )
        for sid in term.sources:
            if sid not in cited:
                out.append(
                    Problem(
                        "MYO024",
                        f"search term {term.term!r} of {muscle.id!r} cites {sid!r}, which the "
                        "muscle does not cite",
                        file,
                    )
                )
    return out


def review_summary(raw: RawAtlas) -> dict[str, list[str]]:
    """Muscle ids by review status; ``unreviewed`` lists entries without a review block.

    ``myomap atlas check`` prints this so unreviewed entries stay visible without failing the
    check (a new entry starts unreviewed).
    """
    out: dict[str, list[str]] = {
        "clinician_signed": [],
        "reviewed": [],
        "needs_review": [],
        "unreviewed": [],
    }
    for m in raw.muscles:
        review = m.record.review
        out["unreviewed" if review is None else review.status].append(m.record.id)
    return out
