"""The circulars' demo data (seed 002): BTK's WSIS Prizes 2026 letter to the 22 ministries and presidencies with a
mix of answers, and a follow-up with an upcoming deadline; loaded idempotently."""

import io

import pytest
from django.core import serializers
from django.core.management import call_command
from django.test import Client

from coordination.circulars.demo import MINISTRIES_AND_PRESIDENCIES
from coordination.circulars.models import (
    Circular,
    CircularAttachment,
    CircularRecipient,
    CircularState,
    DistributionList,
    RecipientState,
)
from portal.models import Deadline, DeadlineKind, OutboxMail


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def snapshot():
    rows = []
    for model in (DistributionList, Circular, CircularRecipient, CircularAttachment, Deadline):
        data = serializers.serialize("python", model.objects.order_by("pk"))
        for row in data:
            row["fields"].pop("updated_at", None)
        rows.append(data)
    return rows


def test_the_demo_loads_twice_without_a_change_and_sends_no_mail():
    call_command("load_demo", stdout=io.StringIO())
    first = snapshot()
    call_command("load_demo", stdout=io.StringIO())
    assert snapshot() == first
    assert not OutboxMail.objects.filter(kind="circular").exists()


def test_the_wsis_2026_letter_has_the_seeds_facts_and_a_mix_of_answers():
    call_command("load_demo", stdout=io.StringIO())
    dlist = DistributionList.objects.get(slug="ministries-and-presidencies")
    assert sorted(dlist.agencies.values_list("slug", flat=True)) == sorted(MINISTRIES_AND_PRESIDENCIES)
    assert len(MINISTRIES_AND_PRESIDENCIES) == 22
    letter = Circular.objects.get(sender__slug="btk", reply_due_on__year=2026)
    assert letter.demo and letter.state == CircularState.SENT and letter.is_public
    assert (letter.contact_name, letter.contact_email, letter.contact_phone) == (
        "Handan Cantekinler",
        "handan.cantekinler@btk.gov.tr",
        "0312 412 12 54",
    )
    assert letter.reply_due_at.isoformat() == "2026-03-15T23:59:00+03:00"
    assert letter.award_edition is not None and letter.award_edition.year == 2026
    for code in ("tr", "en", "ru", "ky", "fa", "az"):
        assert getattr(letter, f"subject_{code}") and getattr(letter, f"body_html_{code}")
    assert letter.recipients.count() == 22
    states = list(letter.recipients.values_list("state", "late"))
    answered = [s for s in states if s[0] in (RecipientState.ANSWERED, RecipientState.NOTHING_TO_REPORT)]
    assert len([s for s in answered if not s[1]]) >= 3 and 1 <= len([s for s in answered if s[1]]) <= 2
    assert len([s for s in states if s[0] == RecipientState.PENDING]) > 11
    attachment = letter.attachments.get()
    with attachment.file.open("rb") as handle:
        assert handle.read().startswith(b"%PDF-")
    # The page is public.
    assert Client().get(f"/en/coordination/circulars/{letter.pk}/").status_code == 200


def test_the_follow_up_is_private_and_its_deadline_addresses_all_22_agencies():
    call_command("load_demo", stdout=io.StringIO())
    follow_up = Circular.objects.get(sender__slug="btk", reply_due_on__year=2027)
    assert not follow_up.is_public and follow_up.award_edition.year == 2027
    deadline = Deadline.objects.get(kind=DeadlineKind.CIRCULAR_REPLY, object_id=follow_up.pk)
    assert deadline.agencies.count() == 22 and deadline.withdrawn_at is None
    assert Client().get(f"/en/coordination/circulars/{follow_up.pk}/").status_code == 404
