"""Free-text understanding speed: one three-sentence paragraph, understood many times.

Prints the median and best time per paragraph after a warm-up call (the first call imports
spaCy once per process, about a second; that is reported apart). Issue 17 asks for under
50 ms per paragraph.

    .venv/bin/python bench/understand.py
"""

from __future__ import annotations

import statistics
import time

from myomap.atlas import load_atlas
from myomap.understand import understand

PARAGRAPH = (
    "My lower back hurts on the right next to the spine, and so does the top of my thigh at "
    "the front. Standing up from the sofa is hard and I walk hunched for a while, but lying "
    "curled up helps. It flares when I'm constipated, no numbness or tingling, maybe worse "
    "after lifting."
)
RUNS = 200


def main() -> None:
    atlas = load_atlas()
    t0 = time.perf_counter()
    understand(atlas, PARAGRAPH)
    first = (time.perf_counter() - t0) * 1000
    samples = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        understand(atlas, PARAGRAPH)
        samples.append((time.perf_counter() - t0) * 1000)
    print(f"understand: 3-sentence paragraph ({len(PARAGRAPH)} characters), {RUNS} runs")
    print(f"  first call (spaCy import, vocabulary compiled): {first:.1f} ms")
    print(
        f"  median {statistics.median(samples):.2f} ms, best {min(samples):.2f} ms, "
        f"p95 {sorted(samples)[int(RUNS * 0.95)]:.2f} ms"
    )


if __name__ == "__main__":
    main()
