"""The API's answers on the demo data (`manage.py load_demo`) conform to its OpenAPI schema.

The fuzzing gate (test_api_fuzz.py) runs on its own fixtures, where every optional field is filled; the demo has
records as people enter them: optional addresses left empty, times and dates not known yet, drafts. schemathesis
reads every GET operation as the demo's working-group admin (who sees every record, drafts and applications
included) and checks each answer against the schema. Positive values only and few of them: the point is the data
that comes back, not the requests' edge cases, which the fuzzing gate covers. A detail operation is sent the
identifiers its list answers with, so that it reads the demo's records rather than answering 404."""

import io
import json
import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from portal.demo import DEMO_ADMIN_EMAIL
from tests.gates.test_api_fuzz import (  # noqa: F401 (api_server: a fixture)
    api_schema,
    api_server,
    operations,
    reproducible,
    run_schemathesis,
)

# Test cases per GET operation. Measured on the 2-core machine: with 5, the whole test (loading the demo included,
# creating the test database not) takes about 50 s, schemathesis 23 s of it.
MAX_EXAMPLES = 5
CHECKS = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
    "response_headers_conformance",
)
# A list item names its record by the detail's path parameter, or by `id`; these by another field.
IDENTIFIER_FIELD = {"/api/v1/guides/english-websites/{slug}/": "agency"}


def identifiers(client: Client, schema: dict) -> dict[tuple[str, str], list]:
    """(detail path, parameter) → the identifiers of the records its list answers with (its first page)."""
    found = {}
    for path, method, operation in operations(schema):
        names = re.findall(r"\{(\w+)\}", path)
        if method != "get" or len(names) != 1:
            continue
        listing = path[: path.index("{")]
        if "get" not in schema["paths"].get(listing, {}):
            continue
        response = client.get(listing)
        if response.status_code != 200:
            continue
        field = IDENTIFIER_FIELD.get(path)
        values = [item.get(field or names[0], item.get("id")) for item in response.json()["results"]]
        # As the parameter's type says: an id in the address is a string of digits.
        parameter = next(p for p in operation["parameters"] if p["in"] == "path")
        if parameter["schema"].get("type") == "string":
            values = [str(value) for value in values]
        if values:
            found[path, names[0]] = values
    return found


def demo_config(known: dict[tuple[str, str], list]) -> str:
    q = json.dumps
    lines = [
        *reproducible(MAX_EXAMPLES),
        'mode = "positive"',
        # The coverage phase's variants of every filter would cost minutes; the fuzzing phase reads the lists
        # (the first page, unfiltered or filtered) and the details.
        "[phases.coverage]",
        "enabled = false",
        "[phases.stateful]",
        "enabled = false",
    ]
    for number, ((_path, _name), values) in enumerate(known.items()):
        lines += [f"[dictionaries.records{number}]", f"values = {q(values, ensure_ascii=False)}"]
    for number, (path, name) in enumerate(known):
        # An operation's own table starts from schemathesis' defaults: its mode is set again.
        lines += [
            "[[operations]]",
            f"include-name = {q('GET ' + path)}",
            'generation.mode = "positive"',
            f"parameters = {{ {q('path.' + name)} = {{ dictionary = {q(f'records{number}')}, probability = 1.0 }} }}",
        ]
    return "\n".join(lines) + "\n"


@pytest.mark.fuzz
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_get_answer_on_the_demo_conforms_to_the_schema(api_server, tmp_path):  # noqa: F811
    call_command("load_demo", stdout=io.StringIO())
    client = Client()
    client.force_login(get_user_model().objects.get(username=DEMO_ADMIN_EMAIL))
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    known = identifiers(client, api_schema())
    # The demo fills the lists: most details are read with real records.
    assert len(known) >= 25, sorted(known)

    run_schemathesis(
        api_server.url,
        tmp_path,
        anonymous=False,
        config=demo_config(known),
        checks=CHECKS,
        method="GET",
        headers=(f"Cookie: {settings.SESSION_COOKIE_NAME}={session}",),
    )
    # The demo's empty optional addresses were in the answers, as null.
    editions = client.get("/api/v1/awards/editions/").json()["results"]
    assert any(edition["guide_url"] is None for edition in editions), editions
