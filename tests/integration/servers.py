"""Misbehaving servers for the fault tests, each on 127.0.0.1 and a port of its own, run in threads of the test.

`HungServer` accepts connections and never answers: a broker, cache or mail server that hangs (a frozen Redis
looks the same from outside). `BrokenHttpServer` answers every HTTP request with one status and body: an identity
provider that fails (a 500) or talks nonsense (a page where JSON was expected). `FakeSmtpServer` speaks enough
SMTP for Django's backend, records every message it takes by its Message-ID, and can stall at the greeting, before
accepting a message, or before answering QUIT.
"""

import email
import http.server
import socket
import socketserver
import threading


class HungServer:
    def __init__(self):
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self.connections: list[socket.socket] = []
        threading.Thread(target=self._accept, name="hung-server", daemon=True).start()

    def _accept(self):
        while True:
            try:
                connection, _address = self._listener.accept()
            except OSError:  # closed by stop()
                return
            self.connections.append(connection)  # held open, never read, never answered

    def stop(self):
        self._listener.close()
        for connection in self.connections:
            connection.close()


class _SmtpSession(socketserver.StreamRequestHandler):
    def reply(self, line: str) -> None:
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self):
        server: FakeSmtpServer = self.server.fake
        if server.stalls("greeting"):
            return
        self.reply("220 fake.intaj.test ESMTP")
        while line := self.rfile.readline():
            command = line[:4].upper()
            if command in (b"EHLO", b"HELO"):
                self.reply("250 fake.intaj.test")
            elif command in (b"MAIL", b"RCPT", b"RSET", b"NOOP"):
                self.reply("250 OK")
            elif command == b"DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                message_id = self._read_message()
                if server.stalls("accept", message_id):
                    return
                server.on_accept()
                server.accepted.append(message_id)
                self.reply("250 OK: queued")
            elif command == b"QUIT":
                if server.stalls("quit"):
                    return
                self.reply("221 Bye")
                return
            else:
                self.reply("502 Command not implemented")

    def _read_message(self) -> str:
        lines = []
        while (line := self.rfile.readline()) not in (b".\r\n", b""):
            lines.append(line[1:] if line.startswith(b"..") else line)
        return email.message_from_bytes(b"".join(lines))["Message-ID"]


class FakeSmtpServer:
    """A mail server that stalls `stall_times` times at `stall` ("greeting", "accept" or "quit"), then behaves.

    `accepted`: the Message-ID of each message it answered 250 to (took responsibility for), in order.
    `unanswered`: the Message-ID of each message it received in full but stalled on instead of answering: a real
    server discards those when the connection drops; one that kept them would deliver them.
    `stalled_at_quit` is set while a client waits for its answer to QUIT. `on_accept` runs before each 250.
    """

    def __init__(self, *, stall: str | None = None, stall_times: int = 1, on_accept=lambda: None):
        self.stall, self.stalls_left, self.on_accept = stall, stall_times, on_accept
        self.accepted: list[str] = []
        self.unanswered: list[str] = []
        self.stalled_at_quit = threading.Event()
        self._released = threading.Event()
        self._lock = threading.Lock()
        self._server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _SmtpSession)
        self._server.daemon_threads = True
        self._server.fake = self
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, name="fake-smtp", daemon=True).start()

    def stalls(self, moment: str, message_id: str | None = None) -> bool:
        """Whether to stall now; if so, hold the connection without a word until the server stops."""
        with self._lock:
            if self.stall != moment or not self.stalls_left:
                return False
            self.stalls_left -= 1
            if message_id:
                self.unanswered.append(message_id)
        if moment == "quit":
            self.stalled_at_quit.set()
        self._released.wait()
        return True

    def stop(self):
        self._released.set()
        self._server.shutdown()
        self._server.server_close()


class BrokenHttpServer:
    """Answers every GET and POST with `status` and `body` (text/html), and counts the requests it answered."""

    def __init__(self, *, status: int, body: str):
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def _answer(self):
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                server.requests += 1
                payload = body.encode()
                self.send_response(status)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = _answer

            def log_message(self, *args):
                pass

        self.requests = 0
        self._httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self._httpd.server_address[1]
        threading.Thread(target=self._httpd.serve_forever, name="broken-http-server", daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self):
        self._httpd.shutdown()
        self._httpd.server_close()
