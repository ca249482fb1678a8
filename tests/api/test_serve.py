"""``valuesgap serve``: prints its loopback address, serves the API and the dashboard, stops cleanly on
Ctrl-C; a busy port, a bad host or a missing store is one line on stderr and exit code 2."""

from __future__ import annotations

import socket

import httpx
from live_server import running_server

from valuesgap.cli import run


def test_serve_prints_address_and_serves(store):
    outcome: dict = {}
    with running_server(outcome=outcome) as base:
        assert base.startswith("http://127.0.0.1:")
        assert httpx.get(f"{base}/api/version").json()["data_version"] == store.data_version()
        page = httpx.get(f"{base}/")
        assert page.status_code == 200 and "valuesgap" in page.text
    assert outcome["returncode"] == 0, outcome["output"]
    assert f"valuesgap dashboard: {base}/" in outcome["output"]


def test_busy_port_is_a_clear_error(store, capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert run(["serve", "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: cannot listen on 127.0.0.1:{port}") and "choose another --port" in err


def test_bad_host_and_port(store, capsys):
    assert run(["serve", "--host", "no-such-host.invalid"]) == 2
    assert "unknown host" in capsys.readouterr().err
    assert run(["serve", "--port", "70000"]) == 2
    assert "--port" in capsys.readouterr().err


def test_missing_store(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("VALUESGAP_HOME", str(tmp_path))
    assert run(["serve", "--port", "8999"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: no data store") and "valuesgap data build" in err


def test_allowed_hosts_of_serve(monkeypatch):
    from valuesgap.cli.cmd_serve import _allowed_hosts

    monkeypatch.delenv("VALUESGAP_ALLOWED_HOSTS", raising=False)
    assert _allowed_hosts([], "127.0.0.1") == ["127.0.0.1", "localhost", "::1"]
    assert _allowed_hosts([], "10.0.0.5") == ["127.0.0.1", "localhost", "::1", "10.0.0.5"]
    assert _allowed_hosts([], "0.0.0.0") == ["127.0.0.1", "localhost", "::1"]  # a proxy's name must be given
    assert _allowed_hosts(["stats.example.org"], "127.0.0.1") == ["stats.example.org"]
    monkeypatch.setenv("VALUESGAP_ALLOWED_HOSTS", "a.example,b.example")
    assert _allowed_hosts([], "127.0.0.1") == ["a.example", "b.example", "127.0.0.1"]


def test_serve_with_two_worker_processes(store, fitted):
    """Two processes share the read-only store; both answer (several connections), HEAD too; Ctrl-C stops all."""
    outcome: dict = {}
    with running_server(outcome=outcome, args=("--workers", "2")) as base, httpx.Client() as http:
        answers = [http.get(f"{base}/api/similarity?a=USA&b=RUS&issue=hr") for _ in range(4)]
        assert {a.status_code for a in answers} == {200}
        assert len({a.headers["etag"] for a in answers}) == 1
        assert http.head(f"{base}/api/version").status_code == 200
        assert http.get(f"{base}/api/version", headers={"host": "evil.example"}).status_code == 400
    assert outcome["returncode"] == 0, outcome["output"]
    assert "2 worker processes" in outcome["output"]
