"""The cheap death-word test in front of the fatality readings never hides a claim they would find."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from polemos.stages import fatalities
from polemos.stages.fatality_verbs import may_tell_deaths

# Every sentence the fatality tests are written with (theirs are the most varied death reports we have).
_SOURCES = sorted(Path(__file__).parent.glob("test_fatalit*.py"))


def _sentences() -> list[str]:
    found = set()
    for path in _SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and " " in node.value:
                found.add(node.value)
    return sorted(found)


def test_the_fatality_tests_give_the_guard_plenty_to_check() -> None:
    assert len(_sentences()) > 150


def test_every_sentence_a_reading_finds_a_death_in_passes_the_guard(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fatalities, "may_tell_deaths", lambda text: True)
    with_claims = [s for s in _sentences() if fatalities.find_fatality_claims(s)]
    assert len(with_claims) > 100
    assert [s for s in with_claims if not may_tell_deaths(s)] == []


@pytest.mark.parametrize(
    "text",
    ["Protesters gathered in the square on Monday.", "The council met to discuss the budget."],
)
def test_a_sentence_without_a_death_word_skips_the_readings(text: str) -> None:
    assert not may_tell_deaths(text)
    assert fatalities.find_fatality_claims(text) == []
