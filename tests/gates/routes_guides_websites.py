"""Routes of the guides area's websites part for the permission matrix and the accessibility gate
(tests/gates/routes.py): the records they need in the world and what each role gets.

World: agency A has a published English website (checked once, current), a draft proposal of a new address and a
published one; agency B has none."""

from tests.gates.routes import LOGIN_REQUIRED, POST_ONLY_LOGIN, PUBLIC, Example, Route, Write, expect

# A viewset without writes: the anonymous are refused first (IsAuthenticatedOrReadOnly), others get 405.
READ_ONLY = expect(403, 405)


def build(world) -> dict:
    """Records this part adds to the world, by attribute name."""
    from django.utils import timezone

    from guides.websites.models import WebsiteCheck, WebsiteProposal
    from portal.models import Agency, EnglishWebsiteState, ReviewState

    url = "https://a.example/en/"
    now = timezone.now()
    Agency.objects.filter(pk=world.agency_a.pk).update(
        english_website_url=url,
        english_website_state=EnglishWebsiteState.CURRENT,
        english_website_checked_on=now.date(),
    )
    WebsiteCheck.objects.create(
        agency=world.agency_a, url=url, checked_at=now, status=200, final_url=url, html_lang="en", outcome="ok",
        state=EnglishWebsiteState.CURRENT,
    )  # fmt: skip
    draft = WebsiteProposal.objects.create(
        agency=world.agency_a, url="https://a.example/english/", reported_by=world.contact_a.user
    )
    published = WebsiteProposal.objects.create(
        agency=world.agency_a,
        url=url,
        reported_by=world.contact_a.user,
        review_state=ReviewState.PUBLISHED,
        published_at=now,
    )
    return {"website_proposal_a_draft": draft, "website_proposal_a_published": published}


def _pk(attr):
    return lambda w: {"pk": getattr(w, attr).pk}


def _proposal_form(w) -> dict:
    """A new proposal: each contact proposes it for its own agency (`agency` is read only from an admin)."""
    return {"agency": w.agency_a.pk, "url": "https://a.example/new-en/", "note": "Matrix"}


ROUTES: dict[str, Route] = {
    # Public information: agencies' public addresses and what the checker found.
    "guides:websites": Route(PUBLIC, page=True, query="?state=current&kind=ministry"),
    "guides:websites_csv": Route(PUBLIC, query="?state=current"),
    "guides:websites_xlsx": Route(PUBLIC),
    # The proposals an agency's contacts make of their own agency's address; every agency's for the admins.
    "guides:website_proposals": Route(LOGIN_REQUIRED, page=True, query="?state=draft"),
    "guides:website_propose": Route(
        expect(302, 200, 200, 200),
        page=True,
        writes=(Write("post", expect(302, 302, 302, 302), data=_proposal_form),),
    ),
    # A's draft: B does not even see it.
    "guides:website_proposal_edit": Route(
        expect(302, 200, 404, 200),
        _pk("website_proposal_a_draft"),
        page=True,
        writes=(Write("post", expect(302, 302, 404, 302), "website_proposal_a_draft", data=_proposal_form),),
        examples=(
            Example("website_proposal_a_published", expect(302, 200, 404, 200), _pk("website_proposal_a_published")),
        ),
    ),
    "guides:website_proposal_submit": Route(
        POST_ONLY_LOGIN,
        _pk("website_proposal_a_draft"),
        writes=(Write("post", expect(302, 302, 404, 302), "website_proposal_a_draft"),),
    ),
    # --- API: read-only, public --------------------------------------------------------------------------------
    "api:guides-english-website-list": Route(
        PUBLIC,
        query="?state=current&kind=ministry",
        writes=(Write("post", READ_ONLY, data=lambda w: {"url": "https://x.example/"}, json=True),),
    ),
    "api:guides-english-website-detail": Route(
        PUBLIC,
        lambda w: {"slug": w.agency_a.slug},
        writes=(
            Write("patch", READ_ONLY, "agency_a", data=lambda w: {"url": "https://evil.example/"}, json=True),
            Write("delete", READ_ONLY, "agency_a", json=True),
        ),
    ),
}


def fingerprint() -> dict:
    """The proposals and each agency's published English-website entry, each its agency's, for the write matrix."""
    from guides.websites.models import WebsiteCheckRequest, WebsiteProposal
    from portal.models import Agency

    rows = {}
    names = [f.attname for f in WebsiteProposal._meta.concrete_fields]
    for proposal in WebsiteProposal.objects.order_by("pk"):
        rows[("websiteproposal", proposal.pk)] = (proposal.agency_id, tuple(getattr(proposal, f) for f in names))
    for agency in Agency.objects.order_by("pk"):
        rows[("englishwebsite", agency.pk)] = (
            agency.pk,
            (agency.english_website_url, agency.english_website_state, agency.english_website_checked_on),
        )
    for request in WebsiteCheckRequest.objects.order_by("pk"):
        rows[("websitecheckrequest", request.pk)] = (request.agency_id, (request.requested_by_id,))
    return rows
