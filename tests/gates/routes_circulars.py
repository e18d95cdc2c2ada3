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

    names = [f.attname for f in CircularRecipient._meta.concrete_fields]
    rows = {}
    for row in CircularRecipient.objects.prefetch_related("attachments", "applications").order_by("pk"):
        rows[("circularrecipient", row.pk)] = (
            row.agency_id,
            tuple(getattr(row, f) for f in names),
            tuple(sorted((a.title, a.file.name) for a in row.attachments.all())),
            tuple(sorted(a.pk for a in row.applications.all())),
        )
    return rows
