"""A real SMTP server for tests: aiosmtpd on a free loopback port, in a background thread.

    server = SmtpServer().start()
    use_smtp(settings, server.port)  # Django's SMTP backend pointed at it
    ...
    server.refuse("451", at="rcpt")  # or "550", at="data"; server.accept() to answer 250 again
    server.stop(); server.start()    # down and up again on the same port

It records every accepted message (parsed, with the connection it came over) and counts the
connections clients opened, so a test can tell one reused connection from one per mail.

The fixture `smtp_server` (loaded by tests/conftest.py) does both for a test and stops the server afterwards.
"""

from __future__ import annotations

import dataclasses
import email
import email.policy
import socket
import threading
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP

HOST = "127.0.0.1"

REPLIES = {
    "451": "451 4.3.0 Try again later (test server)",
    "550": "550 5.1.1 Mailbox unavailable (test server)",
}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@dataclasses.dataclass
class Received:
    peer: tuple  # the client's (address, port): one per connection
    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage

    @property
    def message_id(self) -> str:
        return self.message["Message-ID"]


class Handler:
    """aiosmtpd hooks: accept and record, or refuse with 451/550 at RCPT or DATA."""

    def __init__(self):
        self.lock = threading.Lock()
        self.messages: list[Received] = []
        self.connections = 0
        self.refused = 0
        self.code: str | None = None
        self.stage = "rcpt"
        self.addresses: set[str] | None = None  # None: every recipient

    def _refusal(self, stage: str, recipients: list[str]) -> str | None:
        with self.lock:
            if self.code is None or self.stage != stage:
                return None
            if self.addresses is not None and not self.addresses.intersection(recipients):
                return None
            self.refused += 1
            return REPLIES[self.code]

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        refusal = self._refusal("rcpt", [address])
        if refusal:
            return refusal
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        refusal = self._refusal("data", envelope.rcpt_tos)
        if refusal:
            return refusal
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        with self.lock:
            self.messages.append(Received(session.peer, envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"


class _Controller(Controller):
    def __init__(self, handler: Handler, port: int):
        super().__init__(handler, hostname=HOST, port=port, server_hostname="smtp.test", ready_timeout=5)
        self.counted = handler

    def factory(self):
        # asyncio builds one protocol (SMTP instance) per accepted connection.
        with self.counted.lock:
            self.counted.connections += 1
        return SMTP(self.handler, **self.SMTP_kwargs)


class SmtpServer:
    def __init__(self, port: int | None = None):
        self.host = HOST
        self.port = port or free_port()
        self.handler = Handler()
        self._controller: _Controller | None = None

    @property
    def running(self) -> bool:
        return self._controller is not None

    def start(self) -> SmtpServer:
        assert self._controller is None, "already running"
        controller = _Controller(self.handler, self.port)
        controller.start()
        # Controller.start() connects once itself to check the server answers: not a client's connection.
        with self.handler.lock:
            self.handler.connections -= 1
        self._controller = controller
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def refuse(self, code: str, *, at: str = "rcpt", addresses=None) -> None:
        """Answer `code` ("451" transient or "550" permanent) to RCPT (at="rcpt") or DATA (at="data"),
        for every recipient or only for `addresses`."""
        assert code in REPLIES and at in ("rcpt", "data")
        with self.handler.lock:
            self.handler.code, self.handler.stage = code, at
            self.handler.addresses = None if addresses is None else set(addresses)

    def accept(self) -> None:
        with self.handler.lock:
            self.handler.code = None

    @property
    def messages(self) -> list[Received]:
        with self.handler.lock:
            return list(self.handler.messages)

    @property
    def connections(self) -> int:
        with self.handler.lock:
            return self.handler.connections

    @property
    def refused(self) -> int:
        with self.handler.lock:
            return self.handler.refused

    def reset(self) -> None:
        with self.handler.lock:
            self.handler.messages.clear()
            self.handler.connections = 0
            self.handler.refused = 0


def use_smtp(settings, port: int) -> None:
    """Django's SMTP backend, pointed at `port` on loopback (where a server may or may not listen)."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = HOST
    settings.EMAIL_PORT = port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5


@pytest.fixture
def smtp_server(settings):
    """A real aiosmtpd server on loopback, and Django's SMTP backend pointed at it."""
    server = SmtpServer().start()
    use_smtp(settings, server.port)
    yield server
    server.stop()
