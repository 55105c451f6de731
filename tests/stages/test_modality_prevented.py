"""Events told as not (yet) happening: expected, anticipated, awaited, prevented, or awaited "ahead of"
are no events; the authorities' security measure against them (roadblocks, checkpoints) is the news.

Sentences are our own; each case names the general phenomenon it stands for.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from polemos.stages.modality import non_factual_reason


def _reason(nlp: Any, sentence: str, word: str) -> str | None:
    return non_factual_reason(next(t for t in nlp(sentence) if t.text == word))


@pytest.mark.parametrize(
    ("sentence", "word", "reason"),
    [
        # the event a verb kept from happening did not take place
        ("Security forces prevented a rally by opposition supporters in Velmora.", "rally", "prevented"),
        ("Mediators averted a strike by dock workers in Tarsek.", "strike", "prevented"),
        # an event expected or anticipated is still to come
        ("An attack on the garrison is expected.", "attack", "awaited"),
        ("Supplies were moved to Kalvo, where the rebels anticipate an assault.", "assault", "awaited"),
        ("Shops in Tarsek closed early because of expected protests.", "protests", "prospective"),
        # what a measure is taken "ahead of" or "in anticipation of" has not happened yet
        ("Riot police were deployed in Velmora ahead of the march.", "march", "prospective"),
        ("Troops reinforced the base in anticipation of an offensive.", "offensive", "prospective"),
    ],
)
def test_events_not_yet_happened_are_not_factual(nlp: Any, sentence: str, word: str, reason: str) -> None:
    assert _reason(nlp, sentence, word) == reason


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        # the people stopped "from" doing something protested all the same
        ("Police prevented protesters from reaching the parliament in Tarsek.", "protesters"),
        # an expected protest that did something took place
        ("The expected protest turned violent when police fired tear gas.", "protest"),
    ],
)
def test_events_that_took_place_stay_factual(nlp: Any, sentence: str, word: str) -> None:
    assert _reason(nlp, sentence, word) is None


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        # what was only tried or failed to be prevented took place
        ("Police intervened to attempt to prevent a march in Tarsek.", "march"),
        ("The troops were unable to prevent the attacks on the villages.", "attacks"),
    ],
)
def test_prevention_tried_is_no_prevention(nlp: Any, sentence: str, word: str) -> None:
    assert _reason(nlp, sentence, word) != "prevented"


def test_a_protest_the_police_prevent_is_no_protest(sub_event_types: Callable[[str], list[str]]) -> None:
    types = sub_event_types("Police prevented demonstrations in Tarsek on Friday by closing the main square.")
    assert not {"Peaceful protest", "Violent demonstration", "Protest with intervention"} & set(types)


def test_soldiers_setting_up_checkpoints_ahead_of_protests_take_a_security_measure(
    sub_event_types: Callable[[str], list[str]],
) -> None:
    types = sub_event_types("Soldiers set up checkpoints in Velmora on Monday ahead of planned protests.")
    assert types == ["Change to group/activity"]
    types = sub_event_types(
        "Security forces set up checkpoints in the capital on Friday ahead of planned anti-government "
        "protests."
    )
    assert types == ["Change to group/activity"]


def test_militants_setting_up_checkpoints_take_no_security_measure(
    sub_event_types: Callable[[str], list[str]],
) -> None:
    # the state's measure only: an armed group's checkpoints are no deployment of the authorities
    assert "Change to group/activity" not in sub_event_types(
        "Militants set up checkpoints on the highway near Velmora on Monday."
    )


@pytest.mark.parametrize(
    "text",
    [
        "Last month, government forces started a long-anticipated offensive on the rebel town of Kiri.",
        "The rebels launched the expected assault on the garrison at dawn.",
        "On Monday the militia began a much-feared attack on the market town.",
    ],
)
def test_an_awaited_event_set_going_took_place(nlp: Any, text: str) -> None:
    doc = nlp(text)
    noun = next(t for t in doc if t.lower_ in ("offensive", "assault", "attack"))
    assert non_factual_reason(noun) is None
