"""Coordinate search of the engine's few numbers on the DEV split only.

    .venv/bin/python tools/tune_engine.py eval/hard/vignettes.yaml eval/vignettes.yaml \
        eval/vignettes_whole_body.yaml

Holdout cases are dropped as the files are read, before anything is scored, so no number is
ever chosen against them; they are reported once, by `myomap eval --interview`, after the
numbers are fixed (see docs/engine.md). The score is static top-1 + static top-3 +
all-answers top-1 over the ranked dev cases; the "none of these" share on the dev cases that
expect no muscle is printed beside it so that it can be kept visible.
"""

from __future__ import annotations

import sys
from dataclasses import fields
from pathlib import Path

from myomap.engine.defaults import default_atlas
from myomap.engine.model import Params, compile_model
from myomap.engine.ranking import rank
from myomap.evaluation.vignettes import Vignette, hit_rank, load_vignettes

GRID: dict[str, list[float]] = {
    "essential": [0.5, 0.6, 0.7],
    "spillover": [0.1, 0.2, 0.3],
    "local": [0.1, 0.2, 0.3],
    "leak": [0.01, 0.02, 0.03],
    "neighbour": [0.0, 0.1, 0.2, 0.3],
    "peak": [0.3, 0.5, 1.0],
    "bilateral": [0.05, 0.1, 0.3],
    "other_region": [0.03, 0.05, 0.07],
}


def score(params: Params, ranked: list[Vignette], none: list[Vignette]) -> tuple[float, ...]:
    """(static top-1, static top-3, all-answers top-1, none share where no muscle is expected)."""
    model = compile_model(default_atlas(), params)
    top1 = top3 = full1 = 0
    for v in ranked:
        position = hit_rank(rank(model, v.evidence(), limit=3), v.expect)
        top1 += position == 1
        top3 += position is not None
        answers = {**v.interview, **v.answers}
        everything = v.evidence().model_copy(update={"answers": answers})
        full1 += hit_rank(rank(model, everything, limit=1), v.expect) == 1
    share = sum(rank(model, v.evidence(), limit=1).other_probability or 0.0 for v in none)
    n = len(ranked) or 1
    return top1 / n, top3 / n, full1 / n, share / (len(none) or 1)


def main(paths: list[str]) -> None:
    dev = [v for p in paths for v in load_vignettes(Path(p)) if v.split == "dev"]
    ranked = [v for v in dev if v.expect.muscles]
    none = [v for v in dev if not v.expect.muscles]
    print(f"dev vignettes: {len(dev)} ({len(ranked)} ranked); ranked without questions")
    current = {f.name: getattr(Params(), f.name) for f in fields(Params)}
    for name, values in GRID.items():
        results = []
        for value in values:
            s = score(Params(**{**current, name: value}), ranked, none)
            results.append((s[0] + s[1] + s[2], value == current[name], value, s))
            print(
                f"  {name}={value}: top1 {s[0]:.3f} top3 {s[1]:.3f} all-answers top1 "
                f"{s[2]:.3f} none share {s[3]:.2f}"
            )
        best = max(results)
        print(f"{name}: best {best[2]} (default {current[name]})")
    print("default:", current)


if __name__ == "__main__":
    main(sys.argv[1:] or ["eval/hard/vignettes.yaml"])
