"""Engine benchmark: atlas load, rank and next_question latency, on the real atlas and on a
generated atlas of 1,000 muscles x 1,000 regions; memory. Writes docs/benchmarks.md.

    .venv/bin/python bench/engine.py
"""

from __future__ import annotations

import random
import resource
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from myomap.atlas import Atlas, load_atlas
from myomap.atlas.model import expand_region
from myomap.atlas.schema import (
    AtlasMeta,
    Finding,
    Muscle,
    RegionSpec,
    Source,
)
from myomap.engine import Evidence, Model, compile_model, next_question, rank

from _report import machine, percentiles, write_section

RUNS = 2000
GENERATED_RUNS = 300


def timed(fn: object, *args: object, runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn(*args)  # type: ignore[operator]
        samples.append((time.perf_counter() - t0) * 1000)
    return samples


def random_evidence(model: Model, rng: random.Random) -> Evidence:
    ranking = [f for f, x in model.atlas.findings.items() if x.category != "red_flag"]
    regions = rng.sample(list(model.regions), rng.randint(1, 5))
    answers = {f: rng.choice(["yes", "no"]) for f in rng.sample(ranking, min(4, len(ranking)))}
    return Evidence.model_validate(
        {
            "pain": [{"region": r, "intensity": rng.randint(1, 10)} for r in regions],
            "answers": answers,
        }
    )


def generated_atlas(n_muscles: int, n_base_regions: int, n_findings: int, seed: int = 7) -> Atlas:
    """A synthetic atlas: paired regions (2 x n_base ids), muscles with 1-3 trigger points."""
    rng = random.Random(seed)
    template = next(iter(load_atlas().muscles.values()))
    specs = [
        RegionSpec(id=f"r{i}", label=f"Region {i}", view="back", paired=True, group="g")
        for i in range(n_base_regions)
    ]
    findings = [
        Finding(id=f"f{i}", question=f"Finding {i}?", category="symptom", default=0.2)
        for i in range(n_findings)
    ]
    muscles = {}
    for m in range(n_muscles):
        tps = []
        for t in range(rng.randint(1, 3)):
            zones = [
                {"region": f"r{rng.randrange(n_base_regions)}", "role": role, "side": "same"}
                for role in ["essential"] * rng.randint(1, 3) + ["spillover"] * rng.randint(0, 3)
            ]
            position = {"view": "back", "region": f"r{rng.randrange(n_base_regions)}"}
            tps.append(
                {
                    **template.trigger_points[0].model_dump(),
                    "id": f"t{t}",
                    "position": position,
                    "referral": zones,
                }
            )
        data = template.model_dump()
        data.update(
            id=f"m{m}",
            trigger_points=tps,
            findings={f"f{j}": rng.uniform(0.05, 0.95) for j in rng.sample(range(n_findings), 8)},
            red_flags=[],
        )
        data["prior"]["prevalence"] = rng.uniform(0.02, 0.5)
        muscles[f"m{m}"] = Muscle.model_validate(data)
    return Atlas(
        meta=AtlasMeta(title="generated", version="0"),
        version="generated",
        region_specs={s.id: s for s in specs},
        regions={r.id: r for s in specs for r in expand_region(s)},
        findings={f.id: f for f in findings},
        red_flags={},
        sources={"s": Source(id="s", title="t", publisher="p", kind="book")},
        muscles=muscles,
    )


def main() -> None:
    rng = random.Random(1)
    load_ms = timed(load_atlas, runs=20)
    atlas = load_atlas()
    compile_ms = timed(compile_model, atlas, runs=50)
    tracemalloc.start()
    model = compile_model(atlas)
    _cur, model_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    cases = [random_evidence(model, rng) for _ in range(200)]
    for ev in cases[:20]:
        rank(model, ev)  # warm up
    rank_ms = [timed(rank, model, cases[i % len(cases)], runs=1)[0] for i in range(RUNS)]
    nq_ms = [timed(next_question, model, cases[i % len(cases)], runs=1)[0] for i in range(RUNS)]

    t0 = time.perf_counter()
    big_atlas = generated_atlas(1000, 500, 200)
    gen_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    big = compile_model(big_atlas)
    big_compile_s = time.perf_counter() - t0
    big_cases = [random_evidence(big, rng) for _ in range(50)]
    big_rank = [timed(rank, big, big_cases[i % 50], runs=1)[0] for i in range(GENERATED_RUNS)]
    big_nq = [
        timed(next_question, big, big_cases[i % 50], runs=1)[0] for i in range(GENERATED_RUNS)
    ]
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    def row(name: str, samples: list[float], target: str) -> str:
        p50, p99, mean = percentiles(samples)
        return f"| {name} | {len(samples)} | {p50:.3f} | {p99:.3f} | {mean:.3f} | {target} |"

    body = f"""
## Engine (issue 3)

Machine: {machine()}.
Command: `.venv/bin/python bench/engine.py` (or `make bench`). Random evidence: 1–5 painful
regions and 4 yes/no answers per case; `rank` includes validation, triage, reasons, the
explanation set and the next question.

Real atlas: {len(atlas.muscles)} muscles, {len(model.hypotheses)} hypotheses (muscle × side),
{len(model.regions)} regions, {len(model.findings)} findings.

| measurement | runs | p50 ms | p99 ms | mean ms | target |
|---|---|---|---|---|---|
{row("load_atlas (read + check, incl. figures)", load_ms, "—")}
{row("compile_model", compile_ms, "—")}
{row("rank, real atlas", rank_ms, "p50 ≤ 1 ms")}
{row("next_question, real atlas", nq_ms, "≤ 20 ms")}
{row("rank, generated 1,000 × 1,000", big_rank, "p50 ≤ 20 ms")}
{row("next_question, generated 1,000 × 1,000", big_nq, "—")}

Generated atlas: {len(big_atlas.muscles)} muscles ({len(big.hypotheses)} hypotheses),
{len(big.regions)} regions, {len(big.findings)} findings; building it took {gen_s:.1f} s
and compiling it {big_compile_s:.2f} s.
Memory: the compiled real model allocates {model_peak / 1024:.0f} KiB (tracemalloc peak);
the benchmark process peaked at {rss_mb:.0f} MiB resident with both models loaded.
"""
    write_section("engine", body)
    print(body)


if __name__ == "__main__":
    main()
