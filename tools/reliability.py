"""Reliability of the top candidate's probability: the table in docs/engine.md ("Honest
confidence").

    .venv/bin/python tools/reliability.py eval/hard/vignettes.yaml eval/vignettes.yaml \
        eval/vignettes_whole_body.yaml

Every vignette that expects a muscle is ranked three ways (its map with no answers, with its
volunteered ``answers``, and after the simulated interview); the top candidate's probability
is binned and compared with how often that candidate is an expected muscle.
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

from myomap.engine import rank
from myomap.engine.defaults import default_model
from myomap.engine.evidence import Evidence
from myomap.evaluation.interview import simulate
from myomap.evaluation.vignettes import hit_rank, load_vignettes

BINS = [0.0, 0.2, 0.35, 0.5, 0.65, 0.8, 0.9, 1.0001]
WAYS = ("map only", "map + volunteered", "after the interview")


def main(paths: list[str]) -> None:
    model = default_model()
    rows: dict[str, list[tuple[float, bool]]] = {way: [] for way in WAYS}
    vignettes = [v for p in paths for v in load_vignettes(Path(p)) if v.expect.muscles]
    for v in vignettes:
        bare = v.evidence().model_copy(update={"answers": {}})
        results = {
            WAYS[0]: rank(model, Evidence.model_validate(bare.model_dump())),
            WAYS[1]: rank(model, v.evidence()),
            WAYS[2]: simulate(model, v).result,
        }
        for way, result in results.items():
            if result.candidates:
                top = result.candidates[0].probability or 0.0
                rows[way].append((top, hit_rank(result, v.expect) == 1))
    print(f"{len(vignettes)} vignettes that expect a muscle\n")
    print("| top probability | " + " | ".join(WAYS) + " |")
    print("|---|" + "---|" * len(WAYS))
    for lo, hi in itertools.pairwise(BINS):
        cells = []
        for way in WAYS:
            inside = [(p, ok) for p, ok in rows[way] if lo <= p < hi]
            if not inside:
                cells.append("–")
                continue
            mean = sum(p for p, _ in inside) / len(inside)
            right = sum(ok for _, ok in inside) / len(inside)
            cells.append(f"{len(inside)} cases: {mean:.0%} → {right:.0%} right")
        print(f"| {lo:.2f}–{min(hi, 1.0):.2f} | " + " | ".join(cells) + " |")
    briers = [sum((p - ok) ** 2 for p, ok in rows[w]) / len(rows[w]) for w in WAYS]
    print("| Brier | " + " | ".join(f"{b:.3f}" for b in briers) + " |")


if __name__ == "__main__":
    main(sys.argv[1:])
