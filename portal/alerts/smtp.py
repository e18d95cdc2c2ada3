"""Putting rendered mails on the wire: one connection per batch; on an SMTP connection the MIME message is written
directly (text and HTML parts, base64), as Django's EmailMessage would, at a fraction of its cost; other mail
backends (console, file, the tests' memory) get the EmailMessage of the same builder."""

from __future__ import annotations

import base64
import smtplib
import uuid
from email.header import Header
from email.utils import formatdate

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.core.mail.message import sanitize_address

from portal.alerts.rendering import Mail, build, encoded_subject, mail_headers


def open_connection(timeout: float | None = None):
    """The configured mail backend, opened (raises SMTPException or OSError when the server is away). `timeout`
    bounds each socket operation of an SMTP connection (EMAIL_TIMEOUT when None)."""
    connection = get_connection() if timeout is None else get_connection(timeout=timeout)
    connection.open()
    return connection


def _header_value(value: str) -> str:
    return value if value.isascii() else Header(value, "utf-8").encode(linesep="\r\n")


def mime_bytes(mail: Mail, sender: str, recipient: str, subject: str | None = None) -> bytes:
    """The message of `mail` as it goes after DATA: its headers, then a text and an HTML part in base64."""
    boundary = f"alert-{uuid.uuid4().hex}"
    head = [
        ("Subject", subject or encoded_subject(mail.subject)),
        ("From", sender),
        ("To", recipient),
        ("Date", formatdate(usegmt=True)),
        ("MIME-Version", "1.0"),
        ("Content-Type", f'multipart/alternative; boundary="{boundary}"'),
        *((name, _header_value(value)) for name, value in mail_headers(mail).items()),
    ]
    parts = []
    for subtype, body in (("plain", mail.text), ("html", mail.html)):
        parts.append(
            f'--{boundary}\r\nContent-Type: text/{subtype}; charset="utf-8"\r\n'
            f"Content-Transfer-Encoding: base64\r\n\r\n"
            + base64.encodebytes(body.encode()).decode("ascii").replace("\n", "\r\n")
        )
    raw = "".join(f"{name}: {value}\r\n" for name, value in head) + "\r\n" + "".join(parts) + f"--{boundary}--\r\n"
    return raw.encode("ascii")


class Transport:
    """The open connection of one batch."""

    def __init__(self, connection):
        self.connection = connection
        self.raw = isinstance(connection, SMTPBackend)
        self.sender = sanitize_address(settings.DEFAULT_FROM_EMAIL, "utf-8")

    def send(self, mail: Mail, *, before_content=lambda: None, subject: str | None = None) -> str:
        """Send `mail`; returns its Message-ID. `before_content` runs after the server accepted sender and
        recipient and before the content goes (the mail is delivered only once its content is complete);
        `subject`: the Subject header already encoded, when the caller has it."""
        if not self.raw:
            before_content()
            self.connection.send_messages([build(mail)])
            return mail.message_id
        plain = mail.to.isascii() and not any(c in mail.to for c in '<>,;"\\\r\n ')
        recipient = mail.to if plain else sanitize_address(mail.to, "utf-8")
        data = mime_bytes(mail, self.sender, recipient, subject)
        smtp = self.connection.connection
        smtp.ehlo_or_helo_if_needed()
        code, reply = smtp.mail(self.sender)
        if code != 250:
            smtp.rset()
            raise smtplib.SMTPSenderRefused(code, reply, self.sender)
        code, reply = smtp.rcpt(recipient)
        if code not in (250, 251):
            smtp.rset()
            raise smtplib.SMTPRecipientsRefused({recipient: (code, reply)})
        before_content()
        code, reply = smtp.data(data)
        if code != 250:
            smtp.rset()
            raise smtplib.SMTPDataError(code, reply)
        return mail.message_id
