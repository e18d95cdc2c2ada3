"""The back-office's site: Django's, with the login form limited per client address like the portal's."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.utils.decorators import method_decorator

from portal.ratelimit import rate_limited


class PortalAdminSite(admin.AdminSite):
    # The same scope as the portal's login page: one budget of password attempts per address for both doors.
    @method_decorator(rate_limited("login"))
    def login(self, request, extra_context=None):
        return super().login(request, extra_context)


class PortalAdminConfig(AdminConfig):
    default_site = "portal.admin_site.PortalAdminSite"
