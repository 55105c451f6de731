"""Shared fixtures: the seed articles with their gold, the real spaCy pipeline and the gazetteer (loaded
once), and a throwaway PostgreSQL server (Debian's binaries) started in a temp dir for the session.

initdb and postgres refuse to run as root, and CI runs as root: the server then runs as `nobody` in a
folder owned by nobody. Without the binaries the PostgreSQL tests skip, except under CI (CI=true), where
`make test` has installed them and a skip would hide a broken set-up.
"""

from __future__ import annotations

import glob
import json
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

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
def gazetteer() -> Any:
    """The packaged gazetteer (SQLite cache), opened once for the session."""
    from polemos.knowledge.gazetteer import load_gazetteer

    return load_gazetteer()


@pytest.fixture(scope="session")
def coder() -> Any:
    from polemos.config import Settings
    from polemos.pipeline import Coder

    return Coder(Settings())


@pytest.fixture(scope="session")
def sub_event_types(coder: Any) -> Callable[[str], list[str]]:
    """The sub-event types the coder gives a text published on 10 March 2020, in report order."""
    import datetime as dt

    from polemos.model import Document

    def types(text: str) -> list[str]:
        doc = Document(id="t", text=text, published=dt.date(2020, 3, 10))
        return [e.sub_event_type.value for e in coder.code(doc)]

    return types


# --- PostgreSQL -------------------------------------------------------------------------------------------

SERVER_USER = "nobody"
START_TIMEOUT_S = 60


def postgres_bindir() -> Path | None:
    """Return the folder of initdb/pg_ctl: $POLEMOS_PG_BINDIR, Debian's newest version, or PATH."""
    if os.environ.get("POLEMOS_PG_BINDIR"):
        return Path(os.environ["POLEMOS_PG_BINDIR"])
    debian = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    if debian:
        return Path(debian[-1]).parent
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class PostgresServer:
    """A running throwaway server: `url(dbname)` names a database on it."""

    datadir: Path
    port: int
    bindir: Path

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{dbname}"


def _run_as_server_user(args: list[str]) -> subprocess.CompletedProcess[str]:
    extra: dict[str, Any] = {}
    if os.geteuid() == 0:
        user = pwd.getpwnam(SERVER_USER)
        extra = {"user": user.pw_uid, "group": user.pw_gid, "extra_groups": []}
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C", "HOME": "/tmp"}
    return subprocess.run(
        args, capture_output=True, text=True, check=False, env=env, timeout=START_TIMEOUT_S, **extra
    )


def _unavailable(reason: str) -> NoReturn:
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"{reason} (CI=true: `make test` installs PostgreSQL, so this is a set-up failure)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """Start a PostgreSQL server in a temp dir for the test session, and stop it afterwards."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _unavailable("psycopg is not installed: pip install 'psycopg[binary]'")
    bindir = postgres_bindir()
    if bindir is None or not (bindir / "pg_ctl").exists():
        _unavailable("PostgreSQL server binaries not found: apt-get install postgresql (Debian)")
    # Not pytest's tmp_path: its parent folders are private to root, and the server runs as nobody.
    root = Path(tempfile.mkdtemp(prefix="polemos-pg-"))
    datadir = root / "data"
    if os.geteuid() == 0:
        user = pwd.getpwnam(SERVER_USER)
        os.chown(root, user.pw_uid, user.pw_gid)
    server = PostgresServer(datadir, _free_port(), bindir)
    try:
        init = _run_as_server_user(
            [str(bindir / "initdb"), "-D", str(datadir), "-A", "trust", "-U", "postgres", "-E", "UTF8"]
        )
        if init.returncode != 0:
            pytest.fail(f"initdb failed: {init.stderr or init.stdout}")
        options = (
            f"-p {server.port} -k {root} -c listen_addresses=127.0.0.1"
            # A throwaway server: durability is not worth the fsyncs.
            " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        pg_ctl = [str(bindir / "pg_ctl"), "-D", str(datadir), "-w", "-t", str(START_TIMEOUT_S)]
        start = _run_as_server_user([*pg_ctl, "-l", str(root / "server.log"), "-o", options, "start"])
        if start.returncode != 0:
            log = (root / "server.log").read_text(errors="replace") if (root / "server.log").exists() else ""
            pytest.fail(f"PostgreSQL did not start: {start.stderr or start.stdout}\n{log[-2000:]}")
        yield server
    finally:
        if (datadir / "postmaster.pid").exists():
            _run_as_server_user([str(bindir / "pg_ctl"), "-D", str(datadir), "-m", "immediate", "-w", "stop"])
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    """Return the URL of a new, empty database on the session's server; drop it after the test."""
    import psycopg

    name = f"polemos_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_server.url(), autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    yield postgres_server.url(name)
    with psycopg.connect(postgres_server.url(), autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
