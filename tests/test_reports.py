"""Progress numbers, charts and every report rendering over a one-week diary fixture."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.observation import Observation
from icalendar import Calendar
from icalendar.prop import vRecur
from pypdf import PdfReader

from myomap.db import Store
from myomap.diary import Entry
from myomap.diary.progress import (
    daily_overall,
    overlap,
    pain_extent,
    region_areas,
    region_series,
    self_care_effects,
)
from myomap.diary.snapshot import read_snapshot
from myomap.reports.calendar import daily_reminder, next_occurrence
from myomap.reports.charts import extent_chart, overall_chart, regions_chart
from myomap.reports.csv_export import entries_csv
from myomap.reports.fhir import REGION_SYSTEM, fhir_bundle
from myomap.reports.pdf import render_pdf
from myomap.reports.plot import svg
from myomap.reports.snomed import SNOMED, snomed_structure
from myomap.reports.summary import build_summary

WEEK = Path(__file__).parent / "fixtures" / "diary" / "week.json"
T0 = datetime(2025, 3, 3, 8, 0, tzinfo=UTC)


def entry(n: int, overall: int, pain: dict[str, int], done: list[str] | None = None) -> Entry:
    at = T0 + timedelta(days=n)
    return Entry(
        id=n + 1,
        at=at,
        overall=overall,
        pain=pain,
        self_care_done=done or [],
        created_at=at,
        updated_at=at,
    )


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    opened = Store.open(f"sqlite:///{tmp_path_factory.mktemp('week') / 'week.db'}")
    opened.import_all(read_snapshot(WEEK))
    return opened


# -- progress: hand-checked numbers -------------------------------------------------------


def test_pain_extent_is_the_marked_share_of_both_figures() -> None:
    areas, total = region_areas()
    sacrum = areas["sacrum"]
    assert pain_extent({}) == 0
    assert pain_extent({"sacrum": 4, "groin_r": 0}) == pytest.approx(sacrum / total)
    every = {region: 5 for region in areas}
    assert pain_extent(every) == pytest.approx(1.0)
    # A region drawn on both figures counts on both.
    assert areas["hip_lateral_r"] > 0 and areas["thumb_l"] > 0
    # A coarse region drawn as its parts covers them; marked with a part, it counts once.
    whole, upper = areas["thigh_posterior_r"], areas["thigh_posterior_upper_r"]
    assert pain_extent({"thigh_posterior_r": 3}) == pytest.approx(whole / total)
    both = {"thigh_posterior_r": 3, "thigh_posterior_upper_r": 6}
    assert pain_extent(both) == pytest.approx(whole / total) and upper < whole


def test_overlap_is_jaccard_by_area() -> None:
    areas, _ = region_areas()
    a = {"sacrum": 5, "lumbar_paraspinal_r": 3}
    b = {"sacrum": 2, "buttock_upper_r": 4}
    expected = areas["sacrum"] / (
        areas["sacrum"] + areas["lumbar_paraspinal_r"] + areas["buttock_upper_r"]
    )
    assert overlap(a, b) == pytest.approx(expected)
    assert overlap(a, a) == 1.0
    assert overlap({"sacrum": 5}, {"groin_l": 5}) == 0.0
    assert overlap({}, {}) == 1.0


def test_series_and_daily_means() -> None:
    entries = [entry(0, 6, {"sacrum": 5}), entry(0, 4, {}), entry(1, 3, {"sacrum": 2})]
    assert [v for _, v in region_series(entries, "sacrum")] == [5, 0, 2]
    days = daily_overall(entries, zone=UTC)
    assert [(d.day, d.mean, d.low, d.high, d.count) for d in days] == [
        (date(2025, 3, 3), 5.0, 4, 6, 2),
        (date(2025, 3, 4), 3.0, 3, 3, 1),
    ]


def test_self_care_effects_compare_the_next_entry_after_doing_and_not() -> None:
    # overall: 6 -(stretch)-> 4 -> 5 -(stretch)-> 2 -> 3
    entries = [
        entry(0, 6, {}, ["stretch"]),
        entry(1, 4, {}),
        entry(2, 5, {}, ["stretch"]),
        entry(3, 2, {}),
        entry(4, 3, {}),
    ]
    (effect,) = self_care_effects(entries)
    assert effect.item == "stretch"
    assert (effect.after_doing, effect.count_doing) == (-2.5, 2)  # (-2 + -3) / 2
    assert (effect.after_not_doing, effect.count_not_doing) == (1.0, 2)  # (+1 + +1) / 2
    assert effect.difference == -3.5
    by_day = self_care_effects(entries, by="day", zone=UTC)
    assert by_day[0].after_doing == -2.5


# -- charts -------------------------------------------------------------------------------


def test_charts_are_drawings_shown_as_svg_and_handle_an_empty_diary(store: Store) -> None:
    entries = store.list_entries()
    for drawing in (overall_chart(entries), regions_chart(entries), extent_chart(entries)):
        text = svg(drawing)
        assert text.lstrip().startswith("<?xml") and "<svg" in text
    assert "No diary entries yet" in svg(overall_chart([]))
    assert svg(overall_chart(entries)) == svg(overall_chart(entries))  # deterministic


# -- summary and renderings ---------------------------------------------------------------


def test_summary_holds_entries_assessment_triage_answers_and_plan(store: Store) -> None:
    summary = build_summary(store)
    assert len(summary.entries) == 21
    assert summary.assessment is not None
    assert {a.finding: a.answer for a in summary.triage_answers} == {
        "saddle_numbness": "no",
        "bladder_control_change": "no",
    }
    assert summary.plan and all("/" in step.id for step in summary.plan)
    later = build_summary(store, since="2025-03-08T00:00:00Z")
    assert len(later.entries) == 6


def pdf_pages(pdf: bytes) -> list[str]:
    """The text of each page, as a PDF reader extracts it."""
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def test_pdf_reads_as_a_clinical_document(store: Store, tmp_path: Path) -> None:
    pdf = render_pdf(build_summary(store, name="Ana Lima"))
    pages = pdf_pages(pdf)
    text = "\n".join(pages)
    assert "Ana Lima, 46 years, female" in text
    # the saved assessment asked only two warning signs: the report must not read as all-clear
    assert "Safety check not completed" in text
    order = [
        "Triage",
        "Pain maps",
        "Muscles whose trigger points may contribute",
        "Overall pain over time",
        "Self-care plan",
        "Sources",
    ]
    positions = [text.index(heading) for heading in order]
    assert positions == sorted(positions), positions
    assert text.index("Triage") < text.index("Gluteus medius")
    assert "numbness in the saddle area" in text and "absent" in text
    assert "R and L are the patient's right and left" in text
    assert re.search(r"\bR\b", pages[0]) and re.search(r"\bL\b", pages[0])
    assert "Consistent with:" in text and "pain walking (present)" in text
    assert "Travell" in text  # a source of the listed muscles
    # no internal ids and no words addressed to the patient
    assert not re.search(r"\b[a-z_]+/(pressure|stretch)/\d", text), "a plan step id"
    body = text[: text.rindex("Sources")]  # addresses of sources may hold underscores
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", body), "an atlas id"
    assert "your answers" not in text.lower()
    # no heading left alone at the foot of a page
    for page in pages:
        lines = [x.strip() for x in page.splitlines() if x.strip()]
        content = [x for x in lines if "not a diagnosis" not in x and not x.startswith("page ")]
        assert content[-1] not in order, content[-3:]
    empty = Store.open(f"sqlite:///{tmp_path / 'empty.db'}")
    blank = "\n".join(pdf_pages(render_pdf(build_summary(empty))))
    assert "Person P-0001" in blank and "No diary entries" in blank


def test_fhir_bundle_validates_and_codes_body_sites(store: Store) -> None:
    bundle = fhir_bundle(build_summary(store), assessments=store.list_assessments())
    parsed = Bundle.model_validate(bundle)  # FHIR R4B, validated
    resources: list[dict[str, Any]] = [e["resource"] for e in bundle["entry"]]
    assert len(parsed.entry or []) == len(resources)
    kinds = [r["resourceType"] for r in resources]
    assert kinds.count("QuestionnaireResponse") == 1
    observations = [r for r in resources if r["resourceType"] == "Observation"]
    for observation in observations:
        Observation.model_validate(observation)
    assert all(o["code"]["coding"][0]["code"] == "72514-3" for o in observations)

    def sites(o: dict[str, Any]) -> list[dict[str, str]]:
        coding: list[dict[str, str]] = o.get("bodySite", {}).get("coding", [])
        return coding

    lumbar = next(
        o for o in observations if sites(o)[:1] and sites(o)[0]["code"] == "lumbar_paraspinal_r"
    )
    systems = {c["system"]: c["code"] for c in sites(lumbar)}
    assert systems == {REGION_SYSTEM: "lumbar_paraspinal_r", SNOMED: "1017211000"}
    sacroiliac = next(
        o for o in observations if sites(o)[:1] and sites(o)[0]["code"] == "sacroiliac_r"
    )
    assert [c["system"] for c in sites(sacroiliac)] == [REGION_SYSTEM]
    json.dumps(bundle)


def test_fhir_bundle_has_a_patient_that_every_resource_refers_to(store: Store) -> None:
    bundle = fhir_bundle(
        build_summary(store, name="Ana Lima"), assessments=store.list_assessments()
    )
    Bundle.model_validate(bundle)
    patients = [e for e in bundle["entry"] if e["resource"]["resourceType"] == "Patient"]
    assert len(patients) == 1
    patient = patients[0]["resource"]
    assert patient["name"] == [{"text": "Ana Lima"}] and patient["gender"] == "female"
    others = [e["resource"] for e in bundle["entry"] if e is not patients[0]]
    assert others and all(r["subject"] == {"reference": patients[0]["fullUrl"]} for r in others)
    anonymous = fhir_bundle(build_summary(store))
    first = anonymous["entry"][0]["resource"]
    assert first["resourceType"] == "Patient" and "name" not in first
    assert first["identifier"][0]["value"] == "Person P-0001"


def test_snomed_structures_carry_laterality() -> None:
    assert snomed_structure("thigh_posterior_l") == ("61396006", "Structure of left thigh")
    assert snomed_structure("thigh_posterior_r") == ("11207009", "Structure of right thigh")
    assert snomed_structure("sacrum") is None


def test_csv_has_one_row_per_entry(store: Store) -> None:
    entries = store.list_entries()
    rows = list(csv.DictReader(io.StringIO(entries_csv(entries))))
    assert len(rows) == len(entries)
    assert rows[0]["at"] == "2025-03-03T07:30:00Z"
    assert "lumbar_paraspinal_r:" in rows[0]["pain"]


def test_one_daily_reminder_from_its_next_occurrence(store: Store) -> None:
    plan = build_summary(store).plan
    paris = ZoneInfo("Europe/Paris")
    before = datetime(2025, 3, 10, 18, 0, tzinfo=paris)  # 18:00 in Paris: 20:00 is ahead
    after = datetime(2025, 3, 10, 21, 0, tzinfo=paris)  # 21:00: the next 20:00 is tomorrow
    assert next_occurrence(time(20), "Europe/Paris", before) == datetime(
        2025, 3, 10, 20, 0, tzinfo=paris
    )
    assert next_occurrence(time(20), "Europe/Paris", after).date() == date(2025, 3, 11)
    calendar = Calendar.from_ical(
        daily_reminder(plan, at=time(20), zone="Europe/Paris", now=after, link="http://x/diary")
    )
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    event = events[0]
    rrule = event["RRULE"]
    assert isinstance(rrule, vRecur)
    assert rrule["FREQ"] == ["DAILY"] and "COUNT" not in rrule
    starts = event.decoded("DTSTART")
    assert starts == datetime(2025, 3, 11, 20, 0, tzinfo=paris) and starts > after
    assert len(list(event.walk("VALARM"))) == 1
    assert plan[0].title in str(event["DESCRIPTION"]) and str(event["URL"]) == "http://x/diary"
    text = daily_reminder([], at=time(7, 30), zone="UTC", now=after).decode()
    assert "RRULE:FREQ=DAILY" in text and "self-care plan" not in text
