"""`python -m game host`: start the classroom server and print its two addresses."""

from __future__ import annotations

import errno
import socket
import sys
from typing import TextIO

from game.server.store import Store, StoreError, database_url

DEFAULT_PORT = 8765


class HostError(Exception):
    """The server cannot start; the message says why."""


def bind(host: str, port: int) -> socket.socket:
    """A listening socket, or HostError with a clear message (a port in use is refused)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    if sys.platform != "win32":  # reuse a port a killed server left in TIME_WAIT; a live one
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # still refuses to share
    try:
        sock.bind((host, port))
        sock.listen(128)
    except OSError as err:
        sock.close()
        if err.errno == errno.EADDRINUSE:
            raise HostError(
                f"port {port} is already in use (is another server running?): "
                f"stop it, or choose another port with --port"
            ) from None
        if err.errno == errno.EACCES:
            raise HostError(
                f"not allowed to listen on port {port}: choose one above 1024"
            ) from None
        raise HostError(f"cannot listen on {host}:{port}: {err.strerror or err}") from None
    sock.set_inheritable(True)
    return sock


def lan_address(host: str) -> str:
    """The address students type: the given host, or this machine's address on the network."""
    if host not in ("0.0.0.0", "::", ""):
        return host
    try:
        addr = socket.gethostbyname(socket.gethostname())
    except OSError:
        addr = "127.0.0.1"
    return addr


def urls(host: str, port: int, token: str) -> tuple[str, str]:
    """The student URL and the teacher URL (with its token)."""
    addr = lan_address(host)
    if ":" in addr:
        addr = f"[{addr}]"
    base = f"http://{addr}:{port}/"
    return base, f"{base}teacher?token={token}"


def print_lines(student: str, teacher: str, out: TextIO) -> None:
    """The two lines, then a QR code of the student URL when `out` is a terminal."""
    print(f"students: {student}", file=out)
    print(f"teacher: {teacher}", file=out, flush=True)
    if out.isatty():
        try:
            import segno

            segno.make(student, error="m").terminal(out=out, compact=True)
        except Exception:  # noqa: BLE001 - a QR code is a convenience
            pass
        out.flush()


def run(
    host: str = "0.0.0.0",
    port: int = DEFAULT_PORT,
    db: str | None = None,
    codes: list[str] | None = None,
    out: TextIO | None = None,
    length: str = "full",
) -> int:
    """Serve until interrupted; HostError when it cannot start."""
    import uvicorn

    from game.saves import user_data_dir
    from game.server.app import MAX_MESSAGE, create_app

    out = out or sys.stdout
    if not 0 < port < 65536:
        raise HostError(f"--port must be from 1 to 65535, not {port}")
    sock = bind(host, port)
    try:
        store = Store(database_url(db, user_data_dir()))
    except StoreError as err:
        sock.close()
        raise HostError(str(err)) from None
    try:
        app = create_app(store, codes, length)
    except ValueError as err:
        sock.close()
        raise HostError(str(err)) from None
    student, teacher = urls(host, sock.getsockname()[1], store.teacher_token())
    config = uvicorn.Config(
        app,
        log_level="warning",
        access_log=False,
        ws_max_size=MAX_MESSAGE * 2,
        ws="websockets-sansio",
        http="h11",
        loop="asyncio",
        lifespan="on",
        timeout_graceful_shutdown=2,
    )
    server = uvicorn.Server(config)
    # A turn's bots run in a worker thread; hand the interpreter back to the event loop
    # often, so acknowledging a decision never waits long behind them.
    sys.setswitchinterval(0.0005)
    print_lines(student, teacher, out)
    try:
        server.run(sockets=[sock])
    finally:
        store.close()
        sock.close()
    return 0
