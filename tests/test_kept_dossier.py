"""The loaded dossier kept between builds (hooks/kept_dossier.py, through macros.site._load): unchanged
data/ and code give the kept load back; any change, a failed load, a symbolic link, or a corrupt or
planted cache file means a full load with every check. Each test has its own cache folder."""
from __future__ import annotations

import os

import pytest

from hooks import kept_dossier, verdicts
from macros import load, site
from macros.problems import DossierError
from tests.helpers import fixture_data


@pytest.fixture
def kept(tmp_path, monkeypatch):
    monkeypatch.setenv(verdicts.CACHE_ENV, str(tmp_path / "verdicts"))
    monkeypatch.setattr(site, "kept", kept_dossier.KeptDossier())
    return tmp_path / "verdicts"


@pytest.fixture
def loads(monkeypatch):
    """The data folders loaded in full (not answered from the kept load)."""
    calls: list = []
    real = load.load_dossier

    def counted(where):
        calls.append(where)
        return real(where)

    monkeypatch.setattr(site, "load_dossier", counted)
    return calls


def test_unchanged_data_is_answered_from_the_kept_load(kept, loads, tmp_path):
    data = fixture_data(tmp_path)
    first = site._load(data)
    again = site._load(data)
    assert again == first and again is not first
    assert loads == [data]
    assert [p.name for p in kept.iterdir()] == [f"dossier-{verdicts.code_digest()}.pickle"]


def test_a_changed_file_is_loaded_and_checked_again(kept, loads, tmp_path):
    data = fixture_data(tmp_path)
    site._load(data)
    figures = data / "figures.yml"
    figures.write_text(figures.read_text(encoding="utf-8") + "\n# an edit\n", encoding="utf-8")
    site._load(data)
    (data / "sources" / "extra.yml").write_text("id: broken\n", encoding="utf-8")  # a new file: refused in full
    with pytest.raises(DossierError):
        site._load(data)
    assert len(loads) == 3


def test_a_failed_load_is_never_kept(kept, loads, tmp_path):
    data = fixture_data(tmp_path, {"figures.yml": ("id:", "id: [")})
    for _ in range(2):
        with pytest.raises(DossierError):
            site._load(data)
    assert len(loads) == 2
    assert not kept.exists() or not list(kept.glob("dossier-*"))


def test_a_symbolic_link_in_data_is_never_answered_from_the_cache(kept, loads, tmp_path):
    data = fixture_data(tmp_path)
    site._load(data)
    os.symlink("/etc/hostname", data / "sources" / "planted.yml")
    assert kept_dossier.key(data) is None
    with pytest.raises(DossierError, match="symbolic link|symlink"):
        site._load(data)
    assert len(loads) == 2


def test_a_corrupt_or_planted_cache_file_is_a_miss(kept, loads, tmp_path):
    data = fixture_data(tmp_path)
    site._load(data)
    (file,) = kept.glob("dossier-*.pickle")
    stored_key = file.read_bytes().partition(b"\n")[0]
    file.write_bytes(stored_key + b"\nnot a pickle")
    site._load(data)
    file.unlink()
    planted = tmp_path / "planted"
    planted.write_bytes(b"whatever")
    os.symlink(planted, file)
    site._load(data)
    assert len(loads) == 3


def test_other_code_or_another_folder_loads_afresh(kept, loads, tmp_path, monkeypatch):
    data = fixture_data(tmp_path / "one")
    site._load(data)
    site._load(fixture_data(tmp_path / "two"))  # the same files elsewhere: records name their own files
    monkeypatch.setattr(verdicts, "_code", "f" * 32)
    site._load(data)
    assert len(loads) == 3


def test_a_cache_that_cannot_be_written_is_no_cache(tmp_path, monkeypatch, loads):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv(verdicts.CACHE_ENV, str(blocked / "verdicts"))
    monkeypatch.setattr(site, "kept", kept_dossier.KeptDossier())
    data = fixture_data(tmp_path)
    assert site._load(data) == site._load(data)
    assert len(loads) == 2


def test_the_data_digest_is_read_again_when_a_file_changes(tmp_path):
    data = fixture_data(tmp_path)
    first = kept_dossier.key(data)
    assert kept_dossier.key(data) == first
    figures = data / "figures.yml"
    text = figures.read_text(encoding="utf-8")
    at = text.index("a")
    figures.write_text(text[:at] + "b" + text[at + 1:], encoding="utf-8")  # the same size, other bytes
    os.utime(figures, ns=(figures.stat().st_atime_ns, figures.stat().st_mtime_ns + 1_000_000))
    assert kept_dossier.key(data) not in (None, first)
