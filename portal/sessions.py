"""Session engine: Django's database sessions, for keys Django could have made (`SESSION_ENGINE = "portal.sessions"`)."""

from django.contrib.sessions.backends.base import VALID_KEY_CHARS
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore


class SessionStore(DatabaseSessionStore):
    """A session cookie whose key has a character Django never puts in one is no session, not a database query.

    `Cookie: sessionid="aaaaaaaa\\000"` is plain ASCII, so gunicorn passes it on, and Python's cookie parser turns
    the octal escape into a NUL character, which PostgreSQL refuses to compare: a 500 on every page and API call.
    """

    def _validate_session_key(self, key):
        return bool(super()._validate_session_key(key)) and not set(key) - set(VALID_KEY_CHARS)
