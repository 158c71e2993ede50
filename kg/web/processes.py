"""Several web processes on one port, for read-only serving (``kg serve --processes N``).

One Python process answers at most about one core's worth of requests: waitress, Flask and the
hand-off to the query workers all hold the GIL. On small lookups that, not the engine, is what
bounds kg serve's throughput; a second web process on a second core raises it.

The parent binds one socket per web process on the same port (SO_REUSEPORT: the kernel spreads
new connections over them; with one shared socket, whichever process woke first took every
connection of a client that opens a few at once), forks the web processes and only supervises
them: a replacement takes over the socket of the process it replaces. Each child builds its
own app state (store handle, query worker pool, threads) after the fork, so nothing that holds
threads or a store is ever copied into a child. Every child keeps all of issue 7's guarantees
on its own: its query workers stop a runaway query at the time limit, and they read the
store's generation on every query, so a new build is seen by every process at its next query.
A writable store (``--allow-update``) has one writer, so it is served by one process.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import sys
import time
from collections.abc import Callable
from types import FrameType

import waitress
from flask import Flask

log = logging.getLogger(__name__)

RESTART_PAUSE = 1.0  # seconds before replacing a web process that died, so a crash loop does not spin


def listen(host: str, port: int, count: int) -> list[socket.socket]:
    """``count`` listening sockets on one port. A port another program holds fails here (unless that
    program, run by the same user, set SO_REUSEPORT too); the parent keeps them all open, so the port
    stays ours while a web process is replaced."""
    first = socket.create_server((host, port), backlog=1024, reuse_port=True)
    port = first.getsockname()[1]  # the port the system chose, if asked for port 0
    return [first, *(socket.create_server((host, port), backlog=1024, reuse_port=True) for _ in range(count - 1))]


def serve_processes(make_app: Callable[[], Flask], host: str, port: int, threads: int, processes: int) -> None:
    """Serve with ``processes`` forked web processes until SIGTERM or SIGINT; a process that dies is replaced."""
    sockets = listen(host, port, processes)
    children: dict[int, int] = {}  # pid -> index of its socket
    stopping = False

    def start(index: int) -> None:
        pid = os.fork()
        if pid == 0:
            _child(make_app, sockets[index], threads)  # never returns
        children[pid] = index

    def stop(signum: int, frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True
        for pid in list(children):
            _signal(pid, signal.SIGTERM)

    # Before the first fork: a SIGTERM in between would end the parent and leave its children serving.
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    sys.stdout.flush()  # else each child would hold a copy of what the parent printed so far
    for index in range(processes):
        start(index)
    try:
        while children:
            try:
                pid, status = os.wait()
            except ChildProcessError:
                break
            index = children.pop(pid)
            if not stopping:
                # Connections that reach its socket meanwhile wait in the backlog for the replacement.
                log.error("web process %d ended (status %d); starting another", pid, status)
                time.sleep(RESTART_PAUSE)
                if not stopping:
                    start(index)
    finally:
        for pid in list(children):
            _signal(pid, signal.SIGKILL)
        for sock in sockets:
            sock.close()


def _child(make_app: Callable[[], Flask], sock: socket.socket, threads: int) -> None:
    # The parent's handlers supervise children; a web process stops the default way. Its query
    # workers notice the closed pipe and exit on their own.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    code = 1
    try:
        waitress.serve(make_app(), sockets=[sock], threads=threads)
        code = 0
    except KeyboardInterrupt:
        code = 0
    except BaseException:  # noqa: BLE001 - a forked child must end here whatever failed; logged, then replaced
        log.exception("web process failed")
    finally:
        os._exit(code)  # never return into the parent's supervising loop


def _signal(pid: int, signum: int) -> None:
    try:
        os.kill(pid, signum)
    except ProcessLookupError:
        pass
