"""Factories for forum tests; each returns saved rows made through the services."""

from datetime import date, time, timedelta

from forum.models import ForumSeries, Subscriber, SubscriberStatus
from forum.services.series import create_series


def make_series(organizer=None, **values: object) -> ForumSeries:  # type: ignore[no-untyped-def]
    defaults: dict[str, object] = {
        "name": "Näringslivsforum",
        "slug": "naringslivsforum",
        "rule": "FREQ=MONTHLY;BYDAY=1TU",
        "start_time": time(7, 30),
        "duration": timedelta(minutes=90),
        "place": "Rådhuset, Karlshamn",
        "first_date": date(2027, 1, 1),
    }
    defaults.update(values)
    officials = defaults.pop("officials", ())
    return create_series(organizer, officials=officials, **defaults)


def make_subscriber(
    series: ForumSeries, name: str = "Anna Andersson", email: str = "anna@foretag.se", **fields
):  # type: ignore[no-untyped-def]
    fields.setdefault("company_name", "Andersson Bygg AB")
    fields.setdefault("status", SubscriberStatus.CONFIRMED)
    return Subscriber.objects.create(series=series, name=name, email=email, **fields)
