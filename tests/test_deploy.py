"""deploy/: the container image, the compose file and haproxy's configuration agree.

Containers cannot run here, so the compose file is checked as data (a YAML load and what
each service must have) and haproxy's file with ``haproxy -c`` where haproxy is installed.
tests/test_multi_instance.py runs the same arrangement on loopback for real.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"
SBIN_HAPROXY = Path("/usr/sbin/haproxy")
HAPROXY = shutil.which("haproxy") or (str(SBIN_HAPROXY) if SBIN_HAPROXY.exists() else None)


def compose() -> dict[str, Any]:
    loaded = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    assert isinstance(loaded, dict)
    return loaded


def instances() -> dict[str, dict[str, Any]]:
    services: dict[str, dict[str, Any]] = compose()["services"]
    return {name: s for name, s in services.items() if name.startswith("myomap")}


def test_compose_has_a_database_redis_a_proxy_and_two_instances() -> None:
    services = compose()["services"]
    assert {"db", "redis", "haproxy"} <= set(services)
    assert len(instances()) >= 2
    for name in ("db", "redis", *instances()):
        assert "healthcheck" in services[name], name


def test_every_instance_shares_the_database_and_redis_and_trusts_only_the_proxy() -> None:
    proxy_ip = compose()["services"]["haproxy"]["networks"]["backend"]["ipv4_address"]
    for name, service in instances().items():
        env = service["environment"]
        assert env["MYOMAP_SERVER"] == "true", name
        assert env["MYOMAP_DATABASE_URL"].startswith("postgresql+psycopg://"), name
        assert "@db:5432/" in env["MYOMAP_DATABASE_URL"], name
        assert env["MYOMAP_REDIS_URL"] == "redis://redis:6379/0", name
        assert env["MYOMAP_TRUSTED_PROXIES"] == proxy_ip, name
        assert service["depends_on"]["db"]["condition"] == "service_healthy", name


def test_haproxy_balances_over_every_instance_with_health_checks() -> None:
    config = (DEPLOY / "haproxy.cfg").read_text()
    servers = set(re.findall(r"^\s*server (\S+) (\S+):8000 check", config, re.M))
    assert {(name, name) for name in instances()} == servers
    assert "balance roundrobin" in config
    assert "option httpchk GET /api/v1/health" in config
    assert "http-request set-header X-Forwarded-For %[src]" in config  # the client can't choose


def test_the_image_runs_the_server_as_a_non_root_user() -> None:
    lines = [
        line.strip()
        for line in (DEPLOY / "Containerfile").read_text().splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert lines[0] == "FROM python:3.11-slim"
    assert "RUN pip install . && rm -rf /opt/myomap/src" in lines
    users = [line.split()[1] for line in lines if line.startswith("USER ")]
    assert users and users[-1] not in ("root", "0")
    assert lines[-1] == 'CMD ["myomap", "serve", "--server"]'


@pytest.mark.skipif(HAPROXY is None, reason="haproxy is not installed")
def test_haproxy_accepts_the_configuration(tmp_path: Path) -> None:
    assert HAPROXY is not None
    pem = tmp_path / "myomap.pem"
    made = subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=localhost", "-keyout", str(tmp_path / "key"), "-out", str(tmp_path / "crt")],
        capture_output=True,
    )  # fmt: skip
    if made.returncode != 0:
        pytest.skip("openssl could not make a test certificate")
    pem.write_bytes((tmp_path / "crt").read_bytes() + (tmp_path / "key").read_bytes())
    config = (DEPLOY / "haproxy.cfg").read_text()
    config = config.replace("/usr/local/etc/haproxy/certs/myomap.pem", str(pem))
    (tmp_path / "haproxy.cfg").write_text(config)
    checked = subprocess.run(
        [HAPROXY, "-c", "-f", str(tmp_path / "haproxy.cfg")], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
