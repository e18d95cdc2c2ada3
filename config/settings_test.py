"""Settings for the test suite: the same settings, on PostgreSQL, with fast hashing."""

import os

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal")

from config.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
MEDIA_ROOT = VAR_DIR / "test-media"
CELERY_TASK_ALWAYS_EAGER = True
WHITENOISE_AUTOREFRESH = True
# One test database per test process, so concurrent runs on the same server never collide.
DATABASES["default"]["TEST"] = {"NAME": f"test_portal_{os.getpid()}"}
