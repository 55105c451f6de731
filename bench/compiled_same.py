"""Check that the compiled build (setup.py, POLEMOS_COMPILE=1) codes exactly as the Python source does.

    python bench/compiled_same.py COMPILED_DIR [DATA_DIR]

COMPILED_DIR is where the compiled build was installed (`pip install --target COMPILED_DIR`); DATA_DIR
the benchmark corpus (default ../shared/data; see throughput.py). Each build codes the whole corpus in
a process of its own (events with `Coder.code_many` per chunk, events and relations with `code_batch`
on every third chunk), writing every event and relation's repr; the two listings must be identical.
Then each build runs the main job (`polemos run` on examples/articles.jsonl, through the store and the
exports), whose outputs must be identical too.
mypyc checks declared types at run time where Python does not, so a stage that returns what its
annotation does not say would raise or differ here. Exit status 0: identical; 1: they differ (the
first differences are printed); 0 with "skipped" when there is no corpus.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def dump(data: Path, out: Path) -> None:
    """Code the corpus with whichever polemos this interpreter imports; write one repr per line."""
    sys.path.insert(0, str(REPO / "bench"))
    from throughput import CHUNK_DOCS, documents, load_corpus

    import polemos.stages.extract
    from polemos.config import Settings
    from polemos.pipeline import Coder

    texts = [t for part in load_corpus(data).values() for t in part]
    coder = Coder(Settings.from_env())
    chunks = [texts[i : i + CHUNK_DOCS] for i in range(0, len(texts), CHUNK_DOCS)]

    with out.open("w", encoding="utf-8") as fh:
        fh.write(f"# built: {'compiled' if polemos.stages.extract.__file__.endswith('.so') else 'python'}\n")
        for chunk in chunks:
            for events in coder.code_many(documents(chunk)):
                fh.writelines(repr(e) + "\n" for e in events)
        for chunk in chunks[::3]:
            for events, relations in coder.code_batch(documents(chunk)):
                fh.writelines(repr(e) + "\n" for e in events)
                fh.writelines(repr(r) + "\n" for r in relations)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("compiled", type=Path, help="folder the compiled build is installed in")
    parser.add_argument("data", nargs="?", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--dump", type=Path, help=argparse.SUPPRESS)  # the child processes' mode
    args = parser.parse_args(argv)
    if args.dump:
        dump(args.data, args.dump)
        return 0
    if not any((args.data / part).exists() for part in ("seeds", "acled", "wikievents")):
        print(f"skipped: no benchmark corpus under {args.data}")
        return 0
    if not any(args.compiled.glob("polemos/stages/*.so")):
        print(f"{args.compiled}: no compiled stages there (build with `make compiled`)", file=sys.stderr)
        return 1
    out = REPO / "out" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    listings = {}
    for build, path in (("python", REPO / "src"), ("compiled", args.compiled.resolve())):
        listing = out / f"coded-{build}.txt"
        env = {**os.environ, "PYTHONPATH": str(path)}
        subprocess.run(
            [sys.executable, __file__, str(args.compiled), str(args.data), "--dump", str(listing)],
            env=env,
            check=True,
        )
        lines = listing.read_text(encoding="utf-8").splitlines()
        if lines[0] != f"# built: {build}":
            print(f"the {build} run imported the other build ({lines[0]}): check PYTHONPATH", file=sys.stderr)
            return 1
        listings[build] = lines[1:]
    if listings["python"] != listings["compiled"]:
        ours, theirs = listings["python"], listings["compiled"]
        print("\n".join(list(difflib.unified_diff(ours, theirs, "python", "compiled", lineterm=""))[:40]))
        print("the compiled build codes differently from the Python source", file=sys.stderr)
        return 1
    print(f"identical: {len(listings['python'])} events and relations coded by both builds")
    return main_job_same(args.compiled.resolve(), out)


def main_job_same(compiled: Path, out: Path) -> int:
    """Run the main job (`polemos run` on the bundled examples: ingest, store, corroborate, export) with
    each build and compare its three exports (the CSV's ingest-time `timestamp` column aside): the store
    and the exports run the Python modules on what the compiled ones made."""
    exports = ("events.jsonl", "events.csv", "events.geojson")
    found = {}
    for build, path in (("python", REPO / "src"), ("compiled", compiled)):
        folder = out / f"run-{build}"
        shutil.rmtree(folder, ignore_errors=True)
        cli = "import sys; sys.argv[0] = 'polemos'; from polemos.cli import app; app()"
        command = [sys.executable, "-c", cli, "run", str(REPO / "examples" / "articles.jsonl")]
        env = {**os.environ, "PYTHONPATH": str(path)}
        subprocess.run([*command, "-o", str(folder)], env=env, check=True, stdout=subprocess.DEVNULL)
        found[build] = [_comparable(folder / name) for name in exports]
    if found["python"] != found["compiled"]:
        print("the main job's exports differ between the builds", file=sys.stderr)
        return 1
    print(f"identical: the main job's {', '.join(exports)} from both builds")
    return 0


def _comparable(path: Path) -> list[list[str]]:
    """An export's rows; in ACLED's CSV layout without its `timestamp` (when the row was stored)."""
    with path.open(encoding="utf-8", newline="") as fh:
        if path.suffix != ".csv":
            return [[line] for line in fh]
        rows = list(csv.reader(fh))
    drop = rows[0].index("timestamp") if rows and "timestamp" in rows[0] else None
    return [[v for i, v in enumerate(row) if i != drop] for row in rows]


if __name__ == "__main__":
    raise SystemExit(main())
