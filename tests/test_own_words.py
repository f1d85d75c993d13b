"""Nothing copied (macros/own_words.py): a text of the dossier that follows a publisher's fingerprinted
sentence for seven words is refused, naming the reference; the dossier's own words and quotations pass."""
from __future__ import annotations

import pytest

from macros import own_words
from tests.helpers import fixture_data

SENTENCE = ("ASTANA — Kazakhstan’s proven recoverable gas reserves stand at 3.8 trillion cubic meters, "
            "comprising 2.2 trillion cubic meters of associated gas, the Committee of Geology said.")
PRINTS = {"data/references/r.yml": frozenset(own_words.fingerprint([SENTENCE]))}


@pytest.mark.parametrize("text", [
    "Kazakhstan’s proven recoverable gas reserves stand at {value}, the Committee says.",  # six words, then the value
    "kazakhstan's PROVEN recoverable gas reserves stand at 3.8 trillion",  # case and apostrophes folded
])
def test_a_run_of_seven_words_of_the_publisher_is_a_copy(text):
    found = own_words.shared_run(text, PRINTS)
    assert found is not None and found[1] == "data/references/r.yml"


@pytest.mark.parametrize("text", [
    "The Committee of Geology puts the country’s proven recoverable gas at {value}, most of it associated gas.",
    "The Committee says reserves “stand at 3.8 trillion cubic meters, comprising 2.2 trillion” of gas.",  # quoted
    "Kazakhstan’s proven recoverable gas reserves stand",  # fewer than seven words
])
def test_own_words_and_quotations_are_not_copies(text):
    assert own_words.shared_run(text, PRINTS) is None


def test_a_fingerprint_keeps_no_word_of_the_sentence():
    prints = own_words.fingerprint([SENTENCE])
    assert prints and all(len(h) == 16 and all(c in "0123456789abcdef" for c in h) for h in prints)
    assert not any(w in " ".join(prints) for w in ("kazakhstan", "reserves", "geology"))


def _data(tmp_path, summary: str):
    data = fixture_data(tmp_path)
    ref = data / "references"
    ref.mkdir(exist_ok=True)
    (ref / "r.yml").write_text("fingerprint:\n" + "".join(f'  - "{h}"\n' for h in own_words.fingerprint([SENTENCE])),
                               encoding="utf-8")
    (data / "note.yml").write_text(f'label: {{ru: "Запасы", en: "{summary}"}}\n', encoding="utf-8")
    return data


def test_make_check_names_the_text_the_words_and_the_reference(tmp_path):
    from macros.checks import data_copy_problems

    data = _data(tmp_path, "Kazakhstan’s proven recoverable gas reserves stand at a record")
    (problem,) = data_copy_problems(data, own_words.prints_of(data))
    assert str(problem).startswith("data/note.yml:1: ")
    assert "the label (en) follows the words «kazakhstans proven recoverable gas reserves stand at» of a sentence " \
           "fingerprinted in data/references/r.yml — say it in your own words" in str(problem)
    assert data_copy_problems(_data(tmp_path / "ok", "Gas the Committee counts as proven and recoverable"),
                              own_words.prints_of(tmp_path / "ok" / "data")) == []


def test_a_reproduced_source_is_fingerprinted_from_its_paragraphs(tmp_path):
    data = fixture_data(tmp_path)
    prints = own_words.prints_of(data)
    assert own_words.shared_run("Как сказано: На Астану приходится 40% мирового производства урана.", prints)
    assert own_words.shared_run("Как сказано: «На Астану приходится 40% мирового производства урана».", prints) is None
