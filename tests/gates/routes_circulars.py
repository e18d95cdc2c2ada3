"""Routes of the coordination area's circulars part for the permission matrix and the accessibility gate
(tests/gates/routes.py): the records they need in the world and what each role gets."""

from tests.gates.routes import Example, Route, Write, expect


def build(world) -> dict:
    """Records this part adds to the world, by attribute name."""
    return {**_dashboard_world(world)}


def _dashboard_world(world) -> dict:
    """For the dashboards and the API: an addressees-only circular agency A sent to agency B; a public one a third
    agency sent to B (agency A sees it, is not addressed); an addressees-only one the third agency sent to B; a
    distribution list."""
    from tests import factories

    third = factories.AgencyFactory(slug="circular-sender", name="Gönderen", name_en="Sender agency")
    from_a = factories.sent_circular([world.agency_b], sender=world.agency_a, reference="A-2026/1")
    public = factories.sent_circular([world.agency_b], sender=third, public=True, reference="S-2026/1")
    to_b = factories.sent_circular([world.agency_b], sender=third, reference="S-2026/2")
    return {
        "dash_from_a": from_a,
        "dash_from_a_row_b": from_a.recipients.get(agency=world.agency_b),
        "dash_public": public,
        "dash_public_row_b": public.recipients.get(agency=world.agency_b),
        "dash_to_b": to_b,
        "dash_list": factories.DistributionListFactory(slug="matrix-list", agencies=[world.agency_a]),
    }


def fingerprint() -> dict[tuple, tuple]:
    """The facts the circulars' writes touch (tests/gates/test_route_matrix.py), each with the agency it belongs to
    first: an addressed agency's acknowledgement and answer are its own; a reminder is the sender agency's doing."""
    from coordination.circulars.models import CircularRecipient

    rows = {}
    for row in CircularRecipient.objects.select_related("circular").order_by("pk"):
        rows[("circular answer", row.pk)] = (
            row.agency_id,
            (row.state, row.acknowledged_at, row.acknowledged_by_id, row.answer, row.answered_at, row.answered_by_id),
        )
        rows[("circular reminder", row.pk)] = (row.circular.sender_id, (row.last_reminded_at,))
    return rows


def _pk(name):
    return lambda w: {"pk": getattr(w, name).pk}


def _api_answer(w) -> dict:
    return {"text": "Matrix answer"}


ROUTES: dict[str, Route] = {}

# A circular's dashboard and reminder: its sender agency's contacts and admins; a contact who sees the circular but
# did not send it gets 403, one who does not see it 404.
ROUTES.update(
    {
        "coordination:circular_dashboard": Route(
            expect(302, 200, 403, 200),
            _pk("dash_from_a"),
            page=True,
            examples=(
                Example("dash_public", expect(302, 403, 403, 200), _pk("dash_public")),
                Example("dash_to_b", expect(302, 404, 403, 200), _pk("dash_to_b")),
            ),
        ),
        "coordination:circular_remind": Route(
            expect(302, 405, 405, 405),
            _pk("dash_from_a"),
            writes=(
                Write("post", expect(302, 302, 403, 302), "dash_from_a"),
                Write("post", expect(302, 404, 403, 302), "dash_to_b", kwargs=_pk("dash_to_b")),
            ),
        ),
        # The API: circulars as the pages show them; an addressed agency's contact acknowledges and answers.
        "api:coordination-circular-list": Route(expect(200, 200), query="?state=sent"),
        "api:coordination-circular-detail": Route(
            expect(404, 200, 200, 200),
            _pk("dash_from_a"),
            examples=(
                Example("dash_public", expect(200, 200, 200, 200), _pk("dash_public")),
                Example("dash_to_b", expect(404, 404, 200, 200), _pk("dash_to_b")),
            ),
        ),
        "api:coordination-circular-acknowledge": Route(
            expect(405, 405),
            _pk("dash_from_a"),
            writes=(
                Write("post", expect(403, 403, 200, 403), "dash_from_a", json=True),
                Write("post", expect(403, 403, 200, 403), "dash_public", kwargs=_pk("dash_public"), json=True),
                Write("post", expect(403, 404, 200, 403), "dash_to_b", kwargs=_pk("dash_to_b"), json=True),
            ),
        ),
        "api:coordination-circular-answer": Route(
            expect(405, 405),
            _pk("dash_from_a"),
            writes=(
                Write("post", expect(403, 403, 200, 403), "dash_from_a", data=_api_answer, json=True),
                Write(
                    "post",
                    expect(403, 404, 200, 403),
                    "dash_to_b",
                    kwargs=_pk("dash_to_b"),
                    data=_api_answer,
                    json=True,
                ),
            ),
        ),
        "api:coordination-circular-recipient-list": Route(expect(200, 200), query="?state=pending"),
        "api:coordination-circular-recipient-detail": Route(
            expect(404, 200, 200, 200),
            _pk("dash_from_a_row_b"),
            examples=(Example("dash_public_row_b", expect(404, 404, 200, 200), _pk("dash_public_row_b")),),
        ),
        "api:coordination-distribution-list-list": Route(expect(200, 200)),
        "api:coordination-distribution-list-detail": Route(
            expect(404, 404, 404, 200), lambda w: {"slug": w.dash_list.slug}
        ),
    }
)
