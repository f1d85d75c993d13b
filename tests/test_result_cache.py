"""tests/result_cache.py: a kept answer is read back only for the same inputs; failures are not kept."""
from __future__ import annotations

import pytest

from tests import result_cache


@pytest.fixture(autouse=True)
def _own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv(result_cache.ENV, raising=False)


def counting(value):
    calls = []
    return calls, lambda: calls.append(1) or value


def test_an_answer_is_kept_and_read_back_for_the_same_key():
    calls, make = counting({"serious": []})
    assert result_cache.cached("t", "k1", make) == {"serious": []}
    assert result_cache.cached("t", "k1", make) == {"serious": []}
    assert len(calls) == 1
    result_cache.cached("t", "k2", make)
    assert len(calls) == 2


def test_an_answer_that_is_not_to_be_kept_is_computed_every_time():
    calls, make = counting({"serious": ["color-contrast"]})
    for _ in range(2):
        result_cache.cached("t", "k", make, keep=lambda v: not v["serious"])
    assert len(calls) == 2


def test_a_damaged_entry_is_computed_again_and_the_switch_turns_it_off(monkeypatch):
    calls, make = counting([1])
    result_cache.cached("t", "k", make)
    (result_cache.folder() / "t" / "k.json").write_text("{not json", encoding="utf-8")
    assert result_cache.cached("t", "k", make) == [1] and len(calls) == 2
    monkeypatch.setenv(result_cache.ENV, "0")
    result_cache.cached("t", "k", make)
    assert len(calls) == 3


def test_the_site_digest_follows_every_file_but_the_pdfs(tmp_path):
    site = tmp_path / "site"
    (site / "en").mkdir(parents=True)
    (site / "en" / "index.html").write_text("<p>a</p>", encoding="utf-8")
    first = result_cache.site_digest(site)
    (site / "en" / "brief.pdf").write_bytes(b"%PDF")
    result_cache.site_digest.cache_clear()
    assert result_cache.site_digest(site) == first
    (site / "assets.css").write_text("p{}", encoding="utf-8")
    result_cache.site_digest.cache_clear()
    assert result_cache.site_digest(site) != first
    assert result_cache.folder().is_relative_to(tmp_path / "xdg")  # outside the checkout
