"""The library's services and selectors: a contact proposes a draft of its own agency, the working group publishes
it as version 1; a contact's change to a published guide waits as a revision and its acceptance is version 2; an
admin's edit is a new version at once; versions copy every language; `languages` follows the bodies; review-by
dates in their own zone; the table of contents and the differences."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from guides.library import selectors, services
from guides.library.models import Guide, GuideVersion
from portal.models import ReviewState, Revision, RevisionState
from portal.reviews import decisions
from tests import factories

pytestmark = pytest.mark.django_db


def propose(user, **extra) -> Guide:
    data = {
        "title_en": "How to apply",
        "title_ru": "Как подать заявку",
        "body_en": "## Steps\n\nRead the call.",
        "body_ru": "## Шаги\n\nПрочитайте конкурс.",
        "kind": "guideline",
        "subtopics": ["awards"],
        "change_note_en": "First edition.",
        **extra,
    }
    return services.save_guide(user, Guide(), data)


def test_a_contact_proposes_a_draft_of_its_own_agency_and_the_working_group_publishes_version_1(contact_a, wg_admin):
    guide = propose(contact_a.user)
    assert (guide.agency_id, guide.review_state, guide.version) == (contact_a.agency_id, ReviewState.DRAFT, 0)
    assert guide.slug == "how-to-apply"
    assert guide.languages == ["en", "ru"]
    assert not GuideVersion.objects.exists()
    assert guide not in selectors.visible_guides(None)
    services.submit_guide(contact_a.user, guide)
    version = services.publish_guide(wg_admin, guide)
    guide.refresh_from_db()
    assert (guide.review_state, guide.version, version.number) == (ReviewState.PUBLISHED, 1, 1)
    assert (version.title_ru, version.body_ru, version.change_note_en) == (
        "Как подать заявку",
        "## Шаги\n\nПрочитайте конкурс.",
        "First edition.",
    )
    assert "<h2>Шаги</h2>" in version.body_html_ru
    assert version.published_by == wg_admin
    assert guide.change_note_en == ""  # the next change writes its own
    assert guide in selectors.visible_guides(None)


def test_a_contact_may_not_propose_for_another_agency_nor_change_another_agencys_guide(contact_a, agency_b):
    with pytest.raises(PermissionDenied):
        propose(contact_a.user, agency=agency_b)
    theirs = factories.GuideFactory(agency=agency_b)
    with pytest.raises(PermissionDenied):
        services.save_guide(contact_a.user, theirs, {"title_en": "Mine now"})
    theirs.refresh_from_db()
    assert theirs.title_en != "Mine now"


def test_a_contacts_change_to_a_published_guide_waits_and_its_acceptance_is_a_new_version(contact_a, wg_admin):
    guide = factories.GuideFactory(agency=contact_a.agency, body_en="## Steps\n\nRead the call.")
    saved = services.save_guide(
        contact_a.user, guide, {"body_en": "## Steps\n\nRead the call twice.", "change_note_en": "Clearer."}
    )
    guide.refresh_from_db()
    assert guide.body_en == "## Steps\n\nRead the call." and guide.version == 1
    revision = Revision.objects.get(state=RevisionState.PENDING)
    assert saved.pending_revision == revision
    decisions.accept_revision(wg_admin, revision)
    guide.refresh_from_db()
    assert guide.version == 2 and guide.body_en == "## Steps\n\nRead the call twice."
    latest = guide.versions.get(number=2)
    assert latest.change_note_en == "Clearer." and latest.published_by == wg_admin
    assert guide.versions.get(number=1).body_en == "## Steps\n\nRead the call."


def test_an_admins_edit_of_a_published_guide_is_published_as_a_new_version(wg_admin):
    guide = factories.GuideFactory()
    services.save_guide(wg_admin, guide, {"title_en": "Renamed", "change_note_en": "New name."})
    guide.refresh_from_db()
    assert guide.version == 2
    assert list(guide.versions.values_list("number", "title_en")) == [
        (2, "Renamed"),
        (1, guide.versions.get(number=1).title_en),
    ]
    services.save_guide(wg_admin, guide, {"review_tz": "Asia/Bishkek"})  # not the text: no new version
    assert guide.versions.count() == 2
    assert services.publish_guide(wg_admin, guide) is None


def test_languages_follow_the_bodies_on_save():
    guide = factories.GuideFactory(body_en="x", body_ky="", body_fa="")
    assert guide.languages == ["en"]
    guide.body_ky = "Кыргызча"
    guide.save(update_fields=["body_ky"])
    guide.refresh_from_db()
    assert guide.languages == ["en", "ky"]


def test_only_admins_publish_and_mark_reviewed(contact_a, wg_admin):
    guide = factories.GuideFactory(agency=contact_a.agency, review_state=ReviewState.DRAFT, version=0)
    with pytest.raises(PermissionDenied):
        services.publish_guide(contact_a.user, guide)
    with pytest.raises(PermissionDenied):
        services.mark_reviewed(contact_a.user, guide, None)
    with pytest.raises(ValidationError) as refused:
        services.mark_reviewed(wg_admin, guide, dt.date(2000, 1, 1))
    assert "review_by" in refused.value.message_dict
    services.mark_reviewed(wg_admin, guide, dt.date(2999, 1, 1))
    guide.refresh_from_db()
    assert guide.review_by == dt.date(2999, 1, 1) and guide.last_reviewed_at is not None


def test_out_of_date_after_2359_of_the_review_day_in_its_own_zone():
    guide = factories.GuideFactory(review_by=dt.date(2026, 3, 1), review_tz="Asia/Bishkek")
    bishkek = ZoneInfo("Asia/Bishkek")
    assert not selectors.is_out_of_date(guide, dt.datetime(2026, 3, 1, 23, 58, tzinfo=bishkek))
    assert selectors.is_out_of_date(guide, dt.datetime(2026, 3, 1, 23, 59, 1, tzinfo=bishkek))
    # 23:00 in Istanbul is 02:00 the next day in Bishkek: already late there.
    assert selectors.is_out_of_date(guide, dt.datetime(2026, 3, 1, 23, 0, tzinfo=ZoneInfo("Europe/Istanbul")))
    guide.review_by = None
    assert not selectors.is_out_of_date(guide, dt.datetime(2999, 1, 1, tzinfo=bishkek))


def test_table_of_contents_gives_headings_stable_unique_slug_ids():
    from portal.markdown import render_markdown

    html = render_markdown('## Steps\n\n### "Quotes" & <b>tags</b>\n\n## Steps\n\n## Шаги\n\n#### not listed')
    body, toc = selectors.table_of_contents(html)
    assert [(h.level, h.anchor) for h in toc] == [(2, "steps"), (3, "quotes-tags"), (2, "steps-2"), (2, "шаги")]
    assert '<h2 id="steps">Steps</h2>' in body
    assert '<h2 id="steps-2">' in body
    assert selectors.table_of_contents(html)[1] == toc  # the same text, the same anchors
    assert "<script" not in body


def test_difference_per_language_is_escaped_inline_and_side_by_side():
    guide = factories.GuideFactory(body_en="one\ntwo <b>\nthree", body_ru="один")
    first = guide.versions.get()
    second = GuideVersion(
        guide=guide, number=2, published_at=first.published_at, body_en="one\ntwo <i>\nthree\nfour", body_ru="один"
    )
    english = selectors.difference(first, second, "en")
    assert english.changed
    assert "<del>&lt;b&gt;</del><ins>&lt;i&gt;</ins>" in english.inline
    assert "<ins>four</ins>" in english.inline
    assert [row.kind for row in english.rows] == ["equal", "replace", "equal", "insert"]
    assert english.rows[3].new_number == 4 and english.rows[3].old_number is None
    assert "<b>" not in english.inline and "<i>" not in str(english.rows[1].new)
    assert not selectors.difference(first, second, "ru").changed


def test_visibility_public_contact_admin(contact_a, wg_admin, agency_b):
    published = factories.GuideFactory(agency=agency_b)
    own_draft = factories.GuideFactory(agency=contact_a.agency, review_state=ReviewState.DRAFT, version=0)
    other_draft = factories.GuideFactory(agency=agency_b, review_state=ReviewState.SUBMITTED, version=0)
    assert set(selectors.visible_guides(None)) == {published}
    assert set(selectors.visible_guides(contact_a.user)) == {published, own_draft}
    assert set(selectors.visible_guides(wg_admin)) == {published, own_draft, other_draft}
    counts = selectors.counts(selectors.visible_guides(wg_admin))
    assert counts["total"] == 1 and counts["subtopic"]["awards"] == 1


def test_in_language_falls_back_to_english_then_turkish():
    guide = factories.GuideFactory(title_en="Guide", title_ru="", title_tr="Rehber")
    assert selectors.in_language(guide, "title", "ru") == ("Guide", "en")
    with translation.override("en"):
        assert selectors.in_language(guide, "title", "tr") == ("Rehber", "tr")


def test_the_shared_review_queue_lists_a_submitted_guide_and_publishing_it_there_is_version_1(
    client, contact_a, wg_admin
):
    from django.urls import reverse

    guide = propose(contact_a.user)
    services.submit_guide(contact_a.user, guide)
    client.force_login(wg_admin)
    with translation.override("en"):
        queue = client.get(reverse("review_queue"))
        assert queue.status_code == 200
        assert "How to apply" in queue.content.decode()
        published = client.post(reverse("review_publish", args=["guides.guide", guide.pk]))
    assert published.status_code == 302
    guide.refresh_from_db()
    assert guide.is_published and guide.version == 1
    assert list(guide.versions.values_list("number", flat=True)) == [1]
