"""A sent circular whose addressees are in every state the dashboard counts, for the dashboard, reminder and API
tests: answered on time, nothing to report, answered late, acknowledged only, pending."""

import dataclasses

from coordination.circulars import services
from coordination.circulars.models import Circular
from tests import factories
from tests.factories.dates import in_days

IST = "Europe/Istanbul"


@dataclasses.dataclass
class Answers:
    circular: object
    sender: object  # a contact of the sender agency
    on_time: object  # each: a contact of an addressed agency
    nothing: object
    late: object
    acknowledged: object
    pending: object

    @property
    def addressees(self) -> list:
        return [self.on_time, self.nothing, self.late, self.acknowledged, self.pending]


def answers_world(*, public=False, languages=("en", "tr", "ru", "ky", "fa")) -> Answers:
    """Five addressed agencies with one confirmed contact each (in `languages`); the reply deadline has passed
    (two days ago in Istanbul), after the first two answered and before the third did."""
    sender = factories.ContactFactory(language="en")
    contacts = [factories.ContactFactory(language=language) for language in languages]
    circular = factories.sent_circular(
        [contact.agency for contact in contacts], sender=sender.agency, public=public, reference="BTK-2026/7"
    )
    rows = {row.agency_id: row for row in circular.recipients.all()}
    on_time, nothing, late, acknowledged, pending = contacts
    services.answer(rows[on_time.agency_id], on_time.user, "We nominate our e-Government Gateway.")
    services.answer(rows[nothing.agency_id], nothing.user, "", nothing_to_report=True)
    Circular.objects.filter(pk=circular.pk).update(reply_due_on=in_days(-2, IST))
    circular.refresh_from_db()
    services.answer(rows[late.agency_id], late.user, '=HYPERLINK("https://evil.example")')
    services.acknowledge(rows[acknowledged.agency_id], acknowledged.user)
    return Answers(circular, sender, on_time, nothing, late, acknowledged, pending)
