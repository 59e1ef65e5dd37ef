"""A throwaway PostgreSQL 15 cluster on a loopback port, as .ci/run starts one.

    with cluster() as url:   # postgresql+psycopg://postgres@127.0.0.1:PORT/myomap_bench
        ...

Runs initdb/pg_ctl as the ``postgres`` user (Debian's postgresql-15 package); the data
lives in a temporary folder that is removed afterwards.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PG_BIN = Path("/usr/lib/postgresql/15/bin")


def _as_postgres(*args: str) -> None:
    prefix = (
        ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else ["sudo", "-u", "postgres"]
    )
    subprocess.run([*prefix, *args], check=True, stdout=subprocess.DEVNULL)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def cluster(max_connections: int = 200) -> Iterator[str]:
    if not (PG_BIN / "initdb").exists():
        raise SystemExit("PostgreSQL 15 is not installed: apt-get install -y postgresql-15")
    folder = Path(tempfile.mkdtemp(prefix="myomap-bench-pg."))
    shutil.chown(folder, "postgres")
    port = _free_port()
    data = folder / "data"
    _as_postgres(str(PG_BIN / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
                 "-E", "UTF8", "--no-sync")  # fmt: skip
    options = (f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} "
               f"-c max_connections={max_connections}")  # fmt: skip
    _as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(folder / "log"), "-w",
                 "-o", options, "start")  # fmt: skip
    try:
        _as_postgres(str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(port),
                     "-U", "postgres", "myomap_bench")  # fmt: skip
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/myomap_bench"
    finally:
        _as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop")
        shutil.rmtree(folder, ignore_errors=True)
