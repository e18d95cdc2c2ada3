from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from awards import demo as awards_demo
from events import demo as events_demo
from funds import demo as funds_demo
from portal import demo


class Command(BaseCommand):
    help = (
        "Load the demo data (agencies, contacts, projects, awards, funds, events, an admin account). Safe to run again."
    )

    def handle(self, *args, **options):
        admin_password, contact_password = demo.passwords()
        if settings.PRODUCTION and "demo-" in admin_password:
            raise CommandError(
                "Set DEMO_ADMIN_PASSWORD and DEMO_CONTACT_PASSWORD before loading demo data in production."
            )
        with transaction.atomic():
            counts = demo.load(admin_password, contact_password)
            awards = awards_demo.load()
            funds = funds_demo.load()
            events = events_demo.load()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data: {counts['agencies']} agencies, {counts['contacts']} contacts, {counts['projects']} projects, "
                f"{awards['editions']} award editions, {awards['results']} award results, "
                f"{awards['applications']} award applications, "
                f"{funds['funders']} funders, {funds['programmes']} funding programmes, {funds['calls']} funding calls, "
                f"{funds['grants']} grants, {events['events']} events, "
                f"{events['participations']} event participations."
            )
        )
        self.stdout.write(f"Admin login: {counts['admin']} / {admin_password}  (http://127.0.0.1:8000/admin/)")
        self.stdout.write(
            f"Demo contacts log in with their e-mail (for example ayse.yilmaz@btk.example) / {contact_password}"
        )
