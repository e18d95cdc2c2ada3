"""The circulars' pages: the list, a circular's page with the addressed agency's acknowledgement and answer,
"circulars to my agency", the attachments' downloads, the area's landing page; and that a private circular shows
nowhere to the public or to a non-addressee (pages, downloads, search, the public calendar feed)."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from coordination.circulars.models import CircularAttachment, CircularRecipient, RecipientState
from tests import factories
from tests.queries import LARGE, SMALL, count_queries

pytestmark = pytest.mark.clock  # open circulars, days left

IST = "Europe/Istanbul"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Uploaded files go to the test's own directory."""
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def world(agency_a, agency_b):
    """A sender agency with a contact; agency A's and B's contacts; a public circular to A and B and a private one
    to A only, each with an attachment."""
    sender = factories.ContactFactory(language="en")
    contact_a = factories.ContactFactory(agency=agency_a, language="en")
    contact_b = factories.ContactFactory(agency=agency_b, language="en")
    public = factories.sent_circular(
        [agency_a, agency_b], public=True, sender=sender.agency, reference="PUB-1", subject_en="Public call"
    )
    private = factories.sent_circular(
        [agency_a], sender=sender.agency, reference="PRIV-1", subject="Gizli konu", subject_en="Secret subject"
    )
    for circular in (public, private):
        attachment = CircularAttachment(circular=circular, title="ITU letter")
        attachment.file.save("letter.pdf", ContentFile(factories.PDF), save=True)
    return {"sender": sender, "a": contact_a, "b": contact_b, "public": public, "private": private}


def client_of(contact=None) -> Client:
    client = Client()
    if contact is not None:
        client.force_login(contact.user)
    return client


def status(client, path) -> int:
    """The status of a GET of `path`, its file (if any) closed."""
    response = client.get(path)
    if response.streaming:  # read to its end, which closes the file the way the test client expects
        assert b"".join(response.streaming_content).startswith(b"%PDF-")
    return response.status_code


def test_the_list_shows_public_circulars_to_everyone_and_private_ones_to_addressees(world):
    listing = reverse("coordination:circular_list")
    anonymous = client_of().get(listing).content.decode()
    assert "PUB-1" in anonymous and "PRIV-1" not in anonymous
    outsider = client_of(world["b"]).get(listing).content.decode()
    assert "PUB-1" in outsider and "PRIV-1" not in outsider
    addressee = client_of(world["a"]).get(listing).content.decode()
    assert "PUB-1" in addressee and "PRIV-1" in addressee
    sender = client_of(world["sender"]).get(listing).content.decode()
    assert "PRIV-1" in sender
    # The search does not find it either.
    assert "PRIV-1" not in client_of().get(listing, {"q": "PRIV"}).content.decode()
    assert "PRIV-1" not in client_of(world["b"]).get(listing, {"q": "Secret"}).content.decode()
    assert "PRIV-1" in client_of(world["a"]).get(listing, {"q": "PRIV"}).content.decode()


def test_a_private_circular_is_404_to_the_public_and_a_non_addressee_with_its_attachment(world):
    private = world["private"]
    attachment = private.attachments.get()
    detail = reverse("coordination:circular", args=[private.pk])
    download = reverse("coordination:circular_attachment", args=[private.pk, attachment.pk])
    for client in (client_of(), client_of(world["b"])):
        assert client.get(detail).status_code == 404
        assert status(client, download) == 404
    assert client_of(world["a"]).get(detail).status_code == 200
    assert status(client_of(world["a"]), download) == 200
    # An attachment is only reachable under its own circular.
    public = world["public"]
    assert (
        status(client_of(world["b"]), reverse("coordination:circular_attachment", args=[public.pk, attachment.pk]))
        == 404
    )


def test_the_public_calendar_feed_does_not_carry_a_private_circulars_reply_deadline(world):
    body = client_of().get(reverse("deadlines_ics")).content.decode()
    assert "PRIV-1" not in body and "PUB-1" not in body  # reply deadlines are addressed to agencies
    assert "PRIV-1" not in client_of().get("/en/deadlines/").content.decode()
    assert "PRIV-1" not in client_of(world["b"]).get("/en/deadlines/").content.decode()
    assert "PRIV-1" in client_of(world["a"]).get("/en/deadlines/").content.decode()


def test_contact_details_are_shown_to_signed_in_contacts_only(world):
    detail = reverse("coordination:circular", args=[world["public"].pk])
    anonymous = client_of().get(detail).content.decode()
    assert "Handan Cantekinler" in anonymous and "handan@sender.example" not in anonymous
    assert "0312 412 12 54" not in anonymous
    signed_in = client_of(world["b"]).get(detail).content.decode()
    assert "handan@sender.example" in signed_in and "0312 412 12 54" in signed_in


def test_a_contact_of_an_addressee_acknowledges_and_answers_through_the_page(world):
    private = world["private"]
    client = client_of(world["a"])
    detail = reverse("coordination:circular", args=[private.pk])
    page = client.get(detail).content.decode()
    assert "answer-form" in page and 'data-recipient-state="pending"' in page

    response = client.post(reverse("coordination:circular_acknowledge", args=[private.pk]))
    assert response.status_code == 302
    row = CircularRecipient.objects.get(circular=private, agency=world["a"].agency)
    assert row.state == RecipientState.ACKNOWLEDGED and row.acknowledged_by == world["a"].user

    pdf = SimpleUploadedFile("reply.pdf", factories.PDF, content_type="application/pdf")
    response = client.post(
        reverse("coordination:circular_answer", args=[private.pk]),
        {"answer": "We nominated two projects.", "attachment": pdf, "attachment_title": "Our list"},
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.state, row.answer, row.late) == (RecipientState.ANSWERED, "We nominated two projects.", False)
    [attachment] = row.attachments.all()
    assert attachment.title == "Our list"
    download = reverse("coordination:circular_reply_attachment", args=[private.pk, attachment.pk])
    assert status(client, download) == 200
    assert status(client_of(world["sender"]), download) == 200
    assert status(client_of(world["b"]), download) == 404
    assert status(client_of(), download) == 404


def test_an_empty_answer_or_a_bad_file_is_refused_with_the_form(world):
    private = world["private"]
    answer = reverse("coordination:circular_answer", args=[private.pk])
    client = client_of(world["a"])
    for data in (
        {"answer": ""},
        {"answer": "x", "attachment": SimpleUploadedFile("reply.pdf", b"not a pdf", content_type="application/pdf")},
    ):
        response = client.post(answer, data)
        assert response.status_code == 200 and "error-summary" in response.content.decode()
    row = CircularRecipient.objects.get(circular=private, agency=world["a"].agency)
    assert row.state == RecipientState.PENDING and not row.attachments.exists()


def test_another_agencys_contact_cannot_answer_or_acknowledge(world):
    public, private = world["public"], world["private"]
    outsider = client_of(world["b"])
    sender = client_of(world["sender"])
    for client, circular, status in (
        (outsider, private, 404),  # does not see it
        (sender, private, 404),  # sees it, but is not addressed: nothing of its own to answer
        (client_of(), public, 302),  # anonymous: sign in first
    ):
        for name in ("circular_answer", "circular_acknowledge"):
            response = client.post(reverse(f"coordination:{name}", args=[circular.pk]), {"answer": "Not ours."})
            assert response.status_code == status, (name, circular.reference)
    assert set(CircularRecipient.objects.values_list("state", flat=True)) == {RecipientState.PENDING}
    assert not CircularRecipient.objects.exclude(answer="").exists()


def test_answering_with_the_agencys_applications_to_the_edition(world, agency_a):
    edition = factories.AwardEditionFactory()
    own = factories.AwardApplicationFactory(agency=agency_a, edition=edition)
    other = factories.AwardApplicationFactory(agency=world["b"].agency, edition=edition)
    circular = factories.sent_circular([agency_a, world["b"].agency], award_edition=edition)
    client = client_of(world["a"])
    page = client.get(reverse("coordination:circular", args=[circular.pk])).content.decode()
    assert f'value="{own.pk}"' in page and f'value="{other.pk}"' not in page
    answer = reverse("coordination:circular_answer", args=[circular.pk])
    refused = client.post(answer, {"applications": [other.pk]})
    assert refused.status_code == 200 and "error-summary" in refused.content.decode()
    assert client.post(answer, {"applications": [own.pk]}).status_code == 302
    row = CircularRecipient.objects.get(circular=circular, agency=agency_a)
    assert list(row.applications.all()) == [own] and row.state == RecipientState.ANSWERED


def test_circulars_to_my_agency_lists_what_is_asked_and_the_state(world):
    mine = reverse("coordination:circular_mine")
    page = client_of(world["a"]).get(mine).content.decode()
    assert "PUB-1" in page and "PRIV-1" in page and 'data-recipient-state="pending"' in page
    page_b = client_of(world["b"]).get(mine).content.decode()
    assert "PUB-1" in page_b and "PRIV-1" not in page_b
    assert client_of().get(mine).status_code == 302
    assert client_of(world["sender"]).get(mine).status_code == 200


def test_the_area_index_lists_open_public_circulars_and_my_pending_answers(world):
    index = reverse("coordination:index")
    anonymous = client_of().get(index).content.decode()
    assert "PUB-1" in anonymous and "PRIV-1" not in anonymous
    assert 'data-section="pending-answers"' not in anonymous
    page = client_of(world["a"]).get(index).content.decode()
    assert 'data-section="pending-answers"' in page and "PRIV-1" in page


def test_a_withdrawn_circular_shows_withdrawn_and_takes_no_answer(world):
    from coordination.circulars import services

    public = world["public"]
    services.withdraw_circular(public, None)
    client = client_of(world["a"])
    page = client.get(reverse("coordination:circular", args=[public.pk])).content.decode()
    assert 'data-state="withdrawn"' in page and "answer-form" not in page
    response = client.post(reverse("coordination:circular_answer", args=[public.pk]), {"answer": "x"})
    assert response.status_code == 403
    assert "PUB-1" not in client_of().get(reverse("coordination:index")).content.decode()


@pytest.mark.parametrize("name", ["circular_list", "circular_mine"])
def test_lists_run_a_constant_number_of_queries(name, agency_a, django_assert_max_num_queries):
    contact = factories.ContactFactory(agency=agency_a)
    client = client_of(contact)
    listing = reverse(f"coordination:{name}")

    def add(count):
        for _ in range(count):
            factories.sent_circular([agency_a], public=True)

    add(SMALL)
    small, _response = count_queries(client, listing)
    add(LARGE - SMALL)
    with django_assert_max_num_queries(small):
        response = client.get(listing)
    assert response.status_code == 200


def test_the_index_runs_a_constant_number_of_queries(agency_a, django_assert_max_num_queries):
    contact = factories.ContactFactory(agency=agency_a)
    client = client_of(contact)
    for _ in range(SMALL):
        factories.sent_circular([agency_a], public=True)
    small, _response = count_queries(client, reverse("coordination:index"))
    for _ in range(LARGE - SMALL):
        factories.sent_circular([agency_a], public=True)
    with django_assert_max_num_queries(small):
        client.get(reverse("coordination:index"))


def test_an_answer_on_the_page_stops_that_agencys_reminders_and_the_others_still_get_theirs(world, settings):
    import datetime as dt
    from zoneinfo import ZoneInfo

    from portal import alerts
    from portal.models import AlertDelivery, DeliveryState

    public = world["public"]
    a, b = world["a"], world["b"]

    def at(days_before):
        day = public.reply_due_on - dt.timedelta(days=days_before)
        return dt.datetime.combine(day, dt.time(8), tzinfo=ZoneInfo(public.tz))

    def alerted(lead):
        rows = AlertDelivery.objects.filter(lead_days=lead, deadline__object_id=public.pk).exclude(
            state=DeliveryState.CANCELLED
        )
        return set(rows.values_list("contact_id", flat=True))

    alerts.plan(at(7))
    assert alerted(7) == {a.pk, b.pk}
    response = client_of(a).post(reverse("coordination:circular_answer", args=[public.pk]), {"nothing_to_report": "on"})
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert alerted(7) == {b.pk}
    alerts.plan(at(1))
    assert alerted(1) == {b.pk}
    # The private circular, not answered, still reminds agency A.
    private_rows = AlertDelivery.objects.filter(deadline__object_id=world["private"].pk, lead_days=1)
    assert set(private_rows.values_list("contact_id", flat=True)) == {a.pk}
