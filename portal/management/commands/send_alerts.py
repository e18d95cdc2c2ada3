"""Plan and send deadline alerts now, in this process (the embedded mode's stand-in for the beat)."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from portal import alerts
from portal.models import AlertDelivery, DeliveryState
from portal.reviews import notices


class DryRun(Exception):
    pass


class Command(BaseCommand):
    help = "Plan the alerts whose window has opened and send what is due (in-process, without a broker)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would be planned and sent; write and send nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        now = timezone.now()
        if dry_run:
            try:
                with transaction.atomic():
                    result = alerts.plan(now)
                    due = list(
                        alerts.due_deliveries(now)
                        .select_related("contact", "deadline")
                        .order_by("deadline__due_at", "contact__email")
                    )
                    raise DryRun
            except DryRun:
                pass
            self.stdout.write(
                f"Dry run: {result.planned} alerts would be planned, {result.cancelled} cancelled; "
                f"{len(due)} would be sent now (digests at each contact's hour). Nothing was written or sent."
            )
            for row in due:
                self.stdout.write(
                    f"  {row.contact.email}: {row.deadline.title} "
                    f"({row.lead_days} days window, due {row.deadline.due_at.isoformat()} {row.deadline.tz})"
                )
            return
        result = alerts.plan(now)
        self.stdout.write(
            f"Planned {result.planned} alerts, cancelled {result.cancelled}, returned {result.reaped} stuck ones."
        )
        digests = notices.send_digests(now)
        if digests:
            self.stdout.write(f"Queued {digests} review digests for working-group admins.")
        sent = alerts.send_due()
        self.stdout.write(
            f"Sent {sent.sent} alerts, {sent.failed} failed, {sent.deferred} deferred "
            f"(SMTP unavailable), {sent.cancelled} no longer wanted."
        )
        waiting = AlertDelivery.objects.filter(state=DeliveryState.PENDING).count()
        if waiting:
            self.stdout.write(f"{waiting} alerts wait for a digest hour or a retry.")
        if sent.retry_in is not None:
            self.stderr.write(f"The mail server was unavailable; try again in {int(sent.retry_in)} seconds.")
            raise SystemExit(1)
