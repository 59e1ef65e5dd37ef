"""Saved assessments: stored as they were, re-run on today's atlas with what changed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from backends import BACKENDS
from fresh import fresh_python

from myomap.db import Store
from myomap.db.testing import Backend, temporary_database
from myomap.diary.assessment import compare_results
from myomap.engine import Evidence, Result, rank
from myomap.engine.defaults import default_model
from myomap.errors import EvidenceError, NotFound

EVIDENCE = Evidence.model_validate(
    {
        "pain": [
            {"region": "lumbar_paraspinal_r", "intensity": 6},
            {"region": "buttock_upper_r", "intensity": 4},
        ],
        "answers": {"pain_walking": "yes", "saddle_numbness": "no"},
        "age": 46,
        "sex": "female",
    }
)


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    backend: Backend = request.param
    with temporary_database(backend, tmp_path) as url:
        opened = Store.open(url)
        yield opened
        opened.close()


def test_a_saved_assessment_comes_back_as_it_was(store: Store) -> None:
    result = rank(default_model(), EVIDENCE)
    saved = store.save_assessment(evidence=EVIDENCE, result=result, note="first visit")
    again = store.get_assessment(saved.id)
    assert again.evidence == EVIDENCE
    assert again.result == result
    assert again.atlas_version == result.atlas_version
    assert store.latest_assessment() == again
    assert [a.id for a in store.list_assessments()] == [saved.id]


def test_an_assessment_with_an_unknown_region_is_refused(store: Store) -> None:
    bad = Evidence.model_validate({"pain": [{"region": "lumbar_paraspinal", "intensity": 3}]})
    with pytest.raises(EvidenceError, match="two sides"):
        store.save_assessment(evidence=bad, result=rank(default_model(), EVIDENCE))
    assert store.is_empty()
    with pytest.raises(NotFound):
        store.get_assessment(99)


def test_rerun_on_the_same_atlas_changes_nothing(store: Store) -> None:
    saved = store.save_assessment(evidence=EVIDENCE, result=rank(default_model(), EVIDENCE))
    rerun = store.rerun_assessment(saved.id)
    assert not rerun.changed
    assert rerun.old_atlas_version == rerun.new_atlas_version


def test_compare_results_names_added_removed_and_moved_candidates(store: Store) -> None:
    result = rank(default_model(), EVIDENCE)
    first, second, *rest = result.candidates
    old_data = result.model_dump(mode="json")
    old_data["candidates"] = [c.model_dump(mode="json") for c in [second, first, *rest[:-1]]]
    old_data["atlas_version"] = "0.0.1"
    old_data["triage"]["level"] = "see_doctor"
    saved = store.save_assessment(evidence=EVIDENCE, result=Result.model_validate(old_data))
    rerun = compare_results(saved, result)
    assert [c.muscle for c in rerun.added] == [rest[-1].muscle]
    assert rerun.removed == []
    moved = {m.muscle: (m.old_rank, m.new_rank) for m in rerun.moved}
    assert moved[first.muscle] == (2, 1) and moved[second.muscle] == (1, 2)
    assert (rerun.old_triage, rerun.new_triage) == ("see_doctor", "self_care")
    assert rerun.triage_changed and rerun.changed
    assert (rerun.old_atlas_version, rerun.new_atlas_version) == ("0.0.1", result.atlas_version)


def test_the_same_assessment_saved_twice_at_once_is_stored_once(
    store: Store, tmp_path: Path
) -> None:
    """A double click or a retried request, arriving together on two connections (two
    server workers): one row, on PostgreSQL too (the person's writes take turns)."""
    from concurrent.futures import ThreadPoolExecutor

    result = rank(default_model(), EVIDENCE)
    others = [
        Store.open(str(store.unit.engine.url.render_as_string(hide_password=False)))
        for _ in range(4)
    ]
    try:
        with ThreadPoolExecutor(max_workers=4) as pool:
            saved = list(
                pool.map(
                    lambda s: s.save_assessment(evidence=EVIDENCE, result=result).id, others * 2
                )
            )
    finally:
        for other in others:
            other.close()
    assert len(set(saved)) == 1
    assert [a.id for a in store.list_assessments()] == saved[:1]


def test_each_person_sees_only_their_own_assessments_after_first_use(store: Store) -> None:
    """The assessments' repository is made on first use: a store seen as another person must
    not keep the first person's."""
    saved = store.save_assessment(evidence=EVIDENCE, result=rank(default_model(), EVIDENCE))
    other = store.for_owner(store.owner_id + 1)
    assert other.assessments.owner_id == store.owner_id + 1
    assert other.list_assessments() == []
    with pytest.raises(NotFound):
        other.get_assessment(saved.id)
    assert store.get_assessment(saved.id) == saved


def test_adding_a_diary_entry_loads_no_assessment_code(tmp_path: Path) -> None:
    """``myomap diary add`` pays only for what it uses (docs/benchmarks.md)."""
    url = f"sqlite:///{tmp_path / 'diary.db'}"
    code = (
        "import sys\n"
        "from myomap.db import Store\n"
        f"store = Store.open({url!r})\n"
        "store.add_entry(overall=3, pain={'sacrum': 4})\n"
        "store.close()\n"
        "loaded = sorted(m for m in ('myomap.db.assessments', 'myomap.engine.result',"
        " 'myomap.diary.assessment', 'myomap.diary.snapshot', 'numpy') if m in sys.modules)\n"
        "assert not loaded, loaded\n"
    )
    done = fresh_python(code)
    assert done.returncode == 0, done.stderr


def test_myomap_diary_add_neither_unpickles_the_atlas_nor_loads_rich(tmp_path: Path) -> None:
    """The command checks region ids against the atlas's cached region names and writes one
    plain line (docs/benchmarks.md)."""
    url = f"sqlite:///{tmp_path / 'diary.db'}"
    code = (
        "import os, sys\n"
        f"os.environ['MYOMAP_DATABASE_URL'] = {url!r}\n"
        "sys.argv = ['myomap', 'diary', 'add', '--pain', 'sacrum:4', '--overall', '3']\n"
        "from myomap.cli import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as done:\n"
        "    assert not done.code, done.code\n"
        "from myomap.engine.defaults import default_atlas\n"
        "assert default_atlas.cache_info().currsize == 0, 'the atlas was loaded'\n"
        "assert 'rich' not in sys.modules, 'rich was loaded'\n"
    )
    fresh_python(code)  # the first run may write the region names' cache file
    done = fresh_python(code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("added entry")
