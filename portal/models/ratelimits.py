"""Rate-limit counters kept in the database while the cache (`CACHE_URL`) is unreachable (see `portal.ratelimit`)."""

from django.db import models


class RateLimitCounter(models.Model):
    """The attempts of one client address on one form in one fixed window; removed once the window is over."""

    scope = models.CharField(max_length=40)
    key = models.CharField(max_length=255)
    window_start = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "key", "window_start"], name="ratelimit_one_counter_per_window")
        ]

    def __str__(self):
        return f"{self.scope} {self.key} {self.window_start:%Y-%m-%d %H:%M:%S}: {self.count}"
