"""An SMTP server on loopback for the [real] alert tests, run as its own process: stores every mail in SQLite.

    .venv/bin/python tests/smtp_sink.py --port PORT --db SINK.sqlite3

aiosmtpd on 127.0.0.1:PORT in this process's own event loop. Each accepted mail becomes a row (Message-ID,
envelope sender and recipients, raw bytes) committed before the 250 reply, so a mail the server acknowledged
is a mail the test can count, by Message-ID, even after this process is stopped. A test stops it (SIGTERM, by
its PID) and starts it again on the same port and file to play an SMTP server that is down, then up.
Prints "ready" once it listens.
"""

import argparse
import asyncio
import json
import re
import signal
import sqlite3
import time

from aiosmtpd.smtp import SMTP

MESSAGE_ID = re.compile(rb"^Message-ID:[ \t]*(<[^>\r\n]*>)", re.IGNORECASE | re.MULTILINE)

SCHEMA = """
CREATE TABLE IF NOT EXISTS messages (
    id INTEGER PRIMARY KEY,
    message_id TEXT NOT NULL,
    mail_from TEXT NOT NULL,
    rcpt_tos TEXT NOT NULL,
    received_at REAL NOT NULL,
    raw BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS messages_message_id ON messages (message_id);
"""


def connect(path: str) -> sqlite3.Connection:
    """The sink's file, shared with the test process that reads it while this one writes (WAL)."""
    db = sqlite3.connect(path, timeout=30, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    # A committed row survives this process being killed; only an operating-system crash could lose it.
    db.execute("PRAGMA synchronous=NORMAL")
    db.executescript(SCHEMA)
    return db


class Store:
    """aiosmtpd's DATA hook: one committed row per accepted mail, then 250."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd's hook name
        raw = envelope.original_content or b""
        head = raw.split(b"\r\n\r\n", 1)[0]
        found = MESSAGE_ID.search(head)
        message_id = found.group(1).decode("ascii", "replace") if found else ""
        self.db.execute(
            "INSERT INTO messages (message_id, mail_from, rcpt_tos, received_at, raw) VALUES (?, ?, ?, ?, ?)",
            (message_id, envelope.mail_from or "", json.dumps(envelope.rcpt_tos), time.time(), raw),
        )
        return "250 OK stored"


async def serve(port: int, path: str) -> None:
    db = connect(path)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(Store(db), hostname="sink.localhost", data_size_limit=10_000_000),
        "127.0.0.1",
        port,
        reuse_address=True,
    )
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    print("ready", flush=True)
    await stop.wait()
    server.close()
    db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--db", required=True)
    args = parser.parse_args()
    asyncio.run(serve(args.port, args.db))


if __name__ == "__main__":
    main()
