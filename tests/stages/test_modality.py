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


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        # an ability used is a deed: "were able to retake" reports the retaking
        ("Government troops were able to retake the airport on Sunday.", "retake"),
        ("The rebels are eventually able to repel the attackers.", "repel"),
        # reports tell past deeds in the present: a present ability with no time still to come was used
        ("Rebel fighters are able to gain control of the town.", "gain"),
        ("Government forces, backed by tanks, are able to recapture the airport.", "recapture"),
        # what a report does not know is a detail of the event, not the event
        ("Rebel fighters gained ground near the port, casualties not reported.", "gained"),
        ("Militants stormed the village on Friday, the number of dead was not given.", "stormed"),
        # a strike suspended had begun
        ("Court workers suspended their strike on Monday.", "strike"),
        # a past clause that dates what was tried or escaped tells a fact
        ("The engineers were trying to defuse a device when it detonated in the market.", "detonated"),
        ("The governor narrowly avoided being killed when a car bomb exploded near his house.", "exploded"),
        # coercion reports a deed: the march they were made to join took place
        ("Villagers were forced by the authorities to join a march against the report.", "march"),
    ],
)
def test_modality_used_abilities_and_unknown_details_are_factual(nlp: Any, sentence: str, word: str) -> None:
    assert _reason(nlp, sentence, word) is None


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        # the copula above "able" still carries the modal, the negation or the plan
        ("The commander said his men will be able to retake the airport within days.", "retake"),
        ("The rebels were not able to retake the town.", "retake"),
        ("The militia was never able to capture the port.", "capture"),
        # a present ability with no sign that it was used is a boast
        ("The army is able to retake the town within a week.", "retake"),
        ("The army hopes to be able to recapture the city soon.", "recapture"),
        ("Rebel commanders are able to strike the capital again soon.", "strike"),
        # a present ability claimed is a boast
        ("The army says it is able to retake the town.", "retake"),
        # ... and a clause in the present does not date a fact ("when the army withdraws")
        ("The militants plan to attack the town when the army withdraws from it.", "withdraws"),
        # an event called off, put off or banned did not take place
        ("The government was forced to postpone the rally.", "rally"),
        ("Police banned the opposition march on Friday.", "march"),
        # a negated verb whose subject is the event itself still negates it
        ("Fighting was not reported in the city on Sunday.", "Fighting"),
    ],
)
def test_modality_failed_or_future_abilities_are_not_factual(nlp: Any, sentence: str, word: str) -> None:
    assert _reason(nlp, sentence, word) is not None
