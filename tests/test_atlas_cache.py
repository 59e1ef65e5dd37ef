"""The atlas cache: a warm load skips reading, any change rebuilds, damage is harmless."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

import myomap
from myomap.atlas import cache as atlas_cache
from myomap.atlas import load_atlas, loader
from myomap.atlas.cache import CACHE_ENV, cache_dir, cached_build
from myomap.atlas.names import region_names
from myomap.engine.model import Model, compile_model
from myomap.errors import AtlasError

TINY = Path(__file__).parent / "fixtures" / "atlas" / "valid"


@pytest.fixture()
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh cache folder for one test."""
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(folder))
    return folder


@pytest.fixture()
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Records every time an atlas folder is actually read and checked."""
    seen: list[Path] = []
    real = loader._load

    def counting(root: Path) -> myomap.Atlas:
        seen.append(root)
        return real(root)

    monkeypatch.setattr(loader, "_load", counting)
    return seen


@pytest.fixture()
def copy(tmp_path: Path) -> Path:
    """A copy of the tiny test atlas (with its own figures) that a test may change."""
    target = tmp_path / "atlas"
    shutil.copytree(TINY, target)
    return target


def test_second_load_comes_from_the_cache(store: Path, reads: list[Path], copy: Path) -> None:
    first = load_atlas(copy)
    second = load_atlas(copy)
    assert reads == [copy]
    assert second is not first
    assert second == first
    assert len(list(store.glob("atlas-*.pickle"))) == 1


def test_a_changed_data_file_rebuilds(store: Path, reads: list[Path], copy: Path) -> None:
    before = load_atlas(copy)
    path = copy / "atlas.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    after = load_atlas(copy)
    assert reads == [copy, copy]
    assert after.version != before.version


def test_a_changed_muscle_is_seen(store: Path, copy: Path) -> None:
    load_atlas(copy)
    path = copy / "muscles" / "alpha.yaml"
    text = path.read_text(encoding="utf-8")
    assert "name: Alpha\n" in text
    path.write_text(text.replace("name: Alpha\n", "name: Alpha changed\n"), "utf-8")
    assert load_atlas(copy).muscles["alpha"].name == "Alpha changed"


def test_a_new_package_version_rebuilds(
    store: Path, reads: list[Path], copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_atlas(copy)
    monkeypatch.setattr(myomap, "__version__", myomap.__version__ + ".post1")
    load_atlas(copy)
    assert reads == [copy, copy]


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05garbage"])
def test_a_damaged_cache_is_rebuilt(
    store: Path, reads: list[Path], copy: Path, damage: bytes
) -> None:
    good = load_atlas(copy)
    (cached,) = store.glob("atlas-*.pickle")
    cached.write_bytes(damage)
    assert load_atlas(copy) == good
    assert len(reads) == 2
    assert cached.read_bytes() != damage
    assert load_atlas(copy) == good
    assert len(reads) == 2


def test_an_unwritable_cache_is_ignored(
    tmp_path: Path, reads: list[Path], copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "cache"))
    assert load_atlas(copy).muscles
    assert load_atlas(copy).muscles
    assert len(reads) == 2


def test_off_turns_the_cache_off(
    reads: list[Path], copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CACHE_ENV, "off")
    assert cache_dir() is None
    load_atlas(copy)
    load_atlas(copy)
    assert len(reads) == 2


def test_cache_false_always_reads(store: Path, reads: list[Path], copy: Path) -> None:
    load_atlas(copy, cache=False)
    load_atlas(copy, cache=False)
    assert len(reads) == 2
    assert not store.exists()


def test_a_broken_atlas_is_never_cached(store: Path, copy: Path) -> None:
    (copy / "muscles" / "alpha.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(AtlasError, match="MYO000"):
            load_atlas(copy)
    assert not list(store.glob("atlas-*.pickle"))


def test_a_changed_figure_rebuilds(store: Path, reads: list[Path], copy: Path) -> None:
    load_atlas(copy)
    figure = copy / "figures" / "front.svg"
    figure.write_text(figure.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    load_atlas(copy)
    assert reads == [copy, copy]


def test_the_key_covers_the_package_code(copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    key = atlas_cache.atlas_key(copy)
    monkeypatch.setattr(atlas_cache, "_PACKAGE", TINY / "muscles")
    assert atlas_cache.atlas_key(copy) != key


def test_the_model_is_cached_next_to_the_atlas(store: Path, copy: Path) -> None:
    atlas = load_atlas(copy)
    built = cached_build(atlas, compile_model, Model)
    assert len(list(store.glob("compile_model-*.pickle"))) == 1
    again = cached_build(atlas, compile_model, Model)
    assert again is not built
    assert again.atlas is atlas
    fresh = compile_model(atlas)
    assert again.hypotheses == fresh.hypotheses
    assert np.array_equal(again.log_pain, fresh.log_pain)
    assert np.array_equal(again.yes, fresh.yes)


def test_an_uncached_atlas_compiles_without_the_cache(store: Path, copy: Path) -> None:
    atlas = load_atlas(copy, cache=False)
    model = cached_build(atlas, compile_model, Model)
    assert model.atlas is atlas
    assert not store.exists()


def test_region_names_come_from_their_own_cache_file(
    store: Path, reads: list[Path], copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = loader.load_region_names(copy)
    assert names == region_names(load_atlas(copy))
    assert reads == [copy]  # read once, for the atlas; the names come from it
    assert len(list(store.glob("region_names-*.pickle"))) == 1
    monkeypatch.setattr(atlas_cache, "cached_atlas", None)  # never reached on a warm start
    assert loader.load_region_names(copy) == names


def test_changed_regions_change_the_cached_names(store: Path, copy: Path) -> None:
    before = loader.load_region_names(copy)
    for path in copy.rglob("*.*"):  # the same atlas with the sacrum renamed everywhere
        if path.suffix in (".yaml", ".svg"):
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace("sacrum", "coccyx"), encoding="utf-8")
    after = loader.load_region_names(copy)
    assert "sacrum" in before.ids and "coccyx" in after.ids and "sacrum" not in after.ids
    assert after == region_names(load_atlas(copy, cache=False))


def test_region_names_without_a_cache(
    store: Path, copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CACHE_ENV, "off")
    assert loader.load_region_names(copy) == region_names(load_atlas(copy, cache=False))
    assert not store.exists()
