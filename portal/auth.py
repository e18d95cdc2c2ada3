"""Login by e-mail address instead of a user name."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class EmailBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        email = (username or kwargs.get("email") or "").strip()
        if not email or password is None:
            return None
        user_model = get_user_model()
        user = user_model._default_manager.filter(email__iexact=email).order_by("pk").first()
        if user is None:
            user_model().set_password(password)  # same work as a real check, against timing probes
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


def lockout_username(request, credentials=None) -> str | None:
    """The address a login attempt names, as django-axes counts failures (`AXES_USERNAME_CALLABLE`): without case
    or surrounding spaces, as `EmailBackend` looks it up, so ` Person@Ministry.gov.tr ` and
    `person@ministry.gov.tr` share one counter. The same on the portal's login and the back-office's."""
    if credentials:
        value = credentials.get("username")
    else:
        value = getattr(request, "data", None) or getattr(request, "POST", {})
        value = value.get("username")
    if value is None:
        return None
    return str(value).strip().lower()
