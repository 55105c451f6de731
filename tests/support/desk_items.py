"""Short desk items written for the tests of a run's prevailing country (polemos.batch_country)."""

from __future__ import annotations

import json
from pathlib import Path

from polemos.model import Event
from polemos.storage import SqliteStore

# Short desk items written for these tests: each names a Libyan town, a Libyan force or both.
LIBYAN = [
    "Two soldiers were killed when gunmen attacked a checkpoint in Sabha.",
    "Clashes broke out between rival militias in Zawiya, leaving three fighters dead.",
    "A car bomb exploded near a police station in Benghazi, wounding four people.",
    "Residents of Misrata protested against power cuts outside the municipal council.",
    "An airstrike hit a farm south of Sirte, killing a shepherd.",
    "Armed men abducted a doctor in Gharyan on his way to the hospital.",
    "Fighters clashed near Tarhuna; no casualties were reported.",
    "A rocket fell on a house in Tripoli's Abu Salim district, injuring two children.",
    "Protesters blocked the coastal road in Zliten to demand salaries.",
    "Gunmen shot dead a judge in Derna.",
    "Militiamen stormed a bank in Ajdabiya and seized cash.",
]
ELSEWHERE = [
    "Two soldiers were killed when gunmen attacked a checkpoint in Kunduz.",
    "Clashes broke out between rival militias in Bunia, leaving three fighters dead.",
    "A car bomb exploded near a police station in Mogadishu, wounding four people.",
    "Residents of Maiduguri protested against power cuts outside the governor's office.",
    "An airstrike hit a farm south of Idlib, killing a shepherd.",
    "Armed men abducted a doctor in Kaduna on his way to the hospital.",
    "Fighters clashed near Gao; no casualties were reported.",
    "A rocket fell on a house in Aleppo, injuring two children.",
    "Protesters blocked the main road in Bamenda to demand salaries.",
    "Gunmen shot dead a judge in Peshawar.",
    "Militiamen stormed a bank in Juba and seized cash.",
]
# Names no country, no place, no force of any country.
NOWHERE = "Government forces retake a city after heavy fighting. No word of casualties."
# Names only the nationality of its victim, a foreigner where it happens.
FOREIGN_VICTIM = "A Danish national was stabbed to death outside his house by unknown assailants."


def desk_feed(tmp_path: Path, texts: list[str], name: str = "feed.jsonl") -> Path:
    path = tmp_path / name
    docs = [{"id": f"n{i}", "text": t, "published": "2016-05-03"} for i, t in enumerate(texts)]
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return path


def stored_by_document(db: Path) -> dict[str, list[Event]]:
    with SqliteStore(db) as store:
        events = store.events()
    by_doc: dict[str, list[Event]] = {}
    for e in events:
        by_doc.setdefault(e.sources[0].document_id, []).append(e)
    return by_doc
