"""Every file the app hands out is named ``myomap-<what>-<date>.<extension>``: the route's
extension last, so it opens with a double-click or a tap."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from servers import (
    fast_hashes,  # noqa: F401 - an autouse fixture
    make_user,
    server_app,
    signed_in,
)
from test_authz_matrix import api_routes

from myomap.web.diary.files import file_name

EXTENSIONS = (".pdf", ".json", ".csv", ".ics")
EVIDENCE = {"pain": [{"region": "lumbar_paraspinal_r", "intensity": 6}]}
ENTRY = {"overall": 4, "pain": {"sacrum": 3}, "note": "after the drive"}
FILENAME = re.compile(r'attachment; filename="([^"]+)"')


def test_file_name_puts_the_extension_last() -> None:
    assert file_name("report", "pdf", day=date(2026, 12, 2)) == "myomap-report-2026-12-02.pdf"
    assert file_name("fhir", ".json", day=date(2026, 12, 2)) == "myomap-fhir-2026-12-02.json"


def test_every_download_route_names_its_file_with_its_extension(tmp_path: Path) -> None:
    with server_app(tmp_path) as (app, store):
        make_user(store, "ana@example.org")
        make_user(store, "dr.lee@example.org", role="clinician")
        ana = signed_in(app, store, "ana@example.org")
        lee = signed_in(app, store, "dr.lee@example.org")
        assert ana.post("/api/v1/assessments", json={"evidence": EVIDENCE}).status_code == 201
        assert ana.post("/api/v1/diary", json=ENTRY).status_code == 201
        code = ana.post("/api/v1/shares").json()["code"]
        patient = lee.post("/api/v1/clinic/invites", json={"code": code}).json()["id"]

        routes = sorted(
            path
            for method, path in api_routes(app)
            if method == "GET" and path.endswith(EXTENSIONS) and path != "/openapi.json"
        )
        assert {"/downloads/report.pdf", "/downloads/diary.csv"} <= set(routes)
        assert any(p.startswith("/clinic/") for p in routes)
        for path in routes:
            client = lee if path.startswith("/clinic/") else ana
            response = client.get(path.replace("{patient_id}", str(patient)))
            assert response.status_code == 200, (path, response.text[:200])
            found = FILENAME.search(response.headers.get("content-disposition", ""))
            assert found is not None, path
            name = found.group(1)
            assert name.startswith("myomap-"), (path, name)
            assert name.endswith(Path(path).suffix), (path, name)
            assert name.count(".") == 1, (path, name)
