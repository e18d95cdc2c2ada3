"""Plan and send deadline alerts now, and the outbox's waiting mails, in this process (the embedded mode's
stand-in for the beat)."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from portal.alerts.outbox import due_mails, send_outbox
from portal.alerts.planning import plan
from portal.alerts.sending import due_deliveries, send_due
from portal.models import AlertDelivery, DeliveryState, OutboxMail
from portal.reviews import notices
from portal.saved_searches.mailing import queue_new_matches


class DryRun(Exception):
    pass


class Command(BaseCommand):
    help = (
        "Plan the alerts whose window has opened and send what is due, the new matches of saved searches, and the "
        "other mails waiting in the outbox (in-process, without a broker)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would be planned and sent; write and send nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        now = timezone.now()
        if dry_run:
            try:
                with transaction.atomic():
                    result = plan(now)
                    due = list(
                        due_deliveries(now)
                        .select_related("contact", "deadline")
                        .order_by("deadline__due_at", "contact__email")
                    )
                    mails = list(due_mails(now).order_by("pk"))
                    raise DryRun
            except DryRun:
                pass
            self.stdout.write(
                f"Dry run: {result.planned} alerts would be planned, {result.cancelled} cancelled; "
                f"{len(due)} would be sent now (digests at each contact's hour), and {len(mails)} other mails. "
                "Nothing was written or sent."
            )
            for row in due:
                self.stdout.write(
                    f"  {row.contact.email}: {row.deadline.title} "
                    f"({row.lead_days} days window, due {row.deadline.due_at.isoformat()} {row.deadline.tz})"
                )
            for mail in mails:
                self.stdout.write(f"  {mail.recipient}: {mail.subject} ({mail.kind})")
            return
        result = plan(now)
        self.stdout.write(
            f"Planned {result.planned} alerts, cancelled {result.cancelled}, returned {result.reaped} stuck ones."
        )
        digests = notices.send_digests(now)
        if digests:
            self.stdout.write(f"Queued {digests} review digests for working-group admins.")
        found = queue_new_matches(now)
        if found.mails:
            self.stdout.write(f"Queued {found.mails} saved-search mails ({found.matches} new matches).")
        sent = send_due()
        self.stdout.write(
            f"Sent {sent.sent} alerts, {sent.failed} failed, {sent.deferred} deferred "
            f"(SMTP unavailable), {sent.cancelled} no longer wanted."
        )
        mailed = send_outbox()
        self.stdout.write(
            f"Sent {mailed.sent} other mails, {mailed.failed} failed, {mailed.deferred} deferred (SMTP unavailable)."
        )
        waiting = AlertDelivery.objects.filter(state=DeliveryState.PENDING).count()
        if waiting:
            self.stdout.write(f"{waiting} alerts wait for a digest hour or a retry.")
        held = OutboxMail.objects.filter(state=DeliveryState.PENDING).count()
        if held:
            self.stdout.write(f"{held} other mails wait to be sent.")
        retry_in = min((r.retry_in for r in (sent, mailed) if r.retry_in is not None), default=None)
        if retry_in is not None:
            self.stderr.write(f"The mail server was unavailable; try again in {int(retry_in)} seconds.")
            raise SystemExit(1)
