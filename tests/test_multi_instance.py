"""Two real instances of `myomap serve --server` behind haproxy, on one PostgreSQL and one
Redis, all on loopback: what a multi-instance deployment (deploy/compose.yaml) promises.

Through the proxy (round robin over both instances; each answer names its instance in
``X-Backend``): a session made on one instance works on the other and ends on both; another
person's data is 404; the sign-in rate limit is one limit over both instances, and a client
that rotates X-Forwarded-For stays limited; an invite is redeemed once even when two
clinicians race for it on different instances; 200 diary writes from 4 concurrent clients
are all in the database; while Redis is down, sign-in answers 503 (never unlimited) and
reading still works; and after kill -9 of one instance mid-run, every write that was
acknowledged (2xx) is in the database.

Needs Debian's redis-server and haproxy and MYOMAP_TEST_POSTGRES_URL (a fresh schema is
made for the run). Skipped where they are missing, except under MYOMAP_REQUIRE_ALL=1 (CI),
where conftest.py stops the run instead. Run alone:

    .venv/bin/pytest tests/test_multi_instance.py -m multi_instance -s

``-s`` prints the measured figures (docs/benchmarks.md, "multi-instance").
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, text

from myomap.db.testing import postgres_url, temporary_database

ROOT = Path(__file__).resolve().parent.parent
REDIS = shutil.which("redis-server")
HAPROXY = shutil.which("haproxy") or next(
    (p for p in ("/usr/sbin/haproxy",) if os.access(p, os.X_OK)), None
)
PROXY_SOURCE = "127.0.0.2"  # haproxy talks to the instances from here: the trusted proxy
LOGIN_LIMIT = 5
PASSWORD = "violet kettle drums on a quiet tuesday"
FIGURES: dict[str, object] = {}
SECONDS: dict[str, float] = {}

pytestmark = [
    pytest.mark.multi_instance,
    pytest.mark.skipif(
        REDIS is None or HAPROXY is None,
        reason="redis-server or haproxy is not installed (apt-get install redis-server haproxy)",
    ),
    pytest.mark.skipif(postgres_url() is None, reason="MYOMAP_TEST_POSTGRES_URL unset"),
]

HAPROXY_CFG = """
global
    maxconn 512
defaults
    mode http
    timeout connect 2s
    timeout client 30s
    timeout server 30s
    retries 3
    option redispatch
frontend web
    bind 127.0.0.1:{proxy}
    default_backend myomap
backend myomap
    balance roundrobin
    option forwardfor
    option httpchk GET /api/v1/health
    http-check expect status 200
    source {source}
    http-response set-header X-Backend %s
    default-server inter 300ms fall 2 rise 2
    server a 127.0.0.1:{a} check
    server b 127.0.0.1:{b} check
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(check: object, what: str, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():  # type: ignore[operator]
                return
        except (OSError, httpx.HTTPError):
            pass
        time.sleep(0.1)
    raise AssertionError(f"{what} did not come up within {seconds:.0f} s")


@dataclass
class Cluster:
    """The running deployment: the proxy's URL, each instance's URL, the database."""

    proxy: str
    instances: dict[str, str]
    database_url: str
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    redis_port: int = 0

    def client(self, source: str = "127.0.0.1", base: str | None = None) -> httpx.Client:
        """An HTTP client whose connections come from ``source`` (a loopback address)."""
        transport = httpx.HTTPTransport(local_address=source)
        return httpx.Client(base_url=base or self.proxy, transport=transport, timeout=15.0)

    def start_redis(self) -> None:
        """Start redis-server on its port (empty: it keeps no data)."""
        assert REDIS is not None
        self.processes["redis"] = subprocess.Popen(
            [REDIS, "--port", str(self.redis_port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"],
            stdout=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        wait_for(lambda: socket.create_connection(("127.0.0.1", self.redis_port), 0.2), "redis")

    def kill(self, name: str) -> None:
        """kill -9 ``name`` (an instance or redis; its whole process group)."""
        process = self.processes[name]
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def _instance(port: int, env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "myomap.cli.app", "serve", "--server",
               "--host", "127.0.0.1", "--port", str(port), "--workers", "1"]  # fmt: skip
    with log.open("wb") as out:
        return subprocess.Popen(
            command, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _ready(process: subprocess.Popen[bytes], base: str, log: Path) -> bool:
    """Whether the instance answers its health check; fails at once if it has exited."""
    if process.poll() is not None:
        tail = log.with_suffix(".log").read_text(errors="replace")[-2000:]
        raise AssertionError(f"the instance exited with {process.returncode}:\n{tail}")
    return httpx.get(f"{base}/api/v1/health").status_code == 200


def _both_backends_serve(proxy: str) -> bool:
    seen = {
        httpx.get(f"{proxy}/api/v1/health", timeout=2).headers.get("x-backend") for _ in range(4)
    }
    return seen == {"a", "b"}


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    assert REDIS is not None and HAPROXY is not None
    folder = tmp_path_factory.mktemp("multi")
    started = time.monotonic()
    processes: dict[str, subprocess.Popen[bytes]] = {}
    with temporary_database("postgresql", folder) as url:
        try:
            redis_port = free_port()
            deployment = Cluster("", {}, url, processes, redis_port)
            deployment.start_redis()
            env = {
                **os.environ,
                "MYOMAP_DATABASE_URL": url,
                "MYOMAP_LOG_LEVEL": "warning",
                "MYOMAP_REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
                "MYOMAP_TRUSTED_PROXIES": PROXY_SOURCE,
                "MYOMAP_LOGIN_LIMIT": str(LOGIN_LIMIT),
                "MYOMAP_WRITE_LIMIT": "0",
            }  # fmt: skip  (the load below is one account)
            ports = {"a": free_port(), "b": free_port()}
            for name, port in ports.items():
                processes[name] = _instance(port, env, folder / f"{name}.log")
            proxy_port = free_port()
            config = folder / "haproxy.cfg"
            config.write_text(HAPROXY_CFG.format(proxy=proxy_port, source=PROXY_SOURCE, **ports))
            processes["haproxy"] = subprocess.Popen(
                [HAPROXY, "-f", str(config), "-db"], cwd=folder,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
            )  # fmt: skip
            instances = {name: f"http://127.0.0.1:{port}" for name, port in ports.items()}
            for name, base in instances.items():
                wait_for(
                    lambda name=name, base=base: _ready(processes[name], base, folder / name),
                    f"instance {name} (log: {folder / name}.log)",
                    seconds=60,
                )
            proxy = f"http://127.0.0.1:{proxy_port}"
            wait_for(lambda: _both_backends_serve(proxy), "haproxy with both instances")
            FIGURES["start_seconds"] = round(time.monotonic() - started, 1)
            deployment.proxy, deployment.instances = proxy, instances
            yield deployment
        finally:
            for process in processes.values():
                _stop(process)
            print(f"\nmulti-instance figures: {FIGURES}\nseconds per check: {SECONDS}")


@dataclass
class People:
    """The accounts the checks use, with their bearer tokens."""

    tokens: dict[str, str]
    ids: dict[str, int]


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _add_clinician(cluster: Cluster, email: str) -> str:
    """The operator's way: `myomap user add --role clinician` prints a one-time reset code."""
    done = subprocess.run(
        [sys.executable, "-m", "myomap.cli.app", "user", "add", email, "--role", "clinician"],
        env={**os.environ, "MYOMAP_DATABASE_URL": cluster.database_url},
        cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    found = re.search(r"reset code for \S+: (\S+)", done.stdout)
    assert done.returncode == 0 and found, done.stdout + done.stderr
    return found.group(1)


@pytest.fixture(scope="module")
def people(cluster: Cluster) -> People:
    """ana and ben (people), the writer, and two clinicians, signed up through the proxy."""
    tokens: dict[str, str] = {}
    ids: dict[str, int] = {}
    with cluster.client() as web:  # sign-ups from 127.0.0.1 (5 per hour per address)
        for name in ("ana", "ben", "writer"):
            body = {"email": f"{name}@example.org", "password": PASSWORD}
            made = web.post("/api/v1/auth/signup", json=body)
            assert made.status_code == 201, made.text
            ids[name] = made.json()["id"]
        for name in ("lee", "kim"):
            code = _add_clinician(cluster, f"dr.{name}@example.org")
            body = {"email": f"dr.{name}@example.org", "code": code, "password": PASSWORD}
            assert web.post("/api/v1/auth/reset", json=body).status_code == 204
    for n, name in enumerate(("ana", "ben", "writer", "lee", "kim")):
        email = f"dr.{name}@example.org" if name in ("lee", "kim") else f"{name}@example.org"
        with cluster.client(source=f"127.0.0.{10 + n}") as web:  # each from its own address
            answer = web.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD})
        assert answer.status_code == 200, answer.text
        tokens[name] = answer.json()["access_token"]
    return People(tokens, ids)


def check_a_session_made_on_one_instance_works_on_the_other(
    cluster: Cluster, people: People
) -> None:
    with cluster.client(source="127.0.0.4") as web:
        signed = web.post(
            "/login",
            data={"email": "ana@example.org", "password": PASSWORD},
            follow_redirects=False,
        )
        assert signed.status_code == 303, signed.text
        made_on = signed.headers["x-backend"]
        # the cookies are Secure (__Host-); over this plain-HTTP loopback, send them by hand
        cookies = "; ".join(c.split(";", 1)[0] for c in signed.headers.get_list("set-cookie"))
        seen: Counter[str] = Counter()
        for _ in range(4):
            answer = web.get("/api/v1/account", headers={"Cookie": cookies})
            assert answer.status_code == 200 and answer.json()["email"] == "ana@example.org"
            seen[answer.headers["x-backend"]] += 1
        assert set(seen) == {"a", "b"}, seen  # the other instance than `made_on` too
        out = web.post("/logout", headers={"Cookie": cookies}, follow_redirects=False)
        assert out.status_code in (200, 303), out.status_code
        after = [web.get("/api/v1/account", headers={"Cookie": cookies}) for _ in range(2)]
        assert {a.status_code for a in after} == {401}
        assert {a.headers["x-backend"] for a in after} == {"a", "b"}
        tokens: Counter[str] = Counter()
        for _ in range(2):
            answer = web.get("/api/v1/account", headers=_bearer(people.tokens["ana"]))
            assert answer.status_code == 200
            tokens[answer.headers["x-backend"]] += 1
        assert set(tokens) == {"a", "b"}
        FIGURES["session_made_on"] = made_on


def check_another_persons_data_is_404_on_every_instance(cluster: Cluster, people: People) -> None:
    with cluster.client() as web:
        made = web.post(
            "/api/v1/diary",
            json={"overall": 6, "pain": {"sacrum": 5}, "note": "ana's own"},
            headers=_bearer(people.tokens["ana"]),
        )
        assert made.status_code == 201, made.text
        entry = made.json()["id"]
        ben = _bearer(people.tokens["ben"])
        seen = set()
        for _ in range(2):
            for method in ("GET", "PUT", "DELETE"):
                body = {"overall": 1} if method == "PUT" else None
                answer = web.request(method, f"/api/v1/diary/{entry}", json=body, headers=ben)
                assert answer.status_code == 404, (method, answer.status_code)
                seen.add(answer.headers["x-backend"])
            listed = web.get("/api/v1/diary", headers=ben)
            assert listed.status_code == 200 and "ana's own" not in listed.text
            clinic = web.get(
                f"/api/v1/clinic/patients/{people.ids['ana']}/assessments",
                headers=_bearer(people.tokens["kim"]),
            )
            assert clinic.status_code == 404  # kim has no share from ana
        assert seen == {"a", "b"}
        still = web.get(f"/api/v1/diary/{entry}", headers=_bearer(people.tokens["ana"]))
        assert still.status_code == 200 and still.json()["note"] == "ana's own"


def check_the_sign_in_limit_is_one_limit_over_both_instances(cluster: Cluster, _: People) -> None:
    attempts = 2 * LOGIN_LIMIT
    answers = []
    with cluster.client(source="127.0.0.3") as web:
        for n in range(attempts):
            body = {"email": f"nobody{n}@example.org", "password": "not the right password"}
            answer = web.post("/api/v1/auth/login", json=body)
            answers.append((answer.status_code, answer.headers["x-backend"]))
        codes = [code for code, _ in answers]
        assert codes == [401] * LOGIN_LIMIT + [429] * LOGIN_LIMIT, answers
        assert {b for c, b in answers if c == 401} == {"a", "b"}  # both instances counted
        assert {b for c, b in answers if c == 429} == {"a", "b"}  # and both refuse
        rotated = [
            web.post(
                "/api/v1/auth/login",
                json={"email": "nobody@example.org", "password": "wrong"},
                headers={"X-Forwarded-For": f"203.0.113.{n}"},
            ).status_code
            for n in range(4)
        ]
        assert rotated == [429] * 4  # the proxy's forwarded address wins over the client's
    for name, base in cluster.instances.items():
        with cluster.client(source="127.0.0.3", base=base) as direct:
            straight = [
                direct.post(
                    "/api/v1/auth/login",
                    json={"email": "nobody@example.org", "password": "wrong"},
                    headers={"X-Forwarded-For": f"198.51.100.{n}"},
                ).status_code
                for n in range(2)
            ]
            assert straight == [429, 429], name  # 127.0.0.3 is no trusted proxy
    with cluster.client(source="127.0.0.5") as other:
        body = {"email": "nobody@example.org", "password": "wrong"}
        assert other.post("/api/v1/auth/login", json=body).status_code == 401  # its own count
    FIGURES["sign_in_401_then_429"] = (codes.count(401), codes.count(429))


def _race_for(cluster: Cluster, people: People, code: str) -> dict[str, int]:
    """Both clinicians redeem ``code`` at the same moment, each on its own connection."""
    start = threading.Barrier(2)
    codes: dict[str, int] = {}

    def redeem(name: str) -> None:
        with cluster.client() as own:
            start.wait()
            answer = own.post(
                "/api/v1/clinic/invites", json={"code": code}, headers=_bearer(people.tokens[name])
            )
            codes[name] = answer.status_code

    racers = [threading.Thread(target=redeem, args=(name,)) for name in ("lee", "kim")]
    for racer in racers:
        racer.start()
    for racer in racers:
        racer.join()
    return codes


def check_an_invite_is_redeemed_once_when_two_clinicians_race(
    cluster: Cluster, people: People
) -> None:
    rounds, won = 4, []
    with cluster.client() as web:
        for _ in range(rounds):
            made = web.post("/api/v1/shares", headers=_bearer(people.tokens["ana"]))
            assert made.status_code == 201, made.text
            code = made.json()["code"]
            codes = _race_for(cluster, people, code)
            assert sorted(codes.values())[0] == 201 and sorted(codes.values())[1] >= 400, codes
            won.append(next(n for n, c in codes.items() if c == 201))
            again = web.post(
                "/api/v1/clinic/invites", json={"code": code}, headers=_bearer(people.tokens["lee"])
            )
            assert again.status_code >= 400
    engine = create_engine(cluster.database_url)
    with engine.connect() as connection:
        accepted = connection.scalar(
            text("SELECT count(*) FROM shares WHERE patient_id = :p AND accepted_at IS NOT NULL"),
            {"p": people.ids["ana"]},
        )
    engine.dispose()
    assert accepted == rounds
    FIGURES["invite_races_won"] = dict(Counter(won))


@dataclass
class Writes:
    """What writer threads sent and which writes the server acknowledged."""

    acked: dict[str, int] = field(default_factory=dict)
    failed: Counter[str] = field(default_factory=Counter)
    acked_at: dict[str, float] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _writer(
    cluster: Cluster, token: str, tag: str, writes: Writes, count: int | None,
    stop: threading.Event,
) -> None:  # fmt: skip
    """Post diary entries with unique notes until ``count`` are sent or ``stop`` is set."""
    n = 0
    with cluster.client() as web:
        while (count is None or n < count) and not stop.is_set():
            n += 1
            note = f"{tag}-{n}"
            entry = {"overall": n % 11, "pain": {"sacrum": 1 + n % 10}, "note": note}
            try:
                answer = web.post("/api/v1/diary", json=entry, headers=_bearer(token))
            except httpx.HTTPError as exc:
                with writes.lock:
                    writes.failed[type(exc).__name__] += 1
                continue
            with writes.lock:
                if 200 <= answer.status_code < 300:
                    writes.acked[note] = int(answer.json()["id"])
                    writes.acked_at[note] = time.monotonic()
                else:
                    writes.failed[str(answer.status_code)] += 1


def _run_writers(
    cluster: Cluster, token: str, tag: str, clients: int, each: int | None, stop: threading.Event
) -> tuple[Writes, list[threading.Thread]]:
    writes = Writes()
    threads = [
        threading.Thread(target=_writer, args=(cluster, token, f"{tag}{c}", writes, each, stop))
        for c in range(clients)
    ]
    for thread in threads:
        thread.start()
    return writes, threads


def _stored(cluster: Cluster, prefix: str) -> dict[str, int]:
    """note -> id of every stored entry whose note starts with ``prefix``."""
    engine = create_engine(cluster.database_url)
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT note, id FROM entries WHERE note LIKE :p"), {"p": f"{prefix}%"}
        ).all()
    engine.dispose()
    return {str(note): int(entry_id) for note, entry_id in rows}


def check_a_write_load_loses_nothing(cluster: Cluster, people: People) -> None:
    tag = f"load-{uuid.uuid4().hex[:6]}-"
    started = time.monotonic()
    writes, threads = _run_writers(cluster, people.tokens["writer"], tag, 4, 50, threading.Event())
    for thread in threads:
        thread.join()
    seconds = time.monotonic() - started
    stored = _stored(cluster, tag)
    assert not writes.failed, writes.failed
    assert len(writes.acked) == 200
    assert stored == writes.acked  # every write, each exactly once, under its acknowledged id
    FIGURES["load"] = {"writes": 200, "acknowledged": len(writes.acked), "stored": len(stored),
                       "lost": 200 - len(stored), "seconds": round(seconds, 2),
                       "writes_per_second": round(200 / seconds)}  # fmt: skip


def check_kill_9_of_one_instance_loses_no_acknowledged_write(
    cluster: Cluster, people: People
) -> None:
    tag = f"kill-{uuid.uuid4().hex[:6]}-"
    stop = threading.Event()
    writes, threads = _run_writers(cluster, people.tokens["writer"], tag, 4, None, stop)
    time.sleep(1.0)
    killed_at = time.monotonic()
    cluster.kill("a")
    time.sleep(2.0)
    stop.set()
    for thread in threads:
        thread.join()
    stored = _stored(cluster, tag)
    lost = {note for note, entry_id in writes.acked.items() if stored.get(note) != entry_id}
    after = sum(1 for at in writes.acked_at.values() if at > killed_at)
    assert not lost, sorted(lost)[:10]
    assert after > 0  # the proxy sent the writes to the surviving instance
    with cluster.client() as web:
        alive = {web.get("/api/v1/health").headers["x-backend"] for _ in range(4)}
    assert alive == {"b"}
    FIGURES["kill"] = {"acknowledged": len(writes.acked), "stored": len(stored),
                       "acknowledged_but_lost": len(lost), "acknowledged_after_kill": after,
                       "failed": dict(writes.failed),
                       "stored_not_acknowledged": len(set(stored) - set(writes.acked))}  # fmt: skip


def check_a_redis_outage_refuses_limited_requests_only(cluster: Cluster, people: People) -> None:
    """Without Redis the limits cannot be counted: sign-in answers 503 (not unlimited) on
    both instances, reading the diary still works; once Redis is back, so is sign-in."""
    cluster.kill("redis")
    try:
        with cluster.client(source="127.0.0.6") as web:
            body = {"email": "nobody@example.org", "password": "wrong"}
            refused = [web.post("/api/v1/auth/login", json=body) for _ in range(2)]
            assert [r.status_code for r in refused] == [503, 503], [r.text for r in refused]
            assert {r.headers["x-backend"] for r in refused} == {"a", "b"}
            assert all(int(r.headers["retry-after"]) > 0 for r in refused)
            assert "redis" not in " ".join(r.text.lower() for r in refused)
            reads = [
                web.get("/api/v1/diary", headers=_bearer(people.tokens["ana"])) for _ in range(2)
            ]
            assert [r.status_code for r in reads] == [200, 200]
    finally:
        cluster.start_redis()
    with cluster.client(source="127.0.0.6") as web:
        body = {"email": "nobody@example.org", "password": "wrong"}
        assert web.post("/api/v1/auth/login", json=body).status_code == 401


CHECKS = (
    check_a_session_made_on_one_instance_works_on_the_other,
    check_another_persons_data_is_404_on_every_instance,
    check_the_sign_in_limit_is_one_limit_over_both_instances,
    check_an_invite_is_redeemed_once_when_two_clinicians_race,
    check_a_write_load_loses_nothing,
    check_a_redis_outage_refuses_limited_requests_only,
    check_kill_9_of_one_instance_loses_no_acknowledged_write,  # last: instance a is gone
)


@pytest.mark.slow
def test_two_instances_behind_haproxy(cluster: Cluster, people: People) -> None:
    """Every check runs (one test, so that one cluster serves them in order, also under
    pytest-xdist); the failures are listed together."""
    failures = []
    for check in CHECKS:
        started = time.monotonic()
        try:
            check(cluster, people)
        except AssertionError as exc:
            failures.append(f"{check.__name__}: {exc}")
        SECONDS[check.__name__.removeprefix("check_")] = round(time.monotonic() - started, 1)
    assert not failures, "\n".join(failures)
