"""``valuesgap serve``: the read-only API and the dashboard on one address (loopback by default)."""

from __future__ import annotations

import ipaddress
import os
import socket

import typer

from valuesgap.cli.app import app
from valuesgap.errors import InputError


def _check_host(host: str) -> str:
    """Return ``host``; InputError for an empty one."""
    host = host.strip()
    if not host:
        raise InputError("--host is empty: use 127.0.0.1 (this machine only) or an address of this machine")
    return host


def _check_free(host: str, port: int) -> None:
    """Raise InputError if ``host:port`` cannot be listened on (in use, or not an address of this machine)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        raise InputError(f"unknown host {host!r}: use 127.0.0.1 or an address of this machine") from None
    family, _, _, _, address = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            raise InputError(f"cannot listen on {host}:{port} ({exc.strerror or exc}): choose another --port") from None


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _allowed_hosts(given: list[str], host: str) -> list[str]:
    """Return the Host names to answer: those given, else the environment's, else loopback + ``host``."""
    from valuesgap.api.guards import allowed_hosts_from_env

    hosts = [h.strip() for h in given if h.strip()] or allowed_hosts_from_env()
    if not given and host not in hosts and host not in ("0.0.0.0", "::"):
        hosts.append(host)
    return hosts


@app.command("serve")
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (default: this machine only)."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on."),
    workers: int = typer.Option(
        1,
        "--workers",
        min=1,
        max=32,
        help="Server processes sharing the read-only store (each keeps its own caches; 2 suits 2 cores).",
    ),
    allowed_host: list[str] = typer.Option(
        [],
        "--allowed-host",
        help="A Host name the server answers (repeatable; default: $VALUESGAP_ALLOWED_HOSTS, else the loopback "
        "names and --host). Behind a reverse proxy: the public name.",
    ),
    warm: bool = typer.Option(
        True,
        "--warm/--no-warm",
        help="Warm each process's per-state caches in the background at start-up (a few seconds; GET "
        "/api/ready says when it is done) so that a team's first dyad queries answer in milliseconds.",
    ),
    slow_process: bool = typer.Option(
        True,
        "--slow-process/--no-slow-process",
        help="Answer the slow pages (briefs, charts, maps) in a child process of each server process, so "
        "they cannot slow the quick queries (about 450 MB more per server process).",
    ),
) -> None:
    """Serve the dashboard and the JSON API (read-only) and print the address."""
    import uvicorn

    from valuesgap import store
    from valuesgap.api import create_app
    from valuesgap.web import INSTALL_HINT, missing_assets

    host = _check_host(host)
    _check_free(host, port)
    version = store.data_version()  # DataMissing (exit 2, with the build command) if there is no store
    shown = f"[{host}]" if ":" in host else host
    typer.echo(
        f"valuesgap dashboard: http://{shown}:{port}/  (API docs: http://{shown}:{port}/docs; "
        f"data version {version}; {workers} worker process{'es' if workers > 1 else ''}; Ctrl-C to stop)"
    )
    missing = missing_assets()
    if missing:
        typer.echo(f"warning: dashboard assets missing ({', '.join(missing)}): {INSTALL_HINT}", err=True)
    if not _is_loopback(host):
        typer.echo(f"warning: listening on {host}, reachable from other machines", err=True)
    from valuesgap.api.guards import ALLOWED_HOSTS_ENV

    hosts = _allowed_hosts(allowed_host, host)
    os.environ[ALLOWED_HOSTS_ENV] = ",".join(hosts)  # the app (and any worker process) reads it
    from valuesgap.api.app import WARM_ENV

    os.environ[WARM_ENV] = "1" if warm else "0"
    from valuesgap.api.slow_process import SLOW_PROCESS_ENV

    os.environ[SLOW_PROCESS_ENV] = "1" if slow_process else "0"
    if workers == 1:
        uvicorn.run(create_app(), host=host, port=port, log_level="warning")
    else:  # each process builds its app from the factory (reading the allowed hosts from the environment)
        _serve_workers(host, port, workers)


def _serve_workers(host: str, port: int, workers: int) -> None:
    """Run ``workers`` uvicorn processes on one listening socket marked as TCP.

    uvicorn's own multi-process path binds the socket with ``proto`` 0; the accepted connections inherit
    it and asyncio then leaves Nagle's algorithm on, so every keep-alive request after the first waits
    ~40 ms for the client's delayed ACK (uvicorn issue #3149). The same socket re-wrapped with
    ``IPPROTO_TCP`` gets ``TCP_NODELAY`` on every connection, as the single-process path does.
    """
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    config = uvicorn.Config(
        "valuesgap.api:create_app", factory=True, host=host, port=port, workers=workers, log_level="warning"
    )
    Multiprocess(config, sockets=[tcp_listener(config)]).run()


def tcp_listener(config) -> socket.socket:
    """Return the socket ``config`` (a ``uvicorn.Config``) binds, re-wrapped with ``proto`` IPPROTO_TCP."""
    bound = config.bind_socket()
    listener = socket.socket(bound.family, bound.type, socket.IPPROTO_TCP, fileno=bound.detach())
    listener.set_inheritable(True)
    return listener
