"""docgen's cache folder: entries checked on reading, written whole, bounded, the user's own, or off."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from docgen.cache import Store, cache_dir, clear_cache


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DOCGEN_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _entry(folder: Path, kind: str = "things") -> Path:
    (entry,) = (folder / kind).glob("*.entry")
    return entry


def test_a_value_comes_back_as_it_was_stored(folder: Path) -> None:
    store = Store("things", 1 << 20)
    value = ([("a", b"\x00\x01", 3, True)], {"x": b"y"}, {"ids": ("r1", "r2")}, 7)
    store.put("k", value)
    assert store.get("k") == value and store.get("other") is None
    assert cache_dir() == folder
    assert oct(folder.stat().st_mode & 0o777) == "0o700" and oct((folder / "things").stat().st_mode & 0o777) == "0o700"


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # cut short, as by a full disk
        lambda data: data[:-1] + bytes([data[-1] ^ 1]),  # one bit changed
        lambda data: b"not docgen's at all",
        lambda data: b"",
    ],
)
def test_a_damaged_entry_is_not_used_and_removed(folder: Path, damage: object) -> None:
    store = Store("things", 1 << 20)
    store.put("k", ("good", 1))
    entry = _entry(folder)
    entry.write_bytes(damage(entry.read_bytes()))  # type: ignore[operator]
    assert store.get("k") is None
    assert not entry.exists()
    store.put("k", ("good", 1))
    assert store.get("k") == ("good", 1)


def test_the_least_recently_used_entries_go_when_the_kind_is_full(folder: Path) -> None:
    store = Store("things", 3 * 1100)
    for n in range(3):
        store.put(f"k{n}", b"x" * 1000)
        os.utime(_entries(folder)[f"k{n}"], ns=(n * 10**9, n * 10**9))
    assert store.get("k0") is not None  # read: used most recently now
    store.put("k3", b"x" * 1000)
    assert set(_entries(folder)) == {"k0", "k2", "k3"}


def _entries(folder: Path) -> dict[str, Path]:
    return {p.stem: p for p in (folder / "things").glob("*.entry")}


def test_writers_at_once_leave_a_whole_entry_and_readers_never_see_half_of_one(folder: Path) -> None:
    store = Store("things", 1 << 24)
    values = [bytes([n]) * 200_000 for n in range(4)]
    seen: list[object] = []

    def write(value: bytes) -> None:
        for _ in range(20):
            store.put("k", value)

    def read() -> None:
        for _ in range(60):
            seen.append(store.get("k"))

    threads = [threading.Thread(target=write, args=(v,)) for v in values] + [threading.Thread(target=read)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(value is None or value in values for value in seen)
    assert store.get("k") in values
    assert [p.name for p in (folder / "things").iterdir()] == [_entry(folder).name]  # no temporary file left


def test_a_folder_others_may_write_to_is_not_used(folder: Path) -> None:
    store = Store("things", 1 << 20)
    store.put("k", 1)
    folder.chmod(0o777)
    assert store.get("k") is None
    store.put("j", 2)
    assert len(list((folder / "things").glob("*.entry"))) == 1  # nothing new written
    folder.chmod(0o700)
    assert store.get("k") == 1


def test_no_cache_reads_and_writes_nothing(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store("things", 1 << 20)
    store.put("k", 1)
    monkeypatch.setenv("DOCGEN_NO_CACHE", "1")
    assert store.get("k") is None
    store.put("j", 2)
    assert len(list((folder / "things").glob("*.entry"))) == 1
    monkeypatch.setenv("DOCGEN_NO_CACHE", "0")
    assert store.get("k") == 1
    monkeypatch.setenv("DOCGEN_CACHE_DIR", "")  # set empty: off, as the layout memory reads it too
    assert store.get("k") is None


def test_held_names_the_keys_with_an_entry_as_get_would_find_them(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store("things", 1 << 20)
    assert store.held(["k"]) == set()  # no folder yet
    store.put("k", 1)
    store.put("j", 2)
    assert store.held(["k", "x", "j"]) == {"k", "j"} == {key for key in ("k", "x", "j") if store.get(key) is not None}
    folder.chmod(0o777)
    assert store.held(["k"]) == set()  # a folder others may write to is not read
    folder.chmod(0o700)
    monkeypatch.setenv("DOCGEN_NO_CACHE", "1")
    assert store.held(["k"]) == set()


def test_clear_removes_every_entry(folder: Path) -> None:
    Store("things", 1 << 20).put("k", 1)
    Store("others", 1 << 20).put("k", 2)
    assert clear_cache() == 2
    assert not list(folder.rglob("*.entry")) and clear_cache() == 0
