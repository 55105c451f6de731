"""The spaCy network's matrix products: OpenBLAS by default, BLIS on request, the same parses either way."""

from __future__ import annotations

from typing import Any

import pytest

from polemos.errors import ModelError
from polemos.matmul import MATMUL_ENV, limit_blas_threads, matmul_library, model_ops

# Sentences of the kinds the coder parses: long and short, a clause in a clause, a toll, a quote.
SENTENCES = [
    "Militiamen loyal to the council shelled the market district of Kolwa on Tuesday, killing four traders.",
    "Police fired tear gas at students who had blocked the road to the university in protest at fees.",
    "The army said it had retaken the border post after two days of fighting with the insurgents.",
    "A roadside bomb wounded three soldiers near Dalet.",
    '"We will not leave," a spokesman for the protesters told reporters outside the ministry.',
    "Unidentified gunmen abducted a local chief from his home in the village of Marro late on Friday night.",
]


def _parse(nlp: Any) -> list[list[tuple[str, str, int, str]]]:
    return [[(t.tag_, t.dep_, t.head.i, t.lemma_) for t in doc] for doc in nlp.pipe(SENTENCES)]


def test_default_is_openblas_and_blis_may_be_chosen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(MATMUL_ENV, raising=False)
    assert matmul_library() == "openblas"
    monkeypatch.setenv(MATMUL_ENV, " BLIS ")
    assert matmul_library() == "blis"


def test_an_unknown_library_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(MATMUL_ENV, "mkl")
    with pytest.raises(ModelError, match=r"POLEMOS_MATMUL='mkl'.*openblas, blis"):
        matmul_library()


def test_the_loaded_pipeline_multiplies_with_openblas(nlp: Any) -> None:
    tok2vec = nlp.get_pipe("tok2vec").model
    assert all(not layer.ops.use_blis for layer in tok2vec.walk())


def test_both_libraries_give_the_same_parses(monkeypatch: pytest.MonkeyPatch) -> None:
    import spacy
    from thinc.api import get_current_ops

    from polemos.config import DEFAULT_MODEL

    before = get_current_ops()
    monkeypatch.setenv(MATMUL_ENV, "openblas")
    with model_ops():
        fast = spacy.load(DEFAULT_MODEL, exclude=["ner"])
    assert get_current_ops() is before  # the choice holds for the pipeline, not for thinc at large
    monkeypatch.setenv(MATMUL_ENV, "blis")
    with model_ops():
        default = spacy.load(DEFAULT_MODEL, exclude=["ner"])
    assert not fast.get_pipe("tok2vec").model.ops.use_blis
    assert default.get_pipe("tok2vec").model.ops.use_blis
    assert _parse(fast) == _parse(default)


def test_a_coding_process_keeps_blas_to_one_thread() -> None:
    from threadpoolctl import threadpool_info

    limit_blas_threads()
    limit_blas_threads()  # once per process: a second call changes nothing
    blas = [pool for pool in threadpool_info() if pool["user_api"] == "blas"]
    assert blas, "numpy loads a BLAS"
    assert all(pool["num_threads"] == 1 for pool in blas)
