"""Demo data of the websites part, on top of the core's demo agencies (portal/demo.py): a published English-website
entry for a few of them and one check each, and a proposal of MEB's contact waiting for review.

The addresses are the agencies' real public English sites as far as the portal knows them, but nothing here was
fetched: every state, date and check result is invented for the demonstration (`WebsiteCheck.demo`), and the
checker never runs in the demo loader (nor in the tests)."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.db import transaction

from guides.websites.models import CheckOutcome, WebsiteCheck, WebsiteProposal
from portal.demo import upsert
from portal.models import Agency, Contact, EnglishWebsiteState, ReviewState

ISTANBUL = ZoneInfo("Europe/Istanbul")
CHECKED_AT = dt.datetime(2026, 11, 30, 3, 0, tzinfo=ISTANBUL)

# slug, address, state, (status, html lang, Content-Language, Last-Modified (Istanbul), outcome) — invented results
ENTRIES = [
    ("disisleri", "https://www.mfa.gov.tr/default.en.mfa", EnglishWebsiteState.CURRENT, (200, "en", "", None, "ok")),
    ("btk", "https://www.btk.gov.tr/en", EnglishWebsiteState.CURRENT, (200, "en", "en", None, "ok")),
    (
        "meb",
        "https://www.meb.gov.tr/en/",
        EnglishWebsiteState.OUTDATED,
        (200, "en", "", dt.datetime(2023, 5, 2, 10, 0, tzinfo=ISTANBUL), "ok"),
    ),
    ("msrt", "https://www.msrt.ir/en", EnglishWebsiteState.NONE, (200, "fa", "", None, "not_english")),
    ("soros-kg", "https://soros.kg/en/", EnglishWebsiteState.CURRENT, (200, "en-US", "", None, "ok")),
]
PROPOSAL_BY = "mehmet.kaya@meb.example"


@transaction.atomic
def load() -> dict:
    """Create or update the demo entries; running it again changes nothing."""
    entries = 0
    for slug, url, state, (status, lang, content_language, modified, outcome) in ENTRIES:
        agency = Agency.objects.filter(slug=slug).first()
        if agency is None:
            continue
        Agency.objects.filter(pk=agency.pk).update(
            english_website_url=url, english_website_state=state, english_website_checked_on=CHECKED_AT.date()
        )
        upsert(
            WebsiteCheck,
            {"agency": agency, "checked_at": CHECKED_AT, "demo": True},
            {
                "url": url,
                "status": status,
                "final_url": url,
                "html_lang": lang,
                "content_language": content_language,
                "last_modified": modified,
                "outcome": CheckOutcome(outcome),
                "state": state,
            },
        )
        entries += 1
    proposals = 0
    contact = Contact.objects.select_related("agency", "user").filter(email=PROPOSAL_BY).first()
    if contact is not None:
        upsert(
            WebsiteProposal,
            {"agency": contact.agency, "reported_by": contact.user},
            {
                "url": "https://www.meb.gov.tr/en/index.html",
                "note": "Demo: the renewed English pages (an invented address change).",
                "review_state": ReviewState.SUBMITTED,
                "submitted_by": contact.user,
                "submitted_at": CHECKED_AT,
            },
        )
        proposals = 1
    return {"English-website entries": entries, "English-website proposals": proposals}
