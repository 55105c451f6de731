"""The compiled build (setup.py, `make compiled`): its module list, and no construct in those modules that
mypyc compiles into something slower or broken where Python would still pass every other test.

Building takes minutes, so the suite does not build; `make bench` checks the built modules code the
benchmark corpus exactly as the sources do (bench/compiled_same.py) before it times them.
"""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src"


def compiled_modules() -> list[Path]:
    """The files the compiled build compiles, as setup.py expands pyproject's [tool.polemos] compiled."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    patterns: list[str] = config["tool"]["polemos"]["compiled"]
    return sorted({p for pattern in patterns for p in SRC.glob(pattern) if p.name != "__init__.py"})


def test_every_pattern_names_files() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    for pattern in config["tool"]["polemos"]["compiled"]:
        assert list(SRC.glob(pattern)), f"{pattern} matches no file under src/"


def test_the_stages_are_compiled() -> None:
    names = {p.relative_to(SRC).as_posix() for p in compiled_modules()}
    assert "polemos/stages/extract.py" in names  # bench/compiled_same.py tells the builds apart by it
    assert {p.relative_to(SRC).as_posix() for p in (SRC / "polemos" / "stages").glob("*.py")} - names == {
        "polemos/stages/__init__.py"
    }


def _decorator_names(node: ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    names = set()
    for deco in node.decorator_list:
        target = deco.func if isinstance(deco, ast.Call) else deco
        names.add(target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", ""))
    return names


def mypyc_hazards(source: str) -> list[str]:
    """What in `source` mypyc would compile wrongly: a cached_property (a compiled class has no instance
    dict: the value is computed on every read), a runtime-checkable Protocol (fails at import), a
    generic dataclass (fails at import), a starred item in a membership test's tuple (`x in (a, *rest)`:
    mypyc 1.x stops with an internal error, so the build fails)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare) and any(isinstance(op, ast.In | ast.NotIn) for op in node.ops):
            for right in node.comparators:
                if isinstance(right, ast.Tuple | ast.List | ast.Set) and any(
                    isinstance(e, ast.Starred) for e in right.elts
                ):
                    found.append(f"line {node.lineno}: starred membership test")
        is_function = isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        if is_function and "cached_property" in _decorator_names(node):
            found.append(f"line {node.lineno}: cached_property {node.name}")
        if isinstance(node, ast.ClassDef):
            decorators = _decorator_names(node)
            if "runtime_checkable" in decorators:
                found.append(f"line {node.lineno}: runtime_checkable {node.name}")
            generic = any(
                isinstance(b, ast.Subscript) and getattr(b.value, "id", "") == "Generic" for b in node.bases
            )
            if generic and "dataclass" in decorators:
                found.append(f"line {node.lineno}: generic dataclass {node.name}")
    return found


@pytest.mark.parametrize("path", compiled_modules(), ids=lambda p: p.relative_to(SRC).as_posix())
def test_no_mypyc_hazard(path: Path) -> None:
    assert mypyc_hazards(path.read_text(encoding="utf-8")) == []


def test_the_hazard_check_sees_each_kind() -> None:
    source = """
import functools
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar, runtime_checkable
T = TypeVar("T")

class Lexicon:
    @functools.cached_property
    def word_classes(self) -> dict[str, str]:
        return {}

@runtime_checkable
class Lookup(Protocol):
    def find(self) -> None: ...

@dataclass(frozen=True)
class Match(Generic[T]):
    value: T

def national(code: str, here: str, others: frozenset[str]) -> bool:
    return code in (here, *others)
"""
    assert {h.split(": ", 1)[1] for h in mypyc_hazards(source)} == {
        "cached_property word_classes",
        "runtime_checkable Lookup",
        "generic dataclass Match",
        "starred membership test",
    }
