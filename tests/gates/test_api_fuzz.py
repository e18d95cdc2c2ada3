"""API fuzzing gate: schemathesis runs every operation of the live OpenAPI schema on a live server (PostgreSQL),
once anonymously and once as an agency contact. No server errors; every response conforms to the schema.

The operations come from /api/v1/schema/ itself: a new endpoint is fuzzed from the day it is documented.
Besides schemathesis' own generation, a dictionary of hostile values (NUL characters, huge and negative numbers,
right-to-left and astral characters, very long strings) is mixed into every path, query and body parameter.
"""

import json
import re
import secrets
import socket
import string
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from portal.models import Project
from tests import factories

SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
SEED = 20250611
# Test cases per operation in the fuzzing phase, positive and negative together. Measured on the 2-core machine
# with the operations of awards, funds and events: 157 s and 132 s for the two runs with 30 examples inside the
# whole suite; 64 s and 53 s with 20 when run alone.
MAX_EXAMPLES = 20
CHECKS = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
    "response_headers_conformance",
    "unsupported_method",
    "allow_header_conformance",
    "missing_required_header",
    "ignored_auth",
    "use_after_free",
    "ensure_resource_availability",
)
# Mixed into generated values. NUL characters are half the strings: PostgreSQL refuses them in any text it is
# asked to compare, so every lookup by a client's string must catch them first.
HOSTILE_STRINGS = (
    "\x00",
    "agency-a\x00",
    "C7.1\x00",
    "a\x00b",
    "0" * 31 + "\x00",  # as long as a session key
    "%00",
    "../../etc/passwd",
    "İıŞşĞğ",
    "عنوان\u202e",
    "😀",
    "x" * 300,
)
HOSTILE_NUMBERS = (0, -1, 1949, 2101, 32768, 2**31, 2**63, -(2**63) - 1, 10**40, 1e308)


HTTP_METHODS = ("get", "put", "post", "delete", "patch", "options", "head", "trace")


def api_schema() -> dict:
    return json.loads(Client().get("/api/v1/schema/", {"format": "json"}).content)


def operations(schema: dict):
    """(path, method, operation) of every operation in the schema."""
    for path, item in schema["paths"].items():
        for method in HTTP_METHODS:
            if method in item:
                yield path, method, item[method]


def body_parameters(schema: dict) -> dict[str, str]:
    """`body.<field>` (`body.<field>[*]` for a list) of every property of every request body → its dictionary."""
    components = schema["components"]["schemas"]
    keys = {}
    for _path, _method, operation in operations(schema):
        for media in operation.get("requestBody", {}).get("content", {}).values():
            body = media["schema"]
            for part in [body, *body.get("allOf", [])]:
                if "$ref" in part:
                    part = components[part["$ref"].rsplit("/", 1)[-1]]
                for name, prop in part.get("properties", {}).items():
                    key = f"body.{name}"
                    if prop.get("type") == "array":
                        key, prop = f"{key}[*]", prop.get("items", {})
                    keys.setdefault(key, "numbers" if prop.get("type") in ("integer", "number") else "strings")
    return keys


def credential_parameters(schema: dict) -> list[str]:
    """`cookie.<name>` (or header, query) of every API key security scheme: the session cookie."""
    schemes = schema.get("components", {}).get("securitySchemes", {}).values()
    return [f"{s['in']}.{s['name']}" for s in schemes if s.get("type") == "apiKey"]


def reproducible(max_examples: int) -> list[str]:
    """The first lines of every run's schemathesis.toml: a fixed seed, and a run that does not depend on an earlier
    one (no replay of stored failures, no example database)."""
    return [
        f"seed = {SEED}",
        "color = false",
        "[cache]",
        "enabled = false",
        "[generation]",
        f"max-examples = {max_examples}",
        'database = "none"',
    ]


def fuzz_config(schema: dict, *, anonymous: bool) -> str:
    """schemathesis.toml for one run (JSON strings are valid TOML basic strings)."""
    q = json.dumps
    binding = "{{ dictionary = {}, probability = {} }}".format
    lines = [
        *reproducible(MAX_EXAMPLES),
        "[dictionaries.strings]",
        f"values = [{', '.join(q(v, ensure_ascii=False) for v in HOSTILE_STRINGS)}]",
        "[dictionaries.numbers]",
        f"values = {q(HOSTILE_NUMBERS)}",
        # Path, query and cookie parameters, by type.
        "[generation.dictionaries]",
        f"string = {binding(q('strings'), 0.25)}",
        *(f"{kind} = {binding(q('numbers'), 0.25)}" for kind in ("integer", "number")),
        "[parameters]",
        # The session cookie the anonymous run makes up: half the time a hostile one.
        *(f"{q(key)} = {binding(q('strings'), 0.5)}" for key in credential_parameters(schema)),
        # Body properties: fewer per field, as a body has dozens of them.
        *(f"{q(key)} = {binding(q(name), 0.03)}" for key, name in body_parameters(schema).items()),
        "[warnings]",
        # As the contact, an operation answering only 401/403 means the session was lost: the run proves nothing.
        f"fail-on = {q([] if anonymous else ['missing_auth'])}",
    ]
    if anonymous:
        lines += [
            # Anonymous writes are refused before their body is read: the coverage phase's two thousand body
            # variants would all meet the same 403. The fuzzing and stateful phases still send them.
            "[[operations]]",
            'include-method = ["POST", "PUT", "PATCH", "DELETE"]',
            "phases.coverage.enabled = false",
        ]
    else:
        # The contact's writes cost 40-80 ms each; their coverage phase alone would take minutes. The read
        # operations get their coverage phase in the anonymous run.
        lines += ["[phases.coverage]", "enabled = false"]
    text = "\n".join(lines) + "\n"
    tomllib.loads(text)  # fail here, not deep inside schemathesis, if the file is not valid TOML
    return text


def run_schemathesis(
    base_url: str,
    tmp_path: Path,
    *,
    anonymous: bool,
    headers: tuple[str, ...] = (),
    config: str | None = None,
    checks: tuple[str, ...] = CHECKS,
    method: str | None = None,
) -> str:
    """Run schemathesis on every operation (those of `method` only, when given) with the fuzzing configuration,
    or `config` (a schemathesis.toml) when given, and `checks`; fail unless every check passed."""
    schema = api_schema()
    config_file = tmp_path / "schemathesis.toml"
    config_file.write_text(config or fuzz_config(schema, anonymous=anonymous), encoding="utf-8")
    command = [
        str(SCHEMATHESIS),
        "--config-file",
        str(config_file),
        "run",
        f"{base_url}/api/v1/schema/",
        "--checks",
        ",".join(checks),
        "--workers",
        "1",
        "--request-timeout",
        "30",
        # Django's development server does not read chunked request bodies; `requests` sends an empty form
        # (every field left out) chunked unless it has a length. Bodies with content get their real length.
        "--header",
        "Content-Length: 0",
    ]
    for header in headers:
        command += ["--header", header]
    if method:
        command += ["--include-method", method.upper()]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=900, check=False)  # noqa: S603
    output = f"$ {' '.join(command)}\n{result.stdout}{result.stderr}"
    print(output)  # shown by `pytest -s`, and with the captured output of a failure
    assert result.returncode == 0, output
    # Every operation of the schema (of the method) was exercised.
    total = len(list(operations(schema)))
    count = len([op for op in operations(schema) if method is None or op[1] == method.lower()])
    assert count >= 1, output
    assert f"Operations:       {count} selected / {total} total" in result.stdout, output
    assert re.search(rf"^\s*Tested: {count}$", result.stdout, re.MULTILINE), output
    return result.stdout


@pytest.fixture
def api_server(live_server, monkeypatch):
    """The live server, answering without Nagle's delay.

    Django's development server writes a response's headers and body in two `send()` calls; on a kept-alive
    connection the body then waits for the client's delayed ACK, 40 ms per request (measured: 68 ms a request
    instead of 14 ms). Sockets accepted while the test runs get TCP_NODELAY."""
    httpd = live_server.thread.httpd
    accept = httpd.get_request

    def get_request():
        sock, address = accept()
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return sock, address

    monkeypatch.setattr(httpd, "get_request", get_request)
    return live_server


@pytest.fixture
def world():
    """Agency A with its contact, published and draft projects; agency B's project under review, which nobody
    here may see or change (the contact's detail requests and writes all land on agency A's projects)."""
    agency_a = factories.AgencyFactory(slug="agency-a", name="Ajans A", name_en="Agency A", acronym="AA")
    agency_b = factories.AgencyFactory(slug="agency-b", name="Ajans B", name_en="Agency B", country="AZ")
    factories.AgencyFactory(slug="child-of-a", parent=agency_a, kind="university")
    contact = factories.ContactFactory(agency=agency_a, email="alice@a.example")
    published = factories.ProjectFactory(
        slug="a-published", agency=agency_a, published=True, action_lines=["C7", "C7.1"], sdgs=[9, 16]
    )
    factories.partners(published, agency_b)
    factories.ProjectFactory(
        slug="a-tr-only", agency=agency_a, published=True, title_en="", summary_en="", start_year=None
    )
    factories.ProjectFactory(slug="a-draft", agency=agency_a, action_lines=["C3"], sdgs=[4], end_year=2024)
    b_draft = factories.ProjectFactory(slug="b-draft", agency=agency_b, review_state="submitted")
    return {"agency_a": agency_a, "contact": contact, "b_draft": b_draft}


def snapshot() -> list[tuple]:
    return list(Project.objects.order_by("pk").values_list("pk", "slug", "agency_id", "updated_at"))


@pytest.mark.fuzz
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_fuzz_every_operation_anonymously(api_server, tmp_path, world):
    before = snapshot()
    run_schemathesis(api_server.url, tmp_path, anonymous=True)
    # Thousands of anonymous writes, none of them went through.
    assert snapshot() == before


@pytest.mark.fuzz
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_fuzz_every_operation_as_agency_contact(api_server, tmp_path, world):
    client = Client()
    client.force_login(world["contact"].user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    # DRF's session authentication checks CSRF on writes: the same token as cookie and header.
    csrf = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))
    b_draft = Project.objects.filter(pk=world["b_draft"].pk).values_list("slug", "updated_at").get()

    run_schemathesis(
        api_server.url,
        tmp_path,
        anonymous=False,
        headers=(
            f"Cookie: {settings.SESSION_COOKIE_NAME}={session}; {settings.CSRF_COOKIE_NAME}={csrf}",
            f"X-CSRFToken: {csrf}",
        ),
    )

    # The contact's writes went through, for its own agency only; the other agency's project is untouched.
    assert Project.objects.filter(reported_by=world["contact"].user).exists()
    assert set(Project.objects.values_list("agency_id", flat=True)) == {
        world["agency_a"].pk,
        world["b_draft"].agency_id,
    }
    assert Project.objects.filter(pk=world["b_draft"].pk).values_list("slug", "updated_at").get() == b_draft


# schemathesis never puts these in a path parameter (they reroute the request in many servers), so they are sent
# here, to every operation with a path parameter, as the contact, for whom the writes reach the lookup.
UNSENT_PATH_VALUES = ("%00", "agency-a%00", "a%2Fb", "%2E%2E", "a%5Cb", "%0A")


def test_path_values_the_fuzzer_never_sends(world):
    client = Client(raise_request_exception=False)
    client.force_login(world["contact"].user)
    checked = 0
    for template, method, operation in operations(api_schema()):
        names = [p["name"] for p in operation.get("parameters", []) if p["in"] == "path"]
        for value in UNSENT_PATH_VALUES if names else ():
            path = template
            for name in names:
                path = path.replace(f"{{{name}}}", value)
            response = client.generic(method.upper(), path, "{}", content_type="application/json")
            assert str(response.status_code) in operation["responses"], (method, path, response.status_code)
            assert response["Content-Type"] == "application/json", (method, path, response["Content-Type"])
            assert list(response.json()) == ["detail"], (method, path, response.content)
            checked += 1
    assert checked >= len(UNSENT_PATH_VALUES)


def test_session_cookie_django_never_issued_is_no_session(world):
    """Python's cookie parser turns the octal escape into a NUL character; the API still answers, anonymously."""
    schema = api_schema()
    cookies = [name.split(".", 1)[1] for name in credential_parameters(schema) if name.startswith("cookie.")]
    assert cookies == [settings.SESSION_COOKIE_NAME]
    client = Client(raise_request_exception=False)
    checked = 0
    for template, method, operation in operations(schema):
        if "{" in template or method != "get":
            continue
        response = client.get(template, headers={"cookie": f'{cookies[0]}="aaaaaaaa\\000"'})
        # Anonymous, as the schema says: an answer for all, or a refusal where a login is needed.
        anonymous_allowed = {} in operation.get("security", [{}])
        assert response.status_code == (200 if anonymous_allowed else 403), (template, response.status_code)
        assert response["Content-Type"] == "application/json", (template, response["Content-Type"])
        checked += 1
    assert checked >= 1


def test_session_store_refuses_keys_django_never_makes():
    """portal.sessions, which the test above needs as SESSION_ENGINE, keeps Django's keys and drops the others."""
    from portal.sessions import SessionStore

    made = SessionStore()
    made.create()
    assert SessionStore(made.session_key).session_key == made.session_key
    for key in ("aaaaaaaa\x00", "AAAAAAAAAAAA", "aaaaaaaa;", "aaaa"):
        assert SessionStore(key).session_key is None, key
    assert SessionStore("aaaaaaaa\x00").load() == {}
