"""Routes of the coordination area's circulars part for the permission matrix and the accessibility gate
(tests/gates/routes.py): the records they need in the world and what each role gets.

World: a third agency sends a public circular to agencies A and B (A has answered it, with a file) and an
addressees-only circular to agency A alone (A has not answered it yet); each circular has an attachment."""

from tests.gates.routes import POST_ONLY_LOGIN, PUBLIC, Example, Route, Write, _stored_file, expect

ATTACHMENT_FILE = "circulars/route-matrix/letter.pdf"
REPLY_FILE = "circular-replies/route-matrix/answer.pdf"
PDF = b"%PDF-1.4\n%%EOF\n"


def build(world) -> dict:
    """Records this part adds to the world, by attribute name."""
    from django.utils import timezone

    from coordination.circulars.models import CircularAttachment, RecipientState, ReplyAttachment
    from tests import factories

    sender = factories.AgencyFactory(slug="circular-sender", name="Gönderen", name_en="Sender")
    public = factories.sent_circular(
        [world.agency_a, world.agency_b], sender=sender, public=True, reference="MATRIX-PUB", subject_en="Public"
    )
    private = factories.sent_circular([world.agency_a], sender=sender, reference="MATRIX-PRIV", subject_en="Private")
    attachments = {
        name: CircularAttachment.objects.create(
            circular=circular, title="Letter", file=_stored_file(ATTACHMENT_FILE, PDF)
        )
        for name, circular in (("circular_public_attachment", public), ("circular_private_attachment", private))
    }
    answered = public.recipients.get(agency=world.agency_a)
    answered.state = RecipientState.ANSWERED
    answered.answer = "Done."
    answered.answered_at = timezone.now()
    answered.answered_by = world.contact_a.user
    answered.save()
    reply_attachment = ReplyAttachment.objects.create(
        recipient=answered, title="Answer", file=_stored_file(REPLY_FILE, PDF), uploaded_by=world.contact_a.user
    )
    return {
        "circular_public": public,
        "circular_private": private,
        "circular_reply_attachment_a": reply_attachment,
        **attachments,
        **_dashboard_world(world, sender),
    }


def _dashboard_world(world, third) -> dict:
    """For the dashboards and the API: an addressees-only circular agency A sent to agency B; a public one a third
    agency sent to B (agency A sees it, is not addressed); an addressees-only one the third agency sent to B; a
    distribution list."""
    from tests import factories

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


def _pk(attr):
    return lambda w: {"pk": getattr(w, attr).pk}


def _answer(w) -> dict:
    return {"answer": "Matrix answer."}


ROUTES: dict[str, Route] = {
    "coordination:circular_list": Route(PUBLIC, page=True),
    # Working-group admins have no agency of their own.
    "coordination:circular_mine": Route(expect(302, 200, 200, 403), page=True),
    "coordination:circular": Route(
        expect(404, 200, 404, 200),
        _pk("circular_private"),
        page=True,
        examples=(Example("circular_public", PUBLIC, _pk("circular_public")),),
    ),
    # Only a contact of an addressed agency acknowledges or answers; an admin who sees the circular is refused.
    "coordination:circular_acknowledge": Route(
        POST_ONLY_LOGIN,
        _pk("circular_private"),
        writes=(Write("post", expect(302, 302, 404, 403), "circular_private"),),
    ),
    "coordination:circular_answer": Route(
        POST_ONLY_LOGIN,
        _pk("circular_private"),
        writes=(
            Write("post", expect(302, 302, 404, 403), "circular_private", data=_answer),
            Write("post", expect(302, 302, 302, 403), "circular_public", kwargs=_pk("circular_public"), data=_answer),
        ),
    ),
    "coordination:circular_attachment": Route(
        expect(404, 200, 404, 200),
        lambda w: {"pk": w.circular_private.pk, "attachment": w.circular_private_attachment.pk},
        examples=(
            Example(
                "circular_public_attachment",
                PUBLIC,
                lambda w: {"pk": w.circular_public.pk, "attachment": w.circular_public_attachment.pk},
            ),
        ),
    ),
    # An answer's file: the answering agency, the sender's contacts and the admins; not another addressee.
    "coordination:circular_reply_attachment": Route(
        expect(404, 200, 404, 200),
        lambda w: {"pk": w.circular_public.pk, "attachment": w.circular_reply_attachment_a.pk},
    ),
}


def fingerprint() -> dict[tuple, tuple]:
    """The permission matrix's view of this part's writes (tests/gates/test_route_matrix.py): each recipient row
    with its files and applications, as its agency's record."""
    from coordination.circulars.models import CircularRecipient

    # A reminder is the sender agency's doing: its time is the sender's fact, below.
    names = [f.attname for f in CircularRecipient._meta.concrete_fields if f.attname != "last_reminded_at"]
    rows = {}
    for row in (
        CircularRecipient.objects.select_related("circular")
        .prefetch_related("attachments", "applications")
        .order_by("pk")
    ):
        rows[("circularrecipient", row.pk)] = (
            row.agency_id,
            tuple(getattr(row, f) for f in names),
            tuple(sorted((a.title, a.file.name) for a in row.attachments.all())),
            tuple(sorted(a.pk for a in row.applications.all())),
        )
        rows[("circular reminder", row.pk)] = (row.circular.sender_id, (row.last_reminded_at,))
    return rows


def _api_answer(w) -> dict:
    return {"text": "Matrix answer"}


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
