"""A real network cut for one browser: the kiosk reaches the server through its own TCP port (a
plain byte relay), and iptables drops that port's packets and all WebRTC media —
no FIN, no RST, like a van's LTE going quiet. Needs root and iptables (installed by
.ci/system-packages)."""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import threading
from collections.abc import Iterator


class TcpRelay:
    """Listens on 127.0.0.1:<port> and copies bytes both ways to the server's port."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self.listener.getsockname()[1]
        self.closing = False
        self.sockets: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self.closing:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target_port))
            except OSError:
                client.close()
                continue
            self.sockets += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            with contextlib.suppress(OSError):
                dst.shutdown(socket.SHUT_WR)

    def close(self) -> None:
        self.closing = True
        self.listener.close()
        for s in self.sockets:
            with contextlib.suppress(OSError):
                s.close()


def iptables_usable() -> bool:
    return all(
        shutil.which(tool) and subprocess.run([tool, "-L", "INPUT", "-n"], capture_output=True).returncode == 0
        for tool in ("iptables", "ip6tables")
    )


@contextlib.contextmanager
def network_cut(tcp_port: int) -> Iterator[None]:
    """Drops (silently) TCP to and from `tcp_port`, and all media (anything to the machine's own non-loopback addresses)."""
    rules = [
        ["iptables", "INPUT", "-i", "lo", "-p", "tcp", "--dport", str(tcp_port), "-j", "DROP"],
        ["iptables", "INPUT", "-i", "lo", "-p", "tcp", "--sport", str(tcp_port), "-j", "DROP"],
        # Media: WebRTC's candidates are the machine's own addresses (never 127/8 or ::1), UDP and TCP,
        # over IPv4 and IPv6.
        ["iptables", "INPUT", "-i", "lo", "!", "-d", "127.0.0.0/8", "-j", "DROP"],
        ["ip6tables", "INPUT", "-i", "lo", "!", "-d", "::1/128", "-j", "DROP"],
    ]
    added = []
    try:
        for tool, *rule in rules:
            subprocess.run([tool, "-I", *rule], check=True)
            added.append([tool, *rule])
        yield
    finally:
        for tool, *rule in added:
            subprocess.run([tool, "-D", *rule], check=False)
