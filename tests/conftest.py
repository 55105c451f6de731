"""Shared fixtures: the seed articles with their gold, and the real spaCy pipeline (loaded once)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = FIXTURES / "seeds"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def seed_manifest() -> list[dict[str, Any]]:
    return _jsonl(SEEDS / "manifest.jsonl")


@pytest.fixture(scope="session")
def seed_gold() -> list[dict[str, Any]]:
    return _jsonl(SEEDS / "gold-events.jsonl")


@pytest.fixture(scope="session")
def nlp() -> Any:
    from polemos.config import DEFAULT_MODEL
    from polemos.stages.annotate import load_nlp

    return load_nlp(DEFAULT_MODEL)


@pytest.fixture(scope="session")
def coder() -> Any:
    from polemos.config import Settings
    from polemos.pipeline import Coder

    return Coder(Settings())
