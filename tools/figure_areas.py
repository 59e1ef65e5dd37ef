"""Rewrite src/myomap/atlas/figures/data/areas.json from the body figures' shapes.

    .venv/bin/python tools/figure_areas.py

Run it after redrawing the figures; tests/test_bodymap.py fails while the file and the
figures disagree.
"""

from __future__ import annotations

import json
from pathlib import Path

from myomap.atlas import load_atlas
from myomap.atlas.figures.areas import AREAS_FILE, measure_areas

OUT = Path(__file__).resolve().parent.parent / "src/myomap/atlas/figures/data" / AREAS_FILE


def main() -> None:
    atlas = load_atlas()
    parts = {r: atlas.parts(r) for r in atlas.regions}
    inside = {r.id: r.within for r in atlas.regions.values() if r.view == "list"}
    areas = measure_areas(parts, inside)
    OUT.write_text(json.dumps(areas, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
