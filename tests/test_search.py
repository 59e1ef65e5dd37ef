"""Muscle search by the words people use (web/atlas/search.py), on the page and in the API."""

from __future__ import annotations

import re
from html import unescape

import pytest
from fastapi.testclient import TestClient

from myomap.atlas import Atlas
from myomap.web.atlas.pages import EXAMPLES
from myomap.web.atlas.search import search


def ids(atlas: Atlas, query: str) -> list[str]:
    return [h.muscle.id for h in search(atlas, query)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("tennis elbow", {"extensor_carpi_radialis", "finger_extensors", "supinator"}),
        ("sciatica", {"piriformis", "gluteus_minimus"}),
        ("headache", {"temporalis", "upper_trapezius", "sternocleidomastoid", "suboccipitals"}),
        ("heel", {"soleus", "quadratus_plantae", "abductor_hallucis"}),
        ("lower back", {"quadratus_lumborum", "iliocostalis_lumborum", "multifidus_rotatores"}),
        ("knee", {"vastus_medialis", "rectus_femoris", "biceps_femoris", "popliteus"}),
        ("psoas", {"iliopsoas"}),
        ("frozen shoulder", {"subscapularis"}),
        ("plantar heel pain", {"soleus", "quadratus_plantae"}),
        ("tension headache", {"temporalis", "suboccipitals"}),
    ],
)
def test_people_s_words_find_the_muscles_linked_to_them(
    atlas: Atlas, query: str, expected: set[str]
) -> None:
    found = ids(atlas, query)
    assert expected <= set(found), (query, found)


def test_tennis_elbow_ranks_the_forearm_muscles_first_and_nothing_far_away(atlas: Atlas) -> None:
    hits = search(atlas, "tennis elbow")
    assert {h.muscle.id for h in hits[:4]} >= {
        "extensor_carpi_radialis",
        "finger_extensors",
        "supinator",
    }
    assert all(h.kind == "condition" and h.matched == "tennis elbow" for h in hits[:3])
    assert not {"piriformis", "temporalis", "soleus"} & {h.muscle.id for h in hits}


def test_knee_finds_more_than_the_popliteus_and_sciatica_stays_in_the_buttock(
    atlas: Atlas,
) -> None:
    assert len(ids(atlas, "knee")) >= 8
    assert set(ids(atlas, "sciatica")) <= {
        "piriformis",
        "gluteus_minimus",
        "gemelli",
        "obturator_internus",
        "gluteus_medius",
        "quadratus_femoris",
    }


@pytest.mark.parametrize(
    ("typo", "muscle"),
    [("sciatca", "piriformis"), ("hedache", "temporalis"), ("tenis elbo", "supinator")],
)
def test_a_typo_still_finds_it(atlas: Atlas, typo: str, muscle: str) -> None:
    assert muscle in ids(atlas, typo)


def test_nonsense_and_filler_alone_find_nothing(atlas: Atlas) -> None:
    assert search(atlas, "xyzzy") == []
    assert search(atlas, "") == []
    assert search(atlas, "   ") == []
    assert search(atlas, "pain") == []  # not every muscle


def test_ranking_is_best_first(atlas: Atlas) -> None:
    hits = search(atlas, "lower back")
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)
    assert hits[0].matched.lower() == "lower back pain"


@pytest.mark.parametrize("example", EXAMPLES)
def test_every_suggested_example_finds_muscles(atlas: Atlas, example: str) -> None:
    assert search(atlas, example)


def _status(html: str) -> str:
    found = re.search(r'<p id="search-status"[^>]*>(.*?)</p>', html, re.S)
    assert found
    return unescape(found.group(1)).strip()


def _hit_links(html: str) -> list[str]:
    listing = re.search(r'<ol class="az hits">(.*?)</ol>', html, re.S)
    return re.findall(r'href="/muscles/([a-z_]+)"', listing.group(1)) if listing else []


@pytest.mark.parametrize("query", ["tennis elbow", "knee", "psoas", "headache", "heel"])
def test_the_page_count_equals_the_list(client: TestClient, atlas: Atlas, query: str) -> None:
    response = client.get("/muscles", params={"q": query})
    assert response.status_code == 200
    listed = _hit_links(response.text)
    assert listed == ids(atlas, query)
    count = len(listed)
    assert _status(response.text) == f"{count} muscle{'' if count == 1 else 's'} match."
    assert f'data-count="{count}"' in response.text
    assert f'value="{query}"' in response.text  # the box keeps the words


def test_the_page_explains_why_each_muscle_matched(client: TestClient) -> None:
    html = client.get("/muscles", params={"q": "tennis elbow"}).text
    assert "Linked to: tennis elbow" in html
    assert "Best matches for ‘tennis elbow’" in html


def test_an_empty_result_shows_the_empty_state(client: TestClient) -> None:
    html = client.get("/muscles", params={"q": "xyzzy"}).text
    assert _status(html) == "0 muscles match."
    assert "No muscle matches ‘xyzzy’" in html
    assert 'href="/muscles?q=knee"' in html and 'href="/muscles?q=tennis+elbow"' in html
    assert 'href="/muscles#g-lower_limb"' in html  # browsing by body region
    assert "/muscles#g-head" in html
    assert _hit_links(html) == []


def test_without_a_query_the_whole_index_shows(client: TestClient, atlas: Atlas) -> None:
    html = client.get("/muscles").text
    assert _status(html) == ""
    assert html.count('<ul class="az">') == 1
    az = re.search(r'<ul class="az">(.*?)</ul>', html, re.S)
    assert az and len(re.findall(r"<li>", az.group(1))) == len(atlas.muscles)


def test_a_query_is_escaped(client: TestClient) -> None:
    html = client.get("/muscles", params={"q": "<script>alert(1)</script>"}).text
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;" in html


def test_the_api_searches_too(client: TestClient, atlas: Atlas) -> None:
    everything = client.get("/api/v1/muscles").json()
    assert [m["id"] for m in everything] == list(atlas.muscles)
    assert all(m["match"] is None for m in everything)
    found = client.get("/api/v1/muscles", params={"q": "tennis elbow"}).json()
    assert [m["id"] for m in found] == ids(atlas, "tennis elbow")
    first = found[0]
    assert first["match"]["text"] == "tennis elbow" and first["match"]["kind"] == "condition"
    assert first["url"] == f"/muscles/{first['id']}"
    assert client.get("/api/v1/muscles", params={"q": "xyzzy"}).json() == []


def test_an_overlong_query_is_refused_not_a_crash(client: TestClient) -> None:
    response = client.get("/api/v1/muscles", params={"q": "x" * 201})
    assert response.status_code == 422
    assert response.json()["error"]["field"]
