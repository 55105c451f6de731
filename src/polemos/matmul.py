"""Which matrix-multiply library the spaCy network runs on, and how many threads it may use.

About half of the parse's time is matrix products (the token-to-vector layers, the parser's feature
layer). thinc runs them with BLIS by default; the OpenBLAS that numpy ships multiplies the same float32
matrices about twice as fast on the machines we measured (x86-64 with AVX2/AVX-512: 72 vs 147 GFLOP/s
on one core) and gives the same parses (every tag, head and label of 2,067 sentences of the benchmark
corpus). So `load_nlp` builds the pipeline on thinc's numpy ops ("openblas"); `POLEMOS_MATMUL=blis`
keeps thinc's default, for a machine where BLIS is the faster of the two.

OpenBLAS starts a thread per core for products of the size a batch of sentences makes. A coding process
already has a core to itself (the batch path runs one per core), and the extra threads spin: the CPU time
of a parse went up by two thirds on two cores. `limit_blas_threads` keeps it to one thread, once per
process that codes until it ends (`pipeline.load_coder`); a library user who builds a Coder directly
keeps OpenBLAS's own choice.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

from polemos.errors import ModelError

MATMUL_ENV = "POLEMOS_MATMUL"
CHOICES = ("openblas", "blis")
DEFAULT = "openblas"

_limits: object | None = None  # threadpoolctl's limiter, kept so that the limit holds for the process


def matmul_library() -> str:
    """The library named by POLEMOS_MATMUL (default "openblas"); a clear error for any other name."""
    chosen = os.environ.get(MATMUL_ENV, DEFAULT).strip().lower() or DEFAULT
    if chosen not in CHOICES:
        raise ModelError(f"{MATMUL_ENV}={chosen!r}: expected one of {', '.join(CHOICES)}")
    return chosen


@contextlib.contextmanager
def model_ops() -> Iterator[None]:
    """Within this block, thinc layers are made on the chosen library's ops: load a spaCy pipeline in it.

    The ops are thinc's current ops only for the block; a layer keeps the ops it was made with.
    """
    if matmul_library() == "blis":
        yield
        return
    from thinc.api import use_ops

    with use_ops("numpy", use_blis=False):
        yield


def limit_blas_threads() -> None:
    """Keep OpenBLAS (and any other BLAS numpy loaded) to one thread in this process, once."""
    global _limits
    if _limits is not None:
        return
    from threadpoolctl import threadpool_limits

    _limits = threadpool_limits(limits=1, user_api="blas")
