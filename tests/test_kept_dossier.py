"""The loaded dossier kept in the process (macros/kept_dossier.py, through macros.site._load), for the
rebuilds of `make serve`: unchanged data/ gives the kept load back; any change, a failed load or a
symbolic link means a full load with every check; nothing is written to disk."""
from __future__ import annotations

import os

import pytest

from macros import kept_dossier, load, site
from macros.problems import DossierError
from tests.helpers import fixture_data


@pytest.fixture
def kept(tmp_path, monkeypatch):
    """A new process's kept load, and a home whose cache folder must stay empty."""
    monkeypatch.setattr(site, "kept", kept_dossier.KeptDossier())
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg"


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
    assert again is first  # the same frozen model: nothing can change it between builds
    assert loads == [data]
    assert not kept.exists() or not [p for p in kept.rglob("*") if p.is_file()], "the load was written to disk"


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
    assert site.kept.get(data) is None


def test_a_symbolic_link_in_data_is_never_answered_from_the_cache(kept, loads, tmp_path):
    data = fixture_data(tmp_path)
    site._load(data)
    os.symlink("/etc/hostname", data / "sources" / "planted.yml")
    assert kept_dossier.key(data) is None
    with pytest.raises(DossierError, match="symbolic link|symlink"):
        site._load(data)
    assert len(loads) == 2


def test_another_folder_loads_afresh(kept, loads, tmp_path):
    data = fixture_data(tmp_path / "one")
    site._load(data)
    site._load(fixture_data(tmp_path / "two"))  # the same files elsewhere: records name their own files
    site._load(data)  # one load is kept, the latest
    assert len(loads) == 3


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
