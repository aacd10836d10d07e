from django.db import models


class RateLimitWindow(models.Model):
    """How many uses of one limited action one client (or one address) made in one window.

    Counted in the database rather than the cache: one conditional UPDATE is an atomic
    increment-then-compare on SQLite and PostgreSQL alike, and the limits keep holding while
    Redis is away. `key` is the scope and a keyed hash of the value (liaison.ratelimit), so no
    client address or e-mail address is stored; rows are purged when their window has ended.
    """

    key = models.CharField(max_length=120)
    window_start = models.DateTimeField()
    expires_at = models.DateTimeField()
    uses = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "window_start"], name="ratelimit_one_row_per_window")
        ]
        # For the purge: DELETE … WHERE expires_at < now.
        indexes = [models.Index(fields=["expires_at"], name="ratelimit_expiry")]

    def __str__(self) -> str:
        return f"{self.key} @ {self.window_start:%Y-%m-%d %H:%M}: {self.uses}"
