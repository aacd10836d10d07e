from django.db import models
from django.utils import timezone


class LinkRequest(models.Model):
    """Someone asked on /my/ for links to the cases of an address: the work waits here for a task,
    so the page answers at once and in the same time whether or not the address has cases, and
    the task's arguments (which the worker logs) carry an id instead of the address. The task
    deletes the row as it sends."""

    email = models.EmailField(max_length=254)
    language = models.CharField(max_length=8)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        # The sweep: LinkRequest.objects.filter(created_at__lt=…), oldest first.
        indexes = [models.Index(fields=["created_at"], name="link_request_age")]
