"""Routes of the coordination area's meetings part for the permission matrix and the accessibility gate
(tests/gates/routes.py): the records they need in the world and what each role gets."""

from tests.gates.routes import LOGIN_REQUIRED, POST_ONLY_LOGIN, PUBLIC, Example, Route, Write, expect

TEHRAN = "Asia/Tehran"
# A viewset without writes: the anonymous are refused first (IsAuthenticatedOrReadOnly), others get 405.
READ_ONLY = expect(403, 405)


def build(world) -> dict:
    """A council of agencies A and B, its meeting, a resolution A is responsible for (due in 30 days in Tehran), one
    both are responsible for, and A's draft and published progress notes."""
    from portal.models import ReviewState
    from tests import factories

    body = factories.BodyFactory(slug="world-council", name="Dünya kurulu", name_en="World council")
    body.members.add(world.agency_a, world.agency_b)
    meeting = factories.MeetingFactory(
        body=body, held_on=factories.in_days(-10, TEHRAN), minutes_en="The council **decided**.", agenda_en="Gateway"
    )
    meeting.attendees.add(world.agency_a, world.agency_b)
    resolution_a = factories.ResolutionFactory(
        meeting=meeting, number="1", due_on=factories.in_days(30, TEHRAN), responsible=[world.agency_a]
    )
    resolution_shared = factories.ResolutionFactory(
        meeting=meeting, number="2", responsible=[world.agency_a, world.agency_b]
    )
    note_a_draft = factories.ProgressNoteFactory(resolution=resolution_a, agency=world.agency_a)
    note_a_published = factories.ProgressNoteFactory(
        resolution=resolution_a, agency=world.agency_a, review_state=ReviewState.PUBLISHED, published=True
    )
    return {
        "meetings_body": body,
        "meetings_meeting": meeting,
        "resolution_a": resolution_a,
        "resolution_shared": resolution_shared,
        "note_a_draft": note_a_draft,
        "note_a_published": note_a_published,
    }


def _note_form(w) -> dict:
    """A new note on the resolution both agencies are responsible for: each contact reports it for its own agency
    (`agency` is read only from a working-group admin)."""
    return {"agency": w.agency_a.pk, "resolution": w.resolution_shared.pk, "text_en": "Matrix progress"}


def _note_edit_form(w) -> dict:
    return {"agency": w.agency_a.pk, "resolution": w.resolution_a.pk, "text_en": "Matrix progress, corrected"}


def _api_note(w) -> dict:
    """A note on the resolution only agency A is responsible for: B's contact is refused."""
    return {"resolution": w.resolution_a.pk, "agency": w.agency_a.slug, "text_en": "Matrix API progress"}


def _pk(attr):
    return lambda w: {"pk": getattr(w, attr).pk}


ROUTES: dict[str, Route] = {
    # Bodies, meetings and resolutions are public records; progress notes show once published.
    "coordination:body_list": Route(PUBLIC, page=True),
    "coordination:body": Route(PUBLIC, lambda w: {"slug": w.meetings_body.slug}, page=True),
    "coordination:meeting": Route(PUBLIC, _pk("meetings_meeting"), page=True),
    "coordination:resolution": Route(
        PUBLIC,
        _pk("resolution_a"),
        page=True,
        examples=(Example("resolution_shared", PUBLIC, _pk("resolution_shared")),),
    ),
    # Progress notes an agency reports, in every state; every agency's for the admins.
    "coordination:progress_notes": Route(LOGIN_REQUIRED, page=True, query="?state=draft"),
    "coordination:progress_note_create": Route(
        expect(302, 200, 200, 200),
        page=True,
        writes=(Write("post", expect(302, 302, 302, 302), data=_note_form),),
    ),
    # A's draft: B does not even see it.
    "coordination:progress_note_edit": Route(
        expect(302, 200, 404, 200),
        _pk("note_a_draft"),
        page=True,
        writes=(Write("post", expect(302, 302, 404, 302), "note_a_draft", data=_note_edit_form),),
        examples=(Example("note_a_published", expect(302, 200, 404, 200), _pk("note_a_published")),),
    ),
    "coordination:progress_note_submit": Route(
        POST_ONLY_LOGIN,
        _pk("note_a_draft"),
        writes=(Write("post", expect(302, 302, 404, 302), "note_a_draft"),),
    ),
    # --- API: bodies, meetings and resolutions read-only (written in the back-office) ---------------------------
    "api:coordination-body-list": Route(PUBLIC),
    "api:coordination-body-detail": Route(
        PUBLIC,
        lambda w: {"slug": w.meetings_body.slug},
        writes=(
            Write("patch", READ_ONLY, "meetings_body", data=lambda w: {"name_en": "Renamed"}, json=True),
            Write("delete", READ_ONLY, "meetings_body", json=True),
        ),
    ),
    "api:coordination-meeting-list": Route(PUBLIC, query="?body=world-council"),
    "api:coordination-meeting-detail": Route(
        PUBLIC,
        _pk("meetings_meeting"),
        writes=(Write("delete", READ_ONLY, "meetings_meeting", json=True),),
    ),
    "api:coordination-resolution-list": Route(PUBLIC, query="?state=open&agency=agency-a"),
    "api:coordination-resolution-detail": Route(
        PUBLIC,
        _pk("resolution_a"),
        writes=(Write("patch", READ_ONLY, "resolution_a", data=lambda w: {"state": "done"}, json=True),),
    ),
    # Progress notes: the published ones for everyone; a contact also sees its own agency's drafts and reports only
    # on a resolution its agency is responsible for; no PUT, no DELETE.
    "api:coordination-progress-note-list": Route(
        PUBLIC,
        query="?state=published",
        writes=(Write("post", expect(403, 201, 403, 201), data=_api_note, json=True),),
    ),
    "api:coordination-progress-note-detail": Route(
        PUBLIC,
        _pk("note_a_published"),
        examples=(Example("note_a_draft", expect(404, 200, 404, 200), _pk("note_a_draft")),),
        writes=(
            Write(
                "patch",
                expect(403, 200, 404, 200),
                "note_a_draft",
                _pk("note_a_draft"),
                data=lambda w: {"text_en": "Matrix correction"},
                json=True,
            ),
            Write(
                "patch",
                expect(403, 202, 403, 200),  # a contact's change of a published note waits for review
                "note_a_published",
                data=lambda w: {"text_en": "Matrix revision"},
                json=True,
            ),
            Write("put", expect(403, 405), "note_a_draft", _pk("note_a_draft"), _api_note, True),
            Write("delete", expect(403, 405), "note_a_published", json=True),
        ),
    ),
}


def fingerprint() -> dict:
    """The progress notes, each its agency's, for the write matrix (tests/gates/test_route_matrix.py)."""
    from coordination.meetings.models import ProgressNote

    rows = {}
    names = [f.attname for f in ProgressNote._meta.concrete_fields]
    for note in ProgressNote.objects.order_by("pk"):
        rows[("progressnote", note.pk)] = (note.agency_id, tuple(getattr(note, f) for f in names))
    return rows
