"""Fetching an English website's address, as the checker sees it: the HTTP status, the address after redirects,
the page's language (`<html lang>`, the `Content-Language` header) and its `Last-Modified` date. No database here:
`services.check_agency` decides the state from what `fetch` returns.

Safety: the whole fetch ends by its own deadline (`timeout` seconds, connecting and reading together, whatever the
server does), follows at most `max_redirects` redirects, reads at most `max_bytes` of the page, and refuses an
address whose host resolves to a private, loopback, link-local or otherwise non-public network (the checker runs
inside the portal's network) unless the network is in `allowed_networks`. Each hop connects to the address it
checked, so a second DNS answer cannot point the request elsewhere.

Settings (with their defaults): GUIDES_WEBSITE_CHECK_TIMEOUT (10 s), GUIDES_WEBSITE_CHECK_MAX_REDIRECTS (5),
GUIDES_WEBSITE_CHECK_MAX_BYTES (256 KiB), GUIDES_WEBSITE_CHECK_ALLOWED_NETWORKS (none; the tests allow
127.0.0.1/32), GUIDES_WEBSITE_OUTDATED_DAYS (365, used by the services).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import email.utils
import ipaddress
import re
import socket
import time
from urllib.parse import urljoin, urlsplit

import urllib3
from django.conf import settings

REDIRECTS = (301, 302, 303, 307, 308)
USER_AGENT = "ICT-working-group-portal English-website checker"
HTML_LANG = re.compile(rb"<html\b[^>]*?\blang\s*=\s*[\"']?\s*([A-Za-z]{1,8}(?:[-_][A-Za-z0-9]{1,8})*)", re.IGNORECASE)
CHUNK = 8192


@dataclasses.dataclass(frozen=True)
class Limits:
    timeout: float
    max_redirects: int
    max_bytes: int
    allowed_networks: tuple

    @classmethod
    def from_settings(cls) -> Limits:
        return cls(
            timeout=float(getattr(settings, "GUIDES_WEBSITE_CHECK_TIMEOUT", 10)),
            max_redirects=int(getattr(settings, "GUIDES_WEBSITE_CHECK_MAX_REDIRECTS", 5)),
            max_bytes=int(getattr(settings, "GUIDES_WEBSITE_CHECK_MAX_BYTES", 256 * 1024)),
            allowed_networks=tuple(
                ipaddress.ip_network(net) for net in getattr(settings, "GUIDES_WEBSITE_CHECK_ALLOWED_NETWORKS", ())
            ),
        )


@dataclasses.dataclass
class Fetched:
    """What an address answered. `error` is set (short, in English: a log line) when it did not answer a page;
    `refused` when the checker would not connect to it."""

    url: str
    final_url: str = ""
    status: int | None = None
    html_lang: str = ""
    content_language: str = ""
    last_modified: dt.datetime | None = None
    error: str = ""
    refused: bool = False


class Refused(Exception):
    pass


def public_address(host: str, port: int, allowed: tuple) -> str:
    """The first address `host` resolves to, when every one of them is public (or in `allowed`); else Refused."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise OSError(f"cannot resolve {host}: {exc}") from exc
    addresses = []
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%", 1)[0])
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
            address = address.ipv4_mapped
        if not any(address in network for network in allowed) and (not address.is_global or address.is_multicast):
            raise Refused(f"{host} resolves to a non-public address ({address})")
        addresses.append(str(address))
    if not addresses:
        raise OSError(f"cannot resolve {host}")
    return addresses[0]


def parse_http_date(value: str) -> dt.datetime | None:
    """An HTTP date (`Last-Modified`) as an aware datetime in UTC, or None when it cannot be read."""
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if parsed is None:
        return None
    return parsed.replace(tzinfo=dt.UTC) if parsed.tzinfo is None else parsed.astimezone(dt.UTC)


def _open(url: str, remaining: float, limits: Limits):
    """One request to `url` (no redirect followed), connected to the public address its host resolves to."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise OSError("not an http(s) address")
    host = parts.hostname
    port = parts.port or (443 if parts.scheme == "https" else 80)
    address = public_address(host, port, limits.allowed_networks)
    timeout = urllib3.Timeout(connect=remaining, read=remaining)
    if parts.scheme == "https":
        pool = urllib3.HTTPSConnectionPool(
            address, port, timeout=timeout, retries=False, maxsize=1, server_hostname=host, assert_hostname=host
        )
    else:
        pool = urllib3.HTTPConnectionPool(address, port, timeout=timeout, retries=False, maxsize=1)
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    host_header = host if parts.port is None else f"{host}:{parts.port}"
    if ":" in host and not host.startswith("["):
        host_header = f"[{host}]" if parts.port is None else f"[{host}]:{parts.port}"
    headers = {"Host": host_header, "User-Agent": USER_AGENT, "Accept": "text/html,*/*;q=0.5", "Accept-Language": "en"}
    response = pool.urlopen(
        "GET", target, headers=headers, redirect=False, preload_content=False, assert_same_host=False, retries=False
    )
    return pool, response


def _read_head(response, limit: int, deadline: float) -> bytes:
    """At most `limit` bytes of the body, read until the deadline."""
    data = bytearray()
    for chunk in response.stream(CHUNK, decode_content=True):
        data += chunk
        if len(data) >= limit:
            break
        if time.monotonic() > deadline:
            raise TimeoutError("reading the page took too long")
    return bytes(data[:limit])


def fetch(url: str, limits: Limits | None = None) -> Fetched:
    """Fetch `url` following redirects; never raises for what the network or the server does."""
    limits = limits or Limits.from_settings()
    deadline = time.monotonic() + limits.timeout
    result = Fetched(url=url)
    current = url
    try:
        for _hop in range(limits.max_redirects + 1):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("timed out")
            pool, response = _open(current, remaining, limits)
            try:
                result.final_url, result.status = current, response.status
                location = response.headers.get("Location")
                if response.status in REDIRECTS and location:
                    current = urljoin(current, location.strip())
                    continue
                result.content_language = response.headers.get("Content-Language", "")[:100].strip()
                result.last_modified = parse_http_date(response.headers.get("Last-Modified", ""))
                if 200 <= response.status < 300:
                    head = _read_head(response, limits.max_bytes, deadline)
                    found = HTML_LANG.search(head)
                    if found:
                        result.html_lang = found.group(1).decode("ascii").replace("_", "-")[:35]
                return result
            finally:
                response.release_conn()
                pool.close()
        result.error = f"more than {limits.max_redirects} redirects"
    except Refused as exc:
        result.error, result.refused = str(exc)[:255], True
    except (urllib3.exceptions.TimeoutError, TimeoutError):
        result.error = f"no answer within {limits.timeout:g} s"
    except (urllib3.exceptions.HTTPError, OSError, ValueError) as exc:
        result.error = (f"{type(exc).__name__}: {exc}")[:255]
    return result
