"""Saving an assessment is idempotent: the same evidence saved twice is stored once."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from myomap.atlas import Atlas
from myomap.db import Store
from myomap.engine import Evidence, rank
from myomap.engine.defaults import default_model
from myomap.settings import Settings
from myomap.web import create_app

EVIDENCE = {
    "pain": [
        {"region": "lumbar_paraspinal_r", "intensity": 6},
        {"region": "thigh_anterior_upper_r", "intensity": 4},
    ],
    "answers": {"pain_rising_from_sitting": "yes"},
}


def test_the_same_assessment_saved_twice_is_stored_once(tmp_path: Path, atlas: Atlas) -> None:
    store = Store.open(f"sqlite:///{tmp_path}/a.db", atlas=atlas)
    evidence = Evidence.model_validate(EVIDENCE)
    result = rank(default_model(), evidence)
    first = store.save_assessment(evidence=evidence, result=result)
    again = store.save_assessment(evidence=evidence, result=result, note="second click")
    assert again.id == first.id and again.note == "second click"
    assert store.counts()["assessments"] == 1
    other = Evidence.model_validate({"pain": [{"region": "sacrum", "intensity": 3}]})
    different = store.save_assessment(evidence=other, result=rank(default_model(), other))
    assert different.id != first.id and store.counts()["assessments"] == 2
    # the first evidence again, after another one, is a new visit
    later = store.save_assessment(evidence=evidence, result=result)
    assert later.id not in (first.id, different.id) and store.counts()["assessments"] == 3
    store.close()


def test_posting_the_same_assessment_twice_gives_one_id(tmp_path: Path, atlas: Atlas) -> None:
    app = create_app(Settings(database_url=f"sqlite:///{tmp_path}/t.db"), atlas=atlas)
    with TestClient(app) as client:
        ids = {client.post("/api/v1/assessments", json={"evidence": EVIDENCE}).json()["id"]}
        ids.add(client.post("/api/v1/assessments", json={"evidence": EVIDENCE}).json()["id"])
        assert len(ids) == 1
        assert len(client.get("/api/v1/assessments").json()) == 1
