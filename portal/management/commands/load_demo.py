from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from portal import demo


class Command(BaseCommand):
    help = "Load the demo data (agencies, contacts, projects, an admin account, and each area's records). Safe to run again."

    def handle(self, *args, **options):
        admin_password, contact_password = demo.passwords()
        if settings.PRODUCTION and "demo-" in admin_password:
            raise CommandError(
                "Set DEMO_ADMIN_PASSWORD and DEMO_CONTACT_PASSWORD before loading demo data in production."
            )
        with transaction.atomic():
            core = demo.load(admin_password, contact_password)
            counts = {"agencies": core["agencies"], "contacts": core["contacts"], "projects": core["projects"]}
            for loader in demo.area_loaders():
                counts.update(loader())
        held = ", ".join(f"{number} {name}" for name, number in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Demo data: {held}."))
        self.stdout.write(f"Admin login: {core['admin']} / {admin_password}  (http://127.0.0.1:8000/admin/)")
        self.stdout.write(
            f"Demo contacts log in with their e-mail (for example ayse.yilmaz@btk.example) / {contact_password}"
        )
