"""A disk cache of the checked atlas and of what is compiled from it, keyed by content.

Reading and checking the atlas costs far more than a command's own work, so the result is
kept as a pickle in the user cache folder (``~/.cache/myomap`` on Linux). The key is a
SHA-256 over every file of the atlas folder, every file of the ``myomap.atlas`` package
(code, built-in data and figures), the code that compiles from it, and the versions of
myomap, Python and pydantic: change any of them and the cache is rebuilt on the next load.
A cache that cannot be read or written is ignored, never an error.

``MYOMAP_CACHE_DIR`` moves the cache; ``MYOMAP_CACHE_DIR=off`` turns it off. The cache only
ever holds an atlas that passed every check: ``myomap atlas check`` never reads it.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
import sys
import tempfile
import weakref
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from myomap.atlas.model import Atlas

__all__ = ["CACHE_ENV", "atlas_key", "cache_dir", "cached_atlas", "cached_build", "cached_part"]

CACHE_ENV = "MYOMAP_CACHE_DIR"
"""Environment variable: the cache folder, or ``off`` for no cache."""

FORMAT = "1"
"""Bumped whenever the layout of the cache files changes."""

KEEP = 6
"""Cache files kept per kind (several atlas folders or versions may be in use)."""

T = TypeVar("T")

_PACKAGE = Path(__file__).resolve().parent
_KEYS: dict[int, tuple[weakref.ref[Atlas], str]] = {}


def cache_dir() -> Path | None:
    """The folder the cache lives in, or None when the cache is turned off."""
    override = os.environ.get(CACHE_ENV, "").strip()
    if override.lower() in {"off", "0", "false", "no", "none"}:
        return None
    if override:
        return Path(override).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("myomap", appauthor=False))


def atlas_key(root: Path) -> str:
    """The content hash that names the cached atlas read from ``root``."""
    import pydantic

    hasher = hashlib.sha256()
    for part in (FORMAT, _package_version(), sys.version, pydantic.VERSION):
        hasher.update(part.encode() + b"\0")
    root = root.resolve()
    if root.is_relative_to(_PACKAGE):  # the built-in atlas: hashed with the package below
        hasher.update(f"root {root.relative_to(_PACKAGE).as_posix()}\0".encode())
    else:
        _hash_tree(hasher, "root", root)
    _hash_tree(hasher, "code", _PACKAGE)
    return hasher.hexdigest()


def _package_version() -> str:
    """myomap's version; the package itself is always imported before any of its modules."""
    return str(getattr(sys.modules.get("myomap"), "__version__", "unknown"))


def cached_atlas(root: Path, build: Callable[[], Atlas]) -> Atlas:
    """The atlas read from ``root``: from the cache when its key matches, else ``build()``.

    ``build`` must raise for an atlas with problems, so that only a checked atlas is stored.
    """
    folder = cache_dir()
    if folder is None:
        return build()
    try:
        key = atlas_key(root)
    except (OSError, ImportError):
        return build()
    atlas = _read(folder / f"atlas-{key}.pickle", None)
    if not isinstance(atlas, Atlas):
        atlas = build()
        _write(folder, "atlas", key, atlas, None)
    _remember(atlas, key)
    return atlas


def cached_part(
    root: Path, build: Callable[[], Atlas], part: Callable[[Atlas], T], kind: type[T]
) -> T:
    """``part(atlas)`` of the atlas read from ``root``, kept in a cache file of its own under
    the atlas's key, so that a command needing only that part never unpickles the atlas.

    ``kind`` is the type ``part`` returns; it must pickle without the atlas's own classes."""
    folder = cache_dir()
    if folder is None:
        return part(build())
    try:
        key = atlas_key(root)
    except (OSError, ImportError):
        return part(build())
    name = part.__name__
    found = _read(folder / f"{name}-{key}.pickle", None)
    if isinstance(found, kind):
        return found
    result = part(cached_atlas(root, build))
    _write(folder, name, key, result, None)
    return result


def _remember(atlas: Atlas, key: str) -> None:
    """Note which key an atlas object was cached under, for as long as the object lives."""
    ident = id(atlas)

    def forget(_ref: weakref.ref[Atlas]) -> None:
        _KEYS.pop(ident, None)

    _KEYS[ident] = (weakref.ref(atlas, forget), key)


def cached_build(atlas: Atlas, build: Callable[[Atlas], T], kind: type[T]) -> T:
    """``build(atlas)``, cached next to the atlas when the atlas itself came from the cache.

    ``kind`` is the type ``build`` returns (what a cached file must hold). The atlas is not
    stored again: the cached object refers to the very ``atlas`` passed in.
    """
    folder = cache_dir()
    entry = _KEYS.get(id(atlas))
    if folder is None or entry is None or entry[0]() is not atlas:
        return build(atlas)
    hasher = hashlib.sha256(entry[1].encode())
    hasher.update(f"{build.__module__}.{build.__qualname__}".encode())
    source = sys.modules[build.__module__].__file__
    try:
        if source is not None:  # the whole package the build lives in, not only its module
            _hash_tree(hasher, "build", Path(source).resolve().parent)
        import numpy

        hasher.update(numpy.__version__.encode())
    except (OSError, ImportError):
        return build(atlas)
    key = hasher.hexdigest()
    name = build.__name__
    found = _read(folder / f"{name}-{key}.pickle", atlas)
    if isinstance(found, kind):
        return found
    result = build(atlas)
    _write(folder, name, key, result, atlas)
    return result


def _hash_tree(hasher: Any, label: str, top: Path) -> None:
    hasher.update(label.encode() + b"\0")
    for path in _files(top):
        hasher.update(path.relative_to(top).as_posix().encode() + b"\0")
        data = path.read_bytes()
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)


def _files(top: Path) -> Iterable[Path]:
    found: list[Path] = []
    for folder, dirs, names in os.walk(top):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not d.startswith("."))
        found.extend(Path(folder, n) for n in names if not n.endswith((".pyc", ".pyo")))
    return sorted(found)


class _Pickler(pickle.Pickler):
    def __init__(self, file: io.BytesIO, atlas: Atlas | None) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._atlas = atlas

    def persistent_id(self, obj: Any) -> str | None:
        return "atlas" if self._atlas is not None and obj is self._atlas else None


class _Unpickler(pickle.Unpickler):
    def __init__(self, file: io.BufferedReader, atlas: Atlas | None) -> None:
        super().__init__(file)
        self._atlas = atlas

    def persistent_load(self, pid: Any) -> Any:
        if pid == "atlas" and self._atlas is not None:
            return self._atlas
        raise pickle.UnpicklingError(f"unknown persistent id {pid!r}")


def _read(path: Path, atlas: Atlas | None) -> object | None:
    """The object stored at ``path``, or None if it is missing or cannot be read."""
    try:
        with path.open("rb") as f:
            found: object = _Unpickler(f, atlas).load()
    except Exception:  # a damaged or outdated cache file is rebuilt, whatever the damage
        return None
    return found


def _write(folder: Path, name: str, key: str, obj: object, atlas: Atlas | None) -> None:
    """Store ``obj`` atomically (write, then rename); give up quietly on any failure."""
    temp: Path | None = None
    try:
        buffer = io.BytesIO()
        _Pickler(buffer, atlas).dump(obj)
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=folder, suffix=".tmp", delete=False) as f:
            temp = Path(f.name)
            f.write(buffer.getvalue())
        os.replace(temp, folder / f"{name}-{key}.pickle")
        temp = None
        _prune(folder, name)
    except Exception:  # a cache that cannot be written only costs time
        if temp is not None:
            with contextlib.suppress(OSError):
                temp.unlink()


def _prune(folder: Path, name: str) -> None:
    """Keep the newest ``KEEP`` files of one kind."""
    files = sorted(folder.glob(f"{name}-*.pickle"), key=lambda p: p.stat().st_mtime)
    for old in files[:-KEEP]:
        old.unlink(missing_ok=True)
