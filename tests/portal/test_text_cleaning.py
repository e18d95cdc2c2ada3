"""Direction controls (U+202A–U+202E, U+2066–U+2069) are removed from names and titles on the way in, whatever
the door (page, API, import), and from every mail subject: a right-to-left override cannot make a Latin title
read backwards, nor spill over a Persian one. The marks (U+200E, U+200F) and the Persian joiner U+200C stay."""

import io

import pytest
from django.test import Client

from awards.models import AwardResult
from events.models import Event
from portal import imports
from portal.models import Agency, Project, ReviewState
from portal.text import BIDI_CONTROLS, strip_bidi_controls
from tests import factories

RLO, LRI, PDI, PDF, RLM, ZWNJ = "\u202e", "\u2066", "\u2069", "\u202c", "\u200f", "\u200c"
# “Invoice‮fdp.exe”: shown as “Invoiceexe.pdf” by a bidi-aware reader.
LATIN = f"Invoice {RLO}fdp.exe"
LATIN_CLEAN = "Invoice fdp.exe"
# A Persian title with an isolate around a Latin word and an unclosed override; its joiner and mark are kept.
PERSIAN = f"سامانه{ZWNJ}ها {LRI}e-Gov{PDI} {RLO}پنجره واحد{RLM}"
PERSIAN_CLEAN = f"سامانه{ZWNJ}ها e-Gov پنجره واحد{RLM}"


def no_controls(*texts) -> bool:
    return all(BIDI_CONTROLS.isdisjoint(text or "") for text in texts)


@pytest.mark.pure
def test_the_cleaning_removes_controls_only():
    assert strip_bidi_controls(LATIN) == LATIN_CLEAN
    assert strip_bidi_controls(PERSIAN) == PERSIAN_CLEAN
    assert strip_bidi_controls(f"a{PDF}b\u202a\u202b\u202d\u2067\u2068c") == "abc"
    assert strip_bidi_controls("plain") == "plain"
    assert strip_bidi_controls(None) is None


def test_through_the_page(client_a):
    response = client_a.post(
        "/fa/projects/new/", {"title_en": LATIN, "title_fa": PERSIAN, "summary_en": LATIN, "status": "ongoing"}
    )
    assert response.status_code == 302
    project = Project.objects.get()
    assert (project.title_en, project.title_fa) == (LATIN_CLEAN, PERSIAN_CLEAN)
    html = client_a.get(response["Location"]).content.decode()
    assert PERSIAN_CLEAN in html
    assert RLO not in html


def test_through_the_api(client_a):
    response = client_a.post(
        "/api/v1/projects/?lang=fa", {"title_en": LATIN, "title_fa": PERSIAN}, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["title"] == PERSIAN_CLEAN
    project = Project.objects.get()
    assert (project.title_en, project.title_fa) == (LATIN_CLEAN, PERSIAN_CLEAN)


def test_through_an_import_of_events():
    header = (
        "name,kind,organiser,city,country,starts_on,ends_on,timezone,website,registration_deadline,proposal_deadline\n"
    )
    line = f'"{LATIN}",conference,"{PERSIAN}",Geneva,CH,2027-05-03,2027-05-07,Europe/Zurich,,,\n'
    report = imports.run_import("events", io.StringIO(header + line))
    assert report.ok, [str(error) for error in report.errors]
    event = Event.objects.get()
    assert (event.name_en, event.organiser) == (LATIN_CLEAN, PERSIAN_CLEAN)


def test_through_an_import_of_results_naming_a_new_agency_and_project():
    header = "programme,edition_year,category,agency,agency_country,project,outcome,evidence_url\n"
    line = f'WSIS Prizes,2023,C1,"{PERSIAN}",IR,"{LATIN}",winner,\n'
    report = imports.run_import("award-results", io.StringIO(header + line))
    assert report.ok, [str(error) for error in report.errors]
    result = AwardResult.objects.select_related("agency", "project").get()
    assert result.agency.name_en == PERSIAN_CLEAN
    assert result.project.title_en == LATIN_CLEAN
    assert no_controls(*Agency.objects.values_list("name", flat=True))


def test_mail_subjects_never_carry_controls(contact_a, wg_admin, django_capture_on_commit_callbacks, mailoutbox):
    project = factories.ProjectFactory(
        agency=contact_a.agency,
        review_state=ReviewState.SUBMITTED,
        reported_by=contact_a.user,
        submitted_by=contact_a.user,
    )
    # A title stored before the cleaning existed still reaches the mail builder with its override.
    Project.objects.filter(pk=project.pk).update(title_tr=LATIN, title=LATIN)
    admin = Client()
    admin.force_login(wg_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(
            "/admin/portal/project/",
            {"action": "request_changes", "_selected_action": [project.pk], "comment": "Fix the title."},
        )
    assert response.status_code == 302
    [mail] = mailoutbox
    assert LATIN_CLEAN in mail.subject
    assert no_controls(mail.subject)
