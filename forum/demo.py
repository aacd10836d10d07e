"""Demo forum for `make run`: Näringslivsforum on the first Tuesday of every month, 07:30–09:00
at Rådhuset, with subscribed companies and a few proposed agenda items.

Idempotent: the series is found by its slug, subscribers by e-mail, items by title.
"""

from datetime import time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from forum.models import AgendaItem, ForumSeries, Subscriber, SubscriberStatus
from forum.services.series import create_series

SLUG = "naringslivsforum"

SUBSCRIBERS = [
    # name, e-mail, company
    ("Anna Andersson", "anna@anderssonbygg.example.se", "Andersson Bygg AB"),
    ("Karim Haddad", "karim@hamnlogistik.example.se", "Hamnlogistik i Karlshamn AB"),
    ("Sofia Lind", "sofia@lindsfisk.example.se", "Linds Fisk & Delikatess"),
    ("Erik Nyström", "erik@nystromsbageri.example.se", "Nyströms Bageri"),
]

PROPOSALS = [
    # subscriber index, title, description
    (0, "Kompetensförsörjning i byggbranschen", "Hur når vi ungdomarna innan de flyttar härifrån?"),
    (1, "Trafiken till hamnen", "Lastbilskön på Östra Hamnvägen på morgnarna."),
    (2, "Torghandel på sommaren", "Vilka regler gäller för tillfälliga stånd?"),
]


def _series() -> ForumSeries:
    series = ForumSeries.objects.filter(slug=SLUG).first()
    if series is not None:
        return series
    liaison = get_user_model().objects.filter(username="lotsen").first()
    officials = get_user_model().objects.filter(username__in=["bygglov", "plan"])
    return create_series(
        liaison,
        officials=list(officials),
        name="Näringslivsforum",
        slug=SLUG,
        description="Frukostmöte där kommunen och företagen i Karlshamn diskuterar gemensamma frågor.",
        rule="FREQ=MONTHLY;BYDAY=1TU",
        start_time=time(7, 30),
        duration=timedelta(minutes=90),
        place="Rådhuset, Rådhusgatan 4, Karlshamn",
        first_date=timezone.localdate(),
        capacity=40,
    )


def load() -> list[str]:
    """Load the demo forum and return lines describing it."""
    series = _series()
    subscribers = []
    for name, email, company in SUBSCRIBERS:
        subscriber, _ = Subscriber.objects.get_or_create(
            series=series,
            email=email,
            defaults={
                "name": name,
                "company_name": company,
                "status": SubscriberStatus.CONFIRMED,
                "confirmed_at": timezone.now(),
            },
        )
        subscribers.append(subscriber)
    occurrence = series.occurrences.scheduled().upcoming(timezone.now()).first()
    if occurrence is not None:
        for index, title, description in PROPOSALS:
            AgendaItem.objects.get_or_create(
                occurrence=occurrence,
                title=title,
                defaults={"subscriber": subscribers[index], "description": description},
            )
    return [
        f"  Forum: {series.name}, {series.occurrences.count()} meetings, "
        f"{len(subscribers)} subscribed companies; /forum/ and /forum/{SLUG}/calendar.ics"
    ]
