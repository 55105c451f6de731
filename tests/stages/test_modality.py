"""Factuality of triggers: negated, future, intended, conditional, habitual, denied: not events."""

from __future__ import annotations

from typing import Any

import pytest

from polemos.stages.modality import non_factual_reason


def _reason(nlp: Any, sentence: str, word: str) -> str | None:
    doc = nlp(sentence)
    token = next(t for t in doc if t.text == word)
    return non_factual_reason(token)


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("The army captured the town on Monday.", "captured"),
        ("The LNA said it had entered the district.", "entered"),
        ("Fighting has concentrated around a flour factory.", "Fighting"),
        ("Militants attacked a checkpoint in the city, killing two soldiers.", "attacked"),
        ("After retaking the airport, the army announced the liberation of the capital.", "liberation"),
        # not knowing who did it does not deny that it happened
        ("A soldier is killed in the district, perpetrators not known.", "killed"),
    ],
)
def test_modality_factual_statements_pass(nlp: Any, sentence: str, word: str) -> None:
    assert non_factual_reason(next(t for t in nlp(sentence) if t.text == word)) is None


@pytest.mark.parametrize(
    ("sentence", "word", "reason_prefix"),
    [
        ("The commander vowed on Monday that it would be captured.", "captured", "modal"),
        ("The campaign aimed to retake the coastal city.", "retake", ""),
        ("Capturing the city would complete the campaign.", "Capturing", "modal"),
        ("The rebels plan to attack the capital next week.", "attack", ""),
        ("They launched an operation to capture Sirte.", "capture", ""),
        ("The army did not attack the village.", "attack", "negated"),
        ("If the talks fail, the militia will storm the city.", "storm", ""),
        ("The group denied carrying out the bombing.", "bombing", ""),
        ("The east is free of fighting.", "fighting", "negated"),
        ("Militias fight periodic street battles in the capital.", "battles", ""),
    ],
)
def test_modality_non_events_are_flagged(nlp: Any, sentence: str, word: str, reason_prefix: str) -> None:
    reason = _reason(nlp, sentence, word)
    assert reason is not None
    assert reason.startswith(reason_prefix)
