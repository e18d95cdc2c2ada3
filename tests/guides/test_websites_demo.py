"""The websites part's demo: English-website states for the demo agencies, one invented check each (marked demo),
a proposal of MEB's contact waiting for review; nothing fetched; running it again changes nothing."""

from guides.websites import demo
from guides.websites.models import WebsiteCheck, WebsiteProposal
from portal import demo as core_demo
from portal.demo import area_loaders
from portal.models import Agency


def test_the_loader_is_registered():
    assert demo.load in area_loaders()


def test_the_demo_sets_the_states_of_the_demo_agencies(monkeypatch):
    from guides.websites import checker

    def no_network(*args, **kwargs):
        raise AssertionError("the demo must not fetch")

    monkeypatch.setattr(checker, "fetch", no_network)
    core_demo.load("admin-pass", "contact-pass")
    counts = demo.load()
    assert counts == {"English-website entries": 5, "English-website proposals": 1}
    states = dict(
        Agency.objects.filter(slug__in=["disisleri", "meb", "msrt"]).values_list("slug", "english_website_state")
    )
    assert states == {"disisleri": "current", "meb": "outdated", "msrt": "none"}
    assert WebsiteCheck.objects.count() == 5
    assert all(WebsiteCheck.objects.values_list("demo", flat=True))
    assert WebsiteCheck.objects.get(agency__slug="msrt").outcome == "not_english"
    proposal = WebsiteProposal.objects.get()
    assert (proposal.agency.slug, proposal.review_state) == ("meb", "submitted")
    updated = list(WebsiteCheck.objects.values_list("pk", "url"))
    assert demo.load() == counts  # again: nothing more
    assert list(WebsiteCheck.objects.values_list("pk", "url")) == updated
    assert WebsiteProposal.objects.count() == 1
