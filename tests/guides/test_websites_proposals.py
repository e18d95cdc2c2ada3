"""An agency's contacts propose their own agency's English-website address; it is public only once the working
group publishes it (the shared review queue), and then it becomes the agency's address. A contact of another agency
cannot change it — through the pages, the API or the back-office."""

import pytest
from django.contrib.admin import helpers

from guides.websites import services
from guides.websites.models import WebsiteProposal
from portal import reviews
from portal.models import EnglishWebsiteState, ReviewState, Revision
from portal.reviews import decisions
from portal.reviews import selectors as review_selectors

MINE = "/en/guides/english-websites/mine/"
NEW = MINE + "new/"


def propose(client, url="https://a.example/en/"):
    return client.post(NEW, {"url": url, "note": "New site"})


def test_a_contact_proposes_its_agencys_address_and_it_waits_for_review(client_a, agency_a, client):
    response = propose(client_a)
    assert (response.status_code, response["Location"]) == (302, MINE)
    proposal = WebsiteProposal.objects.get()
    assert (proposal.agency, proposal.url, proposal.review_state) == (agency_a, "https://a.example/en/", "draft")
    agency_a.refresh_from_db()
    assert agency_a.english_website_url == ""  # not public yet
    response = client_a.post(f"{MINE}{proposal.pk}/submit/")
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.review_state == ReviewState.SUBMITTED
    kind = reviews.kind_of(WebsiteProposal)
    assert list(review_selectors.waiting(kind)) == [proposal]
    # The public report does not show it.
    client.logout()
    assert "https://a.example/en/" not in client.get("/en/guides/english-websites/").content.decode()


def test_publishing_makes_it_the_agencys_address(client_a, agency_a, wg_admin):
    agency_a.english_website_url = "https://old.example/"
    agency_a.english_website_state = EnglishWebsiteState.CURRENT
    agency_a.save()
    propose(client_a)
    proposal = WebsiteProposal.objects.get()
    services.submit_proposal(proposal.reported_by, proposal)
    assert services.publish_proposal(wg_admin, proposal)
    agency_a.refresh_from_db()
    assert agency_a.english_website_url == "https://a.example/en/"
    # A new address is not checked yet.
    assert (agency_a.english_website_state, agency_a.english_website_checked_on) == (EnglishWebsiteState.NONE, None)


def test_the_admin_publishes_from_the_back_office(admin_client_wg, contact_a, agency_a):
    proposal = services.save_proposal(contact_a.user, WebsiteProposal(), {"url": "https://a.example/en/"})
    services.submit_proposal(contact_a.user, proposal)
    response = admin_client_wg.post(
        "/admin/guides/websiteproposal/",
        {"action": "publish", helpers.ACTION_CHECKBOX_NAME: [proposal.pk]},
        follow=True,
    )
    assert response.status_code == 200
    agency_a.refresh_from_db()
    assert agency_a.english_website_url == "https://a.example/en/"


def test_a_contacts_change_to_a_published_proposal_waits_then_follows_to_the_agency(
    client_a, contact_a, agency_a, wg_admin
):
    propose(client_a)
    proposal = WebsiteProposal.objects.get()
    services.publish_proposal(wg_admin, proposal)
    response = client_a.post(f"{MINE}{proposal.pk}/edit/", {"url": "https://a.example/english/", "note": ""})
    assert response.status_code == 302
    proposal.refresh_from_db()
    agency_a.refresh_from_db()
    assert (proposal.url, agency_a.english_website_url) == ("https://a.example/en/", "https://a.example/en/")
    revision = Revision.objects.get()
    decisions.accept_revision(wg_admin, revision)
    agency_a.refresh_from_db()
    assert agency_a.english_website_url == "https://a.example/english/"


def test_a_contact_of_another_agency_cannot_see_or_change_it_on_the_pages(client, client_a, contact_b, agency_a):
    propose(client_a)
    proposal = WebsiteProposal.objects.get()
    client.force_login(contact_b.user)
    assert client.get(f"{MINE}{proposal.pk}/edit/").status_code == 404
    assert client.post(f"{MINE}{proposal.pk}/edit/", {"url": "https://evil.example/"}).status_code == 404
    assert client.post(f"{MINE}{proposal.pk}/submit/").status_code == 404
    assert client.get(MINE).context["page"].paginator.count == 0
    proposal.refresh_from_db()
    assert (proposal.url, proposal.review_state) == ("https://a.example/en/", "draft")


def test_a_contact_cannot_propose_for_another_agency(client_a, agency_a, agency_b):
    """The form has no agency for a contact; a forged `agency` is ignored: the proposal is its own agency's."""
    client_a.post(NEW, {"url": "https://b.example/en/", "agency": agency_b.pk})
    assert list(WebsiteProposal.objects.values_list("agency_id", flat=True)) == [agency_a.pk]


def test_the_service_refuses_another_agencys_proposal(contact_b, agency_a):
    from django.core.exceptions import PermissionDenied

    proposal = WebsiteProposal.objects.create(agency=agency_a, url="https://a.example/en/")
    with pytest.raises(PermissionDenied):
        services.save_proposal(contact_b.user, proposal, {"url": "https://evil.example/"})
    with pytest.raises(PermissionDenied):
        services.save_proposal(contact_b.user, WebsiteProposal(agency=agency_a), {"url": "https://evil.example/"})
    proposal.refresh_from_db()
    assert proposal.url == "https://a.example/en/"
    assert WebsiteProposal.objects.count() == 1


def test_the_api_cannot_change_an_agencys_entry(client, contact_b, agency_a):
    agency_a.english_website_url = "https://a.example/en/"
    agency_a.save()
    client.force_login(contact_b.user)
    url = f"/api/v1/guides/english-websites/{agency_a.slug}/"
    assert client.patch(url, {"url": "https://evil.example/"}, content_type="application/json").status_code == 405
    assert client.post("/api/v1/guides/english-websites/", {}, content_type="application/json").status_code == 405
    agency_a.refresh_from_db()
    assert agency_a.english_website_url == "https://a.example/en/"


def test_contacts_do_not_reach_the_proposals_in_the_back_office(client, contact_a):
    client.force_login(contact_a.user)
    response = client.get("/admin/guides/websiteproposal/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.parametrize("url", ["javascript:alert(1)", "", "not an address"])
def test_a_bad_address_is_a_field_error_and_nothing_is_saved(client_a, url):
    response = propose(client_a, url=url)
    assert response.status_code == 200
    assert response.context["form"].errors["url"]
    assert not WebsiteProposal.objects.exists()


def test_the_list_query_count_does_not_grow(client_a, agency_a, django_assert_max_num_queries):
    for n in range(25):
        WebsiteProposal.objects.create(agency=agency_a, url=f"https://a{n}.example/")
    with django_assert_max_num_queries(12):
        assert client_a.get(MINE).status_code == 200
