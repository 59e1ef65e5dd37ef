"""The command line, used as a person would use it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from myomap.cli.app import app

runner = CliRunner()


def run(*args: str) -> str:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def myomap(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real entry point in a subprocess, the way a person does."""
    code = "from myomap.cli.app import main; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, input=stdin
    )


def test_regions_json_has_the_contract_fields() -> None:
    rows = json.loads(run("regions", "--json"))
    first = next(r for r in rows if r["id"] == "lumbar_paraspinal_r")
    assert set(first) == {"id", "label", "view", "side", "group"}
    assert first["side"] == "right"


def test_muscles_filtered_by_region() -> None:
    rows = json.loads(run("muscles", "--region", "thigh_anterior_upper_r", "--json"))
    ids = {r["id"] for r in rows}
    assert "iliopsoas" in ids and "soleus" not in ids
    assert {"id", "name"} <= set(rows[0])


def test_findings_json() -> None:
    rows = json.loads(run("findings", "--json"))
    assert {"id", "question", "category"} <= set(rows[0])


def test_show_json_shape() -> None:
    data = json.loads(run("show", "iliopsoas", "--json"))
    assert data["id"] == "iliopsoas" and data["name"] == "Iliopsoas"
    tp = data["trigger_points"][0]
    assert {"name", "location", "referral"} <= set(tp)
    assert {"region", "role", "side"} <= set(tp["referral"][0])
    assert data["self_care"]["stretches"] and data["sources"][0]["title"]


def test_show_readable_guide_tells_the_essentials() -> None:
    text = run("show", "psoas")
    for words in ("Iliopsoas", "Where it refers pain", "Pressure release", "Stretches",
                  "When to see a doctor", "Sources", "lunge"):  # fmt: skip
        assert words.lower() in text.lower(), words


def test_assess_json_ranks_iliopsoas_first() -> None:
    out = run(
        "assess", "--pain", "lumbar_paraspinal_r:6,thigh_anterior_upper_r:4",
        "--yes", "pain_rising_from_sitting", "--no", "fever", "--age", "41", "--sex", "female",
        "--json",
    )  # fmt: skip
    result = json.loads(out)
    assert result["triage"]["level"] == "self_care"
    assert result["candidates"][0]["muscle"] == "iliopsoas"
    assert result["candidates"][0]["side"] == "right"
    for key in ("explanation_set", "next_question", "atlas_version"):
        assert key in result


def test_assess_lookup_method() -> None:
    out = run("assess", "--pain", "sacroiliac_r", "--method", "lookup", "--json")
    result = json.loads(out)
    assert result["method"] == "lookup" and result["candidates"][0]["probability"] is None


def test_assess_batch_keeps_order_and_reports_bad_lines(tmp_path: Path) -> None:
    lines = [
        {"pain": [{"region": "lumbar_paraspinal_r", "intensity": 6}]},
        {"pain": [{"region": "nowhere"}]},
        {"pain": [{"region": "calf_lower_l"}], "answers": {"calf_swollen_warm": "yes"}},
    ]
    batch = tmp_path / "requests.jsonl"
    batch.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    results = [json.loads(x) for x in run("assess", "--batch", str(batch)).splitlines()]
    assert len(results) == 3
    assert results[0]["candidates"]
    assert "nowhere" in results[1]["error"]
    assert results[2]["triage"]["level"] == "urgent"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["assess", "--pain", "lumbar_paraspinal:6"], "lumbar_paraspinal_l or lumbar_paraspinal_r"),
        (["assess", "--pain", "sacrum:12"], "out of range"),
        (["assess", "--pain", "sacrum:x"], "not a whole number"),
        (["assess", "--yes", "feverr"], "fever"),
        (["show", "iliopsoa"], "iliopsoas"),
        # what the person typed is quoted as typed, never read as terminal markup
        (["assess", "--pain", "[/b]:5"], "Unknown region '[/b]'"),
        (["show", "[x]"], "[x]"),
    ],
)
def test_bad_input_gets_a_clear_error_not_a_traceback(args: list[str], message: str) -> None:
    proc = myomap(*args)
    assert proc.returncode == 2
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout


def test_atlas_check_passes() -> None:
    assert "atlas OK" in run("atlas", "check")


def test_interview_asks_safety_first_and_exits_4_at_an_emergency() -> None:
    answers = "\nlumbar_paraspinal_r:6\ny\n" + "n\n" * 30  # no description; saddle numbness
    proc = myomap("interview", stdin=answers)
    assert proc.returncode == 4, proc.stderr
    first = proc.stdout.index("Safety check: question 1 of")
    assert "saddle" in proc.stdout[first : first + 300]
    assert "[y / n / ? = not sure, b = back, s = skip]" in proc.stdout
    assert "EMERGENCY" in proc.stdout and "Summary: Emergency" in proc.stdout


def test_interview_back_changes_an_answer() -> None:
    # Enter (no description); "b" with nothing to undo; "?" to the first safety question,
    # then back, then "n"
    answers = "\nlumbar_paraspinal_r:6\nb\n?\nb\nn\n" + "n\n" * 60
    proc = myomap("interview", stdin=answers)
    assert "There is no earlier answer to go back to." in proc.stdout
    assert proc.stdout.count("Safety check: question 1 of") >= 3
    assert proc.returncode == 0, proc.stderr


def test_interview_runs_safety_then_symptoms_to_a_summary() -> None:
    answers = "\nlumbar_paraspinal_r:6, sacroiliac_r:5, thigh_anterior_upper_r:4\n" + "n\n" * 80
    proc = myomap("interview", stdin=answers)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert out.index("Safety check: question 1 of") < out.index("About your pain: question")
    assert "SAFETY CHECK NOT DONE" not in out.split("Summary")[1]
    assert "Summary: Self-care." in out and "Save this assessment to your diary?" in out


@pytest.mark.slow
def test_assess_exit_codes_and_no_false_reassurance() -> None:
    proc = myomap("assess", "--pain", "lumbar_paraspinal_r:6")
    assert proc.returncode == 0, proc.stderr
    assert "SAFETY CHECK NOT DONE" in proc.stdout
    assert "No warning signs" not in proc.stdout
    assert "Safety question first:" in proc.stdout
    proc = myomap("assess", "--pain", "lumbar_paraspinal_r:6", "--yes", "saddle_numbness")
    assert proc.returncode == 4 and "EMERGENCY" in proc.stdout
    proc = myomap("assess", "--pain", "lumbar_paraspinal_r:6", "--unknown", "saddle_numbness")
    assert proc.returncode == 3, proc.stdout
    assert "SEE A DOCTOR TODAY" in proc.stdout
    proc = myomap("assess", "--text", "my back hurts and I can't pee at all since yesterday")
    assert proc.returncode == 4 and "EMERGENCY" in proc.stdout  # a description exits so too


def test_assess_save_stores_the_assessment(tmp_path: Path) -> None:
    import os

    env = {**os.environ, "MYOMAP_DATABASE_URL": f"sqlite:///{tmp_path / 'd.db'}"}
    code = "from myomap.cli.app import main; main()"
    args = ["assess", "--pain", "lumbar_paraspinal_r:6", "--save", "--json"]
    proc = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env
    )
    assert proc.returncode == 0, proc.stderr
    assert "saved as assessment 1" in proc.stderr
    from myomap.db import Store

    store = Store.open(env["MYOMAP_DATABASE_URL"])
    try:
        [saved] = store.list_assessments()
        assert (
            saved.result.candidates[0].muscle == json.loads(proc.stdout)["candidates"][0]["muscle"]
        )
    finally:
        store.close()
