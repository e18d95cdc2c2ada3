"""The circulars API under /api/v1/coordination/: the pages' visibility rules (a private circular nowhere to the
public), no personal data to the public, the recipients' answers to the sender and the admins, an addressee's own
row, acknowledging and answering through the services (404 when unseen, 403 when seen but not addressed), the
distribution lists for admins, and constant queries."""

import pytest
from django.test import Client

from coordination.circulars import services
from coordination.circulars.models import CircularRecipient, RecipientState
from tests import factories
from tests.coordination.circular_world import answers_world
from tests.queries import LARGE, SMALL, count_queries

pytestmark = pytest.mark.clock

API = "/api/v1/coordination"
PERSONAL = ("contact_email", "contact_phone")


def client_of(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def world(db):
    """A public circular (answered in every way) and a private one to a single agency, from the same sender."""
    public = answers_world(public=True)
    addressee = factories.ContactFactory(language="en")
    private = factories.sent_circular(
        [addressee.agency], sender=public.sender.agency, reference="PRIV-1", subject_en="Secret subject"
    )
    return {"public": public, "private": private, "addressee": addressee, "outsider": factories.ContactFactory()}


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["results"]}


def test_the_public_sees_public_circulars_only_without_personal_data(world):
    client = client_of()
    public, private = world["public"].circular, world["private"]
    assert ids(client.get(f"{API}/circulars/")) == {public.pk}
    assert client.get(f"{API}/circulars/{private.pk}/").status_code == 404
    item = client.get(f"{API}/circulars/{public.pk}/").json()
    assert item["reference"] == public.reference
    assert item["sender"] == public.sender.slug
    assert item["contact_name"] == public.contact_name
    assert item["contact_email"] is None and item["contact_phone"] is None
    assert item["tz"] == "Europe/Istanbul"
    assert item["recipients"] == {"total": 5, "answered": 3, "acknowledged": 1, "pending": 1}
    assert "answer" not in str(item.keys())
    # The answers are nowhere for the public.
    assert client.get(f"{API}/circular-recipients/").json()["results"] == []
    row = public.recipients.first()
    assert client.get(f"{API}/circular-recipients/{row.pk}/").status_code == 404


def test_an_agency_contact_sees_the_contact_details_and_its_own_row_only(world):
    public = world["public"]
    client = client_of(public.pending.user)
    item = client.get(f"{API}/circulars/{public.circular.pk}/").json()
    assert item["contact_email"] == public.circular.contact_email
    rows = client.get(f"{API}/circular-recipients/").json()["results"]
    assert [(row["agency"], row["state"], row["overdue"]) for row in rows] == [
        (public.pending.agency.slug, "pending", True)
    ]
    other = CircularRecipient.objects.get(circular=public.circular, agency=public.on_time.agency)
    assert client.get(f"{API}/circular-recipients/{other.pk}/").status_code == 404
    assert ids(client_of(world["outsider"].user).get(f"{API}/circulars/")) == {public.circular.pk}


def test_the_sender_and_the_admins_read_every_answer(world, wg_admin):
    public = world["public"]
    for user in (public.sender.user, wg_admin):
        rows = client_of(user).get(f"{API}/circular-recipients/", {"circular": public.circular.pk}).json()["results"]
        assert {row["agency"]: row["state"] for row in rows} == {
            public.on_time.agency.slug: "answered",
            public.nothing.agency.slug: "nothing_to_report",
            public.late.agency.slug: "answered",
            public.acknowledged.agency.slug: "acknowledged",
            public.pending.agency.slug: "pending",
        }
        on_time = next(row for row in rows if row["agency"] == public.on_time.agency.slug)
        assert on_time["answer"] == "We nominate our e-Government Gateway."
        assert on_time["late"] is False and on_time["answered_at"]
    late = client_of(wg_admin).get(f"{API}/circular-recipients/", {"late": "true"}).json()["results"]
    assert [row["agency"] for row in late] == [public.late.agency.slug]


def test_the_private_circular_is_seen_by_its_addressee_and_sender_only(world, wg_admin):
    private = world["private"]
    assert private.pk in ids(client_of(world["addressee"].user).get(f"{API}/circulars/"))
    assert private.pk in ids(client_of(world["public"].sender.user).get(f"{API}/circulars/"))
    assert private.pk in ids(client_of(wg_admin).get(f"{API}/circulars/"))
    outsider = client_of(world["outsider"].user)
    assert private.pk not in ids(outsider.get(f"{API}/circulars/"))
    assert outsider.get(f"{API}/circulars/{private.pk}/").status_code == 404


def test_an_addressee_acknowledges_and_answers_through_the_api(world):
    addressee, private = world["addressee"], world["private"]
    client = client_of(addressee.user)
    response = client.post(f"{API}/circulars/{private.pk}/acknowledge/")
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "acknowledged"
    response = client.post(
        f"{API}/circulars/{private.pk}/answer/", {"text": "Two projects nominated."}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    row = CircularRecipient.objects.get(circular=private, agency=addressee.agency)
    assert (row.state, row.answer, row.answered_by_id) == (
        RecipientState.ANSWERED,
        "Two projects nominated.",
        addressee.user_id,
    )
    assert response.json()["answer"] == "Two projects nominated."


def test_an_empty_answer_is_a_400_with_details_and_changes_nothing(world):
    addressee, private = world["addressee"], world["private"]
    client = client_of(addressee.user)
    response = client.post(f"{API}/circulars/{private.pk}/answer/", {"text": " "}, content_type="application/json")
    assert response.status_code == 400
    assert "answer" in response.json()
    response = client.post(
        f"{API}/circulars/{private.pk}/answer/", {"applications": [2**70]}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "applications" in response.json()
    assert CircularRecipient.objects.get(circular=private).state == RecipientState.PENDING


def test_another_agency_gets_404_or_403_and_nothing_changes(world, wg_admin):
    public, private = world["public"], world["private"]
    outsider = client_of(world["outsider"].user)
    before = list(CircularRecipient.objects.order_by("pk").values_list("state", "answer", "acknowledged_at"))
    assert outsider.post(f"{API}/circulars/{private.pk}/acknowledge/").status_code == 404
    assert outsider.post(f"{API}/circulars/{public.circular.pk}/acknowledge/").status_code == 403
    body = {"text": "Not ours to say."}
    assert (
        outsider.post(f"{API}/circulars/{private.pk}/answer/", body, content_type="application/json").status_code == 404
    )
    assert (
        outsider.post(
            f"{API}/circulars/{public.circular.pk}/answer/", body, content_type="application/json"
        ).status_code
        == 403
    )
    # The sender is not an addressee; the anonymous may not write; admins record answers in the back-office.
    sender = client_of(public.sender.user)
    assert (
        sender.post(f"{API}/circulars/{private.pk}/answer/", body, content_type="application/json").status_code == 403
    )
    assert client_of().post(f"{API}/circulars/{public.circular.pk}/acknowledge/").status_code == 403
    assert client_of(wg_admin).post(f"{API}/circulars/{private.pk}/acknowledge/").status_code == 403
    after = list(CircularRecipient.objects.order_by("pk").values_list("state", "answer", "acknowledged_at"))
    assert after == before


def test_a_withdrawn_circular_takes_no_answer(world, wg_admin):
    addressee, private = world["addressee"], world["private"]
    services.withdraw_circular(private, wg_admin)
    response = client_of(addressee.user).post(
        f"{API}/circulars/{private.pk}/answer/", {"nothing_to_report": True}, content_type="application/json"
    )
    assert response.status_code == 403
    assert CircularRecipient.objects.get(circular=private).state == RecipientState.PENDING


def test_circulars_are_read_only(world, wg_admin):
    circular = world["public"].circular
    admin = client_of(wg_admin)
    assert admin.post(f"{API}/circulars/", {"reference": "X"}, content_type="application/json").status_code == 405
    assert (
        admin.patch(f"{API}/circulars/{circular.pk}/", {"reference": "X"}, content_type="application/json").status_code
        == 405
    )
    assert admin.delete(f"{API}/circulars/{circular.pk}/").status_code == 405


def test_distribution_lists_are_read_by_admins_only(world, wg_admin):
    listed = factories.DistributionListFactory(slug="ministries", agencies=[world["addressee"].agency])
    response = client_of(wg_admin).get(f"{API}/distribution-lists/ministries/")
    assert response.status_code == 200
    assert response.json()["agencies"] == [world["addressee"].agency.slug]
    assert listed.slug in {
        item["slug"] for item in client_of(wg_admin).get(f"{API}/distribution-lists/").json()["results"]
    }
    for client in (client_of(), client_of(world["addressee"].user)):
        assert client.get(f"{API}/distribution-lists/").json()["results"] == []
        assert client.get(f"{API}/distribution-lists/ministries/").status_code == 404


def test_the_lists_run_a_constant_number_of_queries(django_assert_max_num_queries, wg_admin):
    sender = factories.ContactFactory()
    agencies = [factories.ContactFactory().agency for _ in range(4)]

    def add(count):
        for _ in range(count):
            circular = factories.sent_circular(agencies, sender=sender.agency, public=True)
            row = circular.recipients.select_related("agency").first()
            services.answer(row, row.agency.contacts.first().user, "Done.")
            factories.DistributionListFactory(agencies=agencies)

    add(SMALL)
    clients = {"anonymous": client_of(), "sender": client_of(sender.user), "admin": client_of(wg_admin)}
    counts = {}
    for path in ("circulars/", "circular-recipients/", "distribution-lists/"):
        for who, client in clients.items():
            counts[path, who] = count_queries(client, f"{API}/{path}")[0]
    add(LARGE - SMALL)
    for (path, who), small in counts.items():
        with django_assert_max_num_queries(small):
            response = clients[who].get(f"{API}/{path}")
        assert response.status_code == 200
    assert clients["sender"].get(f"{API}/circular-recipients/").json()["count"] == LARGE * len(agencies)


def test_the_files_of_a_circular_and_of_an_answer_are_linked_for_those_who_may_read_them(world, settings, tmp_path):
    from django.core.files.base import ContentFile
    from django.core.files.uploadedfile import SimpleUploadedFile

    from coordination.circulars.models import CircularAttachment

    settings.MEDIA_ROOT = tmp_path
    addressee, private = world["addressee"], world["private"]
    letter = CircularAttachment(circular=private, title="ITU letter")
    letter.file.save("letter.pdf", ContentFile(factories.PDF), save=True)
    row = CircularRecipient.objects.get(circular=private)
    services.answer(
        row, addressee.user, "See the file.", attachments=[("Nominations", SimpleUploadedFile("n.pdf", factories.PDF))]
    )
    sender = client_of(world["public"].sender.user)
    [attachment] = sender.get(f"{API}/circulars/{private.pk}/").json()["attachments"]
    assert attachment["title"] == "ITU letter"
    assert attachment["url"].endswith(f"/coordination/circulars/{private.pk}/attachments/{letter.pk}/")
    [answer_file] = sender.get(f"{API}/circular-recipients/{row.pk}/").json()["attachments"]
    assert answer_file["title"] == "Nominations"
    path = answer_file["url"].removeprefix(settings.SITE_URL)
    response = sender.get(path)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert client_of(world["outsider"].user).get(path).status_code == 404


def test_the_circulars_filter_by_addressee_sender_and_state(world, wg_admin):
    public, private, addressee = world["public"], world["private"], world["addressee"]
    client = client_of(addressee.user)
    assert ids(client.get(f"{API}/circulars/", {"addressed_to_me": "true"})) == {private.pk}
    assert ids(client.get(f"{API}/circulars/", {"addressed_to_me": "false"})) == {public.circular.pk}
    assert client.get(f"{API}/circulars/", {"addressed_to_me": "maybe"}).status_code == 400
    admin = client_of(wg_admin)
    draft = factories.CircularFactory(sender=public.sender.agency)
    assert ids(admin.get(f"{API}/circulars/", {"state": "draft"})) == {draft.pk}
    assert ids(admin.get(f"{API}/circulars/", {"sender": public.sender.agency.slug, "state": "sent"})) == {
        public.circular.pk,
        private.pk,
    }
    assert draft.pk not in ids(client_of().get(f"{API}/circulars/"))
    assert client_of(public.sender.user).get(f"{API}/circulars/{draft.pk}/").status_code == 404
