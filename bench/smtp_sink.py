"""An SMTP server on loopback that accepts every mail and only counts it, for bench/alerts.py.

    .venv/bin/python bench/smtp_sink.py PORT STATS.json

aiosmtpd on 127.0.0.1:PORT in this process's own event loop; prints "ready" once it listens. On SIGTERM or
SIGINT it writes {"messages": …, "bytes": …, "message_ids": {prefix: [count, unique]}} to STATS.json and
exits, so the benchmark can check that every mail arrived exactly once (the prefix of `<alert.1.2…@host>`
is "alert").
"""

import asyncio
import collections
import json
import re
import signal
import sys

from aiosmtpd.smtp import SMTP

MESSAGE_ID = re.compile(rb"^Message-ID:\s*<([^>]*)>", re.IGNORECASE | re.MULTILINE)


class Counter:
    def __init__(self):
        self.messages = 0
        self.bytes = 0
        self.ids = collections.defaultdict(list)

    async def handle_DATA(self, server, session, envelope):
        self.messages += 1
        self.bytes += len(envelope.content)
        head = envelope.content.split(b"\r\n\r\n", 1)[0]
        found = MESSAGE_ID.search(head)
        if found:
            ident = found.group(1).decode("ascii", "replace")
            self.ids[ident.split(".", 1)[0]].append(ident)
        return "250 OK"

    def stats(self) -> dict:
        return {
            "messages": self.messages,
            "bytes": self.bytes,
            "message_ids": {prefix: [len(ids), len(set(ids))] for prefix, ids in self.ids.items()},
        }


async def main(port: int, stats_path: str) -> None:
    counter = Counter()
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(counter, hostname="bench-sink.localhost", data_size_limit=10_000_000), "127.0.0.1", port
    )
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    print("ready", flush=True)
    await stop.wait()
    server.close()
    with open(stats_path, "w") as out:
        json.dump(counter.stats(), out)


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), sys.argv[2]))
