"""Many mails of one kind queued at once: each in its recipient's language, and sending started once for all."""

from portal.mail import send_templated_each
from portal.models import OutboxMail
from tests import factories


def test_each_mail_in_its_language_and_one_start_for_all(django_capture_on_commit_callbacks):
    people = [factories.ContactFactory(language=code) for code in ("tr", "en", "fa")]
    project = factories.ProjectFactory()
    mails = (
        (
            {"contact": c, "project": project, "owner": project.agency, "url": "https://x.example/"},
            [c.email],
            c.language,
        )
        for c in people
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert send_templated_each("partnership_proposed", [*mails, ({}, [], "tr")]) == 3
    assert len(callbacks) == 1
    queued = dict(OutboxMail.objects.values_list("recipient", "language"))
    assert queued == {c.email: c.language for c in people}
