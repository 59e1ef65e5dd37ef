"""Grid search of the engine's few numbers on the DEV split only.

    .venv/bin/python tools/tune_engine.py eval/vignettes.yaml [more.yaml …]

The holdout split is never loaded here: it is reported once, by `myomap eval`, after the
numbers are chosen (see docs/evaluation.md).
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

from myomap.engine.defaults import default_atlas
from myomap.engine.model import Params, compile_model
from myomap.evaluation.vignettes import evaluate, load_vignettes

GRID = {
    "essential": [0.5, 0.6, 0.7, 0.8],
    "spillover": [0.1, 0.2, 0.3],
    "local": [0.1, 0.2, 0.3],
    "leak": [0.01, 0.02, 0.04],
}


def main(paths: list[str]) -> None:
    dev = [v for p in paths for v in load_vignettes(Path(p)) if v.split == "dev"]
    atlas = default_atlas()
    rows = []
    for values in itertools.product(*GRID.values()):
        params = Params(**dict(zip(GRID, values, strict=True)))
        m = evaluate(compile_model(atlas, params), dev, "engine", interview=False)
        rows.append((m.top3, m.mrr, m.top1, values))
    rows.sort(reverse=True)
    print(f"dev vignettes: {len(dev)}; ranked without questions; best first")
    print("top3   mrr    top1   " + "  ".join(GRID))
    for top3, mrr, top1, values in rows[:15]:
        print(f"{top3:.3f}  {mrr:.3f}  {top1:.3f}  " + "  ".join(str(v) for v in values))
    default = Params()
    print("default:", {k: getattr(default, k) for k in GRID})


if __name__ == "__main__":
    main(sys.argv[1:] or ["eval/vignettes.yaml"])
