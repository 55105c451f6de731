"""Throughput and memory of the full polemos pipeline beside a plain spaCy pass over the same texts.

    python bench/throughput.py [DATA_DIR] [--out FILE.json] [--processes 1 2] [--repeat N] [--profile]
                               [--interleaved] [--spacy-matmul blis|openblas]

The corpus is read at run time from DATA_DIR (default: ../shared/data beside the repository) and never
copied: the seeds (seeds/*.txt, publication dates from seeds/manifest.jsonl), the `notes` of the two
ACLED dev files (acled/afghanistan-2020-03.csv, acled/libya-2017-h1.csv; published = the day after
event_date, as the evaluation reads them) and the WikiEvents dev documents (wikievents/dev.jsonl,
`text`). Missing parts are skipped; with none present the script says so and exits 0.

For each process count, two pools of worker processes run over the same chunks of the same texts:
polemos (clean + code each document with a Coder built once per process; `Coder.code_many` per chunk
where the pipeline has it) and spaCy (`nlp.pipe` with the same model, all components). Timing starts
once every worker has loaded (load time is reported apart); words are whitespace-separated tokens of
the raw texts. Peak RSS is each worker's own ru_maxrss; "total" sums the workers' peaks (an upper
bound of what the pool held at once).

`--interleaved` adds a steadier ratio for machines whose speed drifts (shared virtual machines): each
worker loads both pipelines and runs every chunk through both, in alternating order, timing each with
its own CPU clock, so that a slow spell slows both alike. Its figure is the ratio of the two CPU totals
(memory is not comparable there: both models share the process).
The plain spaCy pass runs as spaCy loads by default (thinc's BLIS products); polemos runs its products
on numpy's OpenBLAS, one thread a process (polemos/matmul.py). `--spacy-matmul openblas` runs the spaCy
pass on those same products, so that the report can tell what the library alone is worth.
polemos runs from whichever build this interpreter imports: the Python sources (the development
install), or the compiled build (setup.py; `make compiled` installs it in out/compiled, and `make bench`
runs this script with PYTHONPATH=out/compiled after bench/compiled_same.py has shown it codes the corpus
exactly as the sources do). The report says which (`polemos_build`).
A script, not a timed test: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import datetime as dt
import io
import json
import multiprocessing as mp
import os
import platform
import pstats
import resource
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data"
DEFAULT_OUT = REPO / "out" / "bench" / "throughput.json"
DEV_NOTES = ("afghanistan-2020-03.csv", "libya-2017-h1.csv")
CHUNK_DOCS = 25
PIPELINES = ("polemos", "spacy")

Text = tuple[str, str, str | None]  # (id, raw text, published ISO date or None)


# --- corpus -----------------------------------------------------------------------------------------------


def _day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return dt.datetime.strptime(value.strip(), "%d %B %Y").date()  # "21 March 2020"


def load_corpus(data: Path) -> dict[str, list[Text]]:
    """Return the corpus parts found under `data`: seeds, ACLED dev notes, WikiEvents dev documents."""
    parts: dict[str, list[Text]] = {}
    manifest = data / "seeds" / "manifest.jsonl"
    if manifest.exists():
        rows = [json.loads(x) for x in manifest.read_text(encoding="utf-8").splitlines() if x.strip()]
        parts["seeds"] = [
            (r["file"], (data / "seeds" / r["file"]).read_text(encoding="utf-8"), r.get("published"))
            for r in rows
        ]
    notes: list[Text] = []
    for name in DEV_NOTES:
        path = data / "acled" / name
        if not path.exists():
            continue
        with path.open(newline="", encoding="utf-8", errors="replace") as fh:
            for raw in csv.DictReader(fh):
                r = {k.lower(): v for k, v in raw.items()}
                published = (_day(r["event_date"]) + dt.timedelta(days=1)).isoformat()
                notes.append((r["event_id_cnty"], r["notes"], published))
    if notes:
        parts["acled_notes"] = notes
    wiki = data / "wikievents" / "dev.jsonl"
    if wiki.exists():
        docs = [json.loads(x) for x in wiki.read_text(encoding="utf-8").splitlines() if x.strip()]
        parts["wikievents"] = [(d["doc_id"], d["text"], None) for d in docs]
    return parts


def words(text: str) -> int:
    return len(text.split())


# --- workers ----------------------------------------------------------------------------------------------

_state: dict[str, Any] = {}


def _init(pipeline: str, model: str, ready: Any, spacy_matmul: str = "blis") -> None:
    """Load the pipeline once in this worker, then wait until every worker has."""
    if pipeline in ("polemos", "interleaved"):
        from polemos.config import Settings
        from polemos.pipeline import load_coder

        _state["coder"] = load_coder(Settings(model=model))
    if pipeline in ("spacy", "interleaved"):
        import spacy

        if spacy_matmul == "openblas":  # the products polemos runs on (polemos/matmul.py), one thread
            from thinc.api import use_ops

            from polemos.matmul import limit_blas_threads

            limit_blas_threads()
            with use_ops("numpy", use_blis=False):
                _state["nlp"] = spacy.load(model)
        else:  # thinc's default: BLIS
            _state["nlp"] = spacy.load(model)  # every component: tok2vec, tagger, parser, lemmatizer, ner
    # The worker's heap settled as polemos's own workers settle theirs (pipeline.load_coder): what was
    # loaded out of the garbage collector's sight, its thresholds raised; for the spaCy pass alike.
    from polemos.process_heap import settle_heap

    settle_heap()
    _state["pipeline"] = pipeline
    _state["cpu0"] = _cpu_seconds()
    ready.wait()


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def documents(chunk: Sequence[Text]) -> list[Any]:
    """The chunk's texts as polemos Documents, cleaned as ingest cleans them."""
    from polemos.model import Document
    from polemos.stages.clean import clean_text

    docs = []
    for doc_id, raw, published in chunk:
        cleaned = clean_text(raw)
        docs.append(
            Document(
                id=doc_id,
                text=cleaned.text,
                title=cleaned.title,
                url=cleaned.url,
                outlet=cleaned.outlet,
                published=dt.date.fromisoformat(published) if published else cleaned.published,
            )
        )
    return docs


def _code(chunk: Sequence[Text]) -> int:
    coder = _state["coder"]
    docs = documents(chunk)
    # A pipeline that codes documents together (one spaCy batch per chunk) says so with `code_many`.
    code_many = getattr(coder, "code_many", None)
    coded = code_many(docs) if code_many else [coder.code(d) for d in docs]
    return sum(len(events) for events in coded)


def _run_chunk(chunk: Sequence[Text]) -> tuple[int, int, int, float]:
    """Process one chunk; return (events or tokens, pid, peak RSS in KiB, CPU seconds since loaded)."""
    if _state["pipeline"] == "polemos":
        produced = _code(chunk)
    else:
        produced = sum(len(d) for d in _state["nlp"].pipe(raw for _, raw, _ in chunk))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return produced, os.getpid(), rss, _cpu_seconds() - _state["cpu0"]


def _run_both(job: tuple[int, Sequence[Text]]) -> tuple[float, float]:
    """Run one chunk through both pipelines (the first in turn by chunk number); their CPU seconds."""
    number, chunk = job
    spent = {"polemos": 0.0, "spacy": 0.0}
    for who in ("polemos", "spacy") if number % 2 else ("spacy", "polemos"):
        start = time.process_time()
        if who == "polemos":
            _code(chunk)
        else:
            sum(len(d) for d in _state["nlp"].pipe(raw for _, raw, _ in chunk))
        spent[who] += time.process_time() - start
    return spent["polemos"], spent["spacy"]


def measure_interleaved(
    texts: Sequence[Text], processes: int, model: str, spacy_matmul: str = "blis"
) -> dict[str, float]:
    """CPU seconds of each pipeline over the same chunks, run side by side in every worker."""
    ctx = mp.get_context("spawn")
    ready = ctx.Barrier(processes + 1)
    chunks = [texts[i : i + CHUNK_DOCS] for i in range(0, len(texts), CHUNK_DOCS)]
    ours = theirs = 0.0
    with ctx.Pool(processes, initializer=_init, initargs=("interleaved", model, ready, spacy_matmul)) as pool:
        ready.wait()
        for polemos_s, spacy_s in pool.imap_unordered(_run_both, list(enumerate(chunks))):
            ours, theirs = ours + polemos_s, theirs + spacy_s
    ratio = round(theirs / ours, 2)
    return {"polemos_cpu_s": round(ours, 2), "spacy_cpu_s": round(theirs, 2), "ratio": ratio}


@dataclass
class Result:
    pipeline: str
    processes: int
    docs: int
    words: int
    seconds: float
    load_seconds: float
    docs_per_s: float
    words_per_s: float
    cpu_seconds: float  # the workers' CPU time: less sensitive than wall time to load from elsewhere
    words_per_cpu_s: float
    peak_rss_mb_per_process: float
    peak_rss_mb_total: float
    produced: int  # polemos: events coded; spacy: tokens


def measure(
    pipeline: str, texts: Sequence[Text], processes: int, model: str, spacy_matmul: str = "blis"
) -> Result:
    """Time one pipeline over the texts with a pool of `processes` workers, after they have loaded."""
    ctx = mp.get_context("spawn")  # a clean interpreter per worker: honest load time and memory
    ready = ctx.Barrier(processes + 1)
    chunks = [texts[i : i + CHUNK_DOCS] for i in range(0, len(texts), CHUNK_DOCS)]
    started = time.perf_counter()
    with ctx.Pool(processes, initializer=_init, initargs=(pipeline, model, ready, spacy_matmul)) as pool:
        ready.wait()
        loaded = time.perf_counter()
        peaks: dict[int, int] = {}
        cpu: dict[int, float] = {}
        produced = 0
        for n, pid, rss, used in pool.imap_unordered(_run_chunk, chunks):
            produced += n
            peaks[pid] = max(peaks.get(pid, 0), rss)
            cpu[pid] = max(cpu.get(pid, 0.0), used)
        seconds = time.perf_counter() - loaded
    n_words = sum(words(t) for _, t, _ in texts)
    return Result(
        pipeline=pipeline,
        processes=processes,
        docs=len(texts),
        words=n_words,
        seconds=round(seconds, 2),
        load_seconds=round(loaded - started, 2),
        docs_per_s=round(len(texts) / seconds, 1),
        words_per_s=round(n_words / seconds),
        cpu_seconds=round(sum(cpu.values()), 2),
        words_per_cpu_s=round(n_words / sum(cpu.values())),
        peak_rss_mb_per_process=round(max(peaks.values()) / 1024),
        peak_rss_mb_total=round(sum(peaks.values()) / 1024),
        produced=produced,
    )


def profile(texts: Sequence[Text], model: str, top: int) -> str:
    """Profile the polemos pipeline in this process (load and coding apart); return the report."""
    out = io.StringIO()
    loading = cProfile.Profile()
    loading.enable()
    _init("polemos", model, _NoBarrier())
    loading.disable()
    coding = cProfile.Profile()
    coding.enable()
    _code(texts)
    coding.disable()
    for title, prof in (("load (once per process)", loading), ("coding", coding)):
        out.write(f"\n=== {title}: top {top} by cumulative time ===\n")
        pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(top)
        out.write(f"\n=== {title}: top {top} by own time ===\n")
        pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(top)
    return out.getvalue()


class _NoBarrier:
    def wait(self) -> None:
        return None


# --- report -----------------------------------------------------------------------------------------------


def table(results: Sequence[Result]) -> str:
    head = (
        f"{'pipeline':<9} {'procs':>5} {'docs':>6} {'words':>7} {'load s':>7} {'run s':>7} "
        f"{'docs/s':>8} {'words/s':>8} {'words/CPU-s':>11} {'RSS MB/proc':>11} {'RSS MB total':>12}"
    )
    lines = [head, "-" * len(head)]
    for r in results:
        lines.append(
            f"{r.pipeline:<9} {r.processes:>5} {r.docs:>6} {r.words:>7} {r.load_seconds:>7.1f} "
            f"{r.seconds:>7.1f} {r.docs_per_s:>8.1f} {r.words_per_s:>8} {r.words_per_cpu_s:>11} "
            f"{r.peak_rss_mb_per_process:>11} "
            f"{r.peak_rss_mb_total:>12}"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA, help="evaluation data folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="JSON results file")
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=3, help="runs per setting; the fastest is kept")
    parser.add_argument("--model", default=None, help="spaCy model (default: polemos's setting)")
    parser.add_argument("--profile", action="store_true", help="also cProfile polemos in one process")
    parser.add_argument(
        "--interleaved", action="store_true", help="also the CPU ratio with both pipelines chunk by chunk"
    )
    parser.add_argument(
        "--spacy-matmul",
        choices=("blis", "openblas"),
        default="blis",
        help="the plain spaCy pass's matrix products: thinc's default (blis), or polemos's (openblas)",
    )
    args = parser.parse_args(argv)

    import polemos.stages.extract
    from polemos.config import Settings
    from polemos.matmul import matmul_library

    model = args.model or Settings.from_env().model
    # The compiled build (setup.py; `make compiled`) or the Python source: whichever this interpreter
    # imports (PYTHONPATH), and the spawned workers with it.
    build = "compiled" if polemos.stages.extract.__file__.endswith(".so") else "python"
    print(f"polemos build: {build} ({Path(polemos.stages.extract.__file__).parent.parent})")
    parts = load_corpus(args.data)
    if not parts:
        print(f"skipped: no benchmark corpus under {args.data} (seeds, acled, wikievents)")
        return 0
    texts = [t for part in parts.values() for t in part]
    corpus = {name: {"docs": len(p), "words": sum(words(t) for _, t, _ in p)} for name, p in parts.items()}
    print(
        f"corpus from {args.data}: "
        + ", ".join(f"{k} {v['docs']} docs/{v['words']} words" for k, v in corpus.items())
    )

    # Other work on the machine skews wall time (and, less, CPU time): the report says how busy it was.
    load_before = os.getloadavg()[0]
    results: list[Result] = []
    for processes in args.processes:
        runs: dict[str, list[Result]] = {p: [] for p in PIPELINES}
        # Alternate the pipelines, so that a burst of load from elsewhere hits both alike.
        for _ in range(args.repeat):
            for pipeline in PIPELINES:
                run = measure(pipeline, texts, processes, model, args.spacy_matmul)
                runs[pipeline].append(run)
                print(f"  {pipeline} x{processes}: {run.words_per_s} words/s", file=sys.stderr)
        results.extend(min(runs[p], key=lambda r: r.seconds) for p in PIPELINES)
    print(table(results))
    ratios: dict[str, dict[str, float]] = {}
    for processes in args.processes:
        ours, theirs = (
            next(r for r in results if r.pipeline == p and r.processes == processes) for p in PIPELINES
        )
        wall = round(ours.words_per_s / theirs.words_per_s, 2)
        cpu = round(ours.words_per_cpu_s / theirs.words_per_cpu_s, 2)
        ratios[str(processes)] = {"words_per_s": wall, "words_per_cpu_s": cpu}
        print(f"polemos / spaCy, {processes} process(es): {wall}x words/s, {cpu}x words per CPU-second")

    interleaved: dict[str, dict[str, float]] = {}
    if args.interleaved:
        for processes in args.processes:
            runs = [
                measure_interleaved(texts, processes, model, args.spacy_matmul) for _ in range(args.repeat)
            ]
            interleaved[str(processes)] = sorted(runs, key=lambda r: r["ratio"])[len(runs) // 2]
            ratio = interleaved[str(processes)]["ratio"]
            print(f"interleaved, {processes} process(es): polemos / spaCy {ratio}x per CPU-second (median)")

    from importlib.metadata import version

    report = {
        "command": "python bench/throughput.py " + " ".join(sys.argv[1:] if argv is None else argv),
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "spacy": version("spacy"),
            "model": model,
            "polemos_build": build,
            "matmul": {"polemos": matmul_library(), "spacy": args.spacy_matmul},
            "load_average_1min": {"before": round(load_before, 2), "after": round(os.getloadavg()[0], 2)},
        },
        "corpus": corpus,
        "results": [asdict(r) for r in results],
        "polemos_over_spacy": ratios,
        "interleaved": interleaved,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    if args.profile:
        print(profile(texts, model, top=30))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
