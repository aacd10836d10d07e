"""Bulk seeding: cases over five years with their timeline events and referrals, in batches."""

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.utils import timezone

from companies.models import Company
from feedback.models import Survey, SurveyResponse
from feedback.nki import respondent_index
from forum.models import ForumSeries, Subscriber, SubscriberStatus
from forum.services.series import create_series
from karlshamn_portal.roles import LIAISON_GROUP, OFFICIAL_GROUP
from liaison.models import (
    OPEN_STATUSES,
    Case,
    CaseEvent,
    CaseStatus,
    Department,
    EventKind,
    ReferenceCounter,
    Referral,
    ReferralStatus,
    Topic,
)
from tests.liaison.factories import valid_organisation_number

BATCH = 5_000
# The small vocabulary puts every common word in most cases; a search for a particular matter
# finds a few. The dashboard search looks for this word, a current matter: one recent case in 20
# mentions it and one older case in 200. So the search lists the same recent cases at 1,000 and
# at 100,000 cases, and its growth is what history's 500 further matches cost, as every other
# page's growth is history's alone. (Were the share the same for all, the page would grow from 5
# rows to 50: docs/benchmark.md gives that figure too.)
RARE_WORD = "vätgastankstation"
RARE_SHARE_RECENT = 0.05
RARE_SHARE_HISTORY = 0.005
HISTORY = timedelta(days=5 * 365)
RECENT = timedelta(days=60)  # the open work; older cases are history
DEPARTMENTS = 12
OFFICIALS = 40
TIMELINE_CASE_EVENTS = 50
WORDS = [
    "bygglov",
    "marklov",
    "detaljplan",
    "livsmedelslokal",
    "serveringstillstånd",
    "etablering",
    "lokal",
    "mark",
    "hamn",
    "logistik",
    "vatten",
    "avlopp",
    "brandskydd",
    "upphandling",
    "rekrytering",
    "kompetens",
    "medflyttare",
    "tillstånd",
    "ansökan",
    "ritning",
    "restaurang",
    "verkstad",
    "lager",
    "butik",
    "solceller",
    "laddstolpar",
    "skylt",
    "uteservering",
    "kontor",
    "industri",
]


@dataclass
class Seeded:
    liaison: object = None
    official: object = None  # one official of the busiest department
    timeline_case: Case | None = None
    track_token: str | None = None  # the private link to timeline_case
    series_slug: str | None = None  # the forum series with its subscribers
    companies: list[int] = field(default_factory=list)
    departments: list[Department] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    officials_by_department: dict[int, list[int]] = field(default_factory=dict)
    topic_departments: dict[int, list[Department]] = field(default_factory=dict)
    liaisons: list[int] = field(default_factory=list)
    cases: int = 0
    events: int = 0
    referrals: int = 0
    # The company register (tests/bench/register.py).
    register_companies: int = 0
    register_visits: int = 0
    visited_company: int | None = None  # a company with a long timeline, for its page


def seed_people(rng: random.Random) -> Seeded:
    User = get_user_model()
    liaison_group, _ = Group.objects.get_or_create(name=LIAISON_GROUP)
    official_group, _ = Group.objects.get_or_create(name=OFFICIAL_GROUP)
    seeded = Seeded()
    seeded.departments = Department.objects.bulk_create(
        Department(slug=f"dept-{n}", name_sv=f"Verksamhet {n}", name_en=f"Department {n}")
        for n in range(DEPARTMENTS)
    )
    seeded.topics = Topic.objects.bulk_create(
        Topic(slug=f"topic-{n}", name_sv=f"Ämne {n}", name_en=f"Topic {n}", position=n) for n in range(12)
    )
    for n, topic in enumerate(seeded.topics):
        routed = [seeded.departments[n], seeded.departments[(n + 5) % DEPARTMENTS]]
        topic.departments.set(routed)
        seeded.topic_departments[topic.pk] = routed
    liaisons = [User.objects.create_user(f"liaison{n}", f"liaison{n}@example.se", "bench") for n in range(3)]
    for user in liaisons:
        user.groups.add(liaison_group)
    officials = [
        User.objects.create_user(f"official{n}", f"official{n}@example.se", "bench") for n in range(OFFICIALS)
    ]
    for n, user in enumerate(officials):
        user.groups.add(official_group)
        department = seeded.departments[n % DEPARTMENTS]
        department.officials.add(user)
        seeded.officials_by_department.setdefault(department.pk, []).append(user.pk)
    seeded.liaison, seeded.official = liaisons[0], officials[0]
    seeded.liaisons = [user.pk for user in liaisons]
    return seeded


def seed_companies(seeded: Seeded, count: int, rng: random.Random) -> None:
    companies = (
        Company(
            name=f"{rng.choice(WORDS).title()} {rng.choice(WORDS)} {n} AB",
            organisation_number=valid_organisation_number(n),
            industry=rng.choice(WORDS),
        )
        for n in range(count)
    )
    for batch in batched(companies):
        Company.objects.bulk_create(batch)
    seeded.companies = list(Company.objects.values_list("pk", flat=True))


def batched(items, size: int = BATCH) -> Iterator[list]:  # type: ignore[no-untyped-def]
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _description(rng: random.Random, rare_share: float) -> str:
    words = rng.choices(WORDS, k=40)
    if rng.random() < rare_share:
        words[rng.randrange(len(words))] = RARE_WORD
    return " ".join(words)


def _status(created: datetime, now: datetime, rng: random.Random) -> str:
    if now - created > RECENT:
        return CaseStatus.CLOSED if rng.random() < 0.95 else CaseStatus.RESOLVED
    return rng.choice(OPEN_STATUSES + [CaseStatus.CLOSED])


def seed_cases(
    seeded: Seeded,
    count: int,
    rng: random.Random,
    newest: timedelta = timedelta(0),
    oldest: timedelta = HISTORY,
) -> None:
    """Add `count` cases received between `oldest` and `newest` ago, ~3 events and 0.6 referrals
    each. Cases older than RECENT are closed or resolved; younger ones are mostly open."""
    now = timezone.now()
    start, span = int(newest.total_seconds()), int((oldest - newest).total_seconds())
    rare_share = RARE_SHARE_RECENT if oldest <= RECENT else RARE_SHARE_HISTORY
    counters = dict(ReferenceCounter.objects.values_list("year", "last_number"))
    liaisons = seeded.liaisons
    for batch_start in range(0, count, BATCH):
        size = min(BATCH, count - batch_start)
        cases = []
        for _ in range(size):
            created = now - timedelta(seconds=start + rng.randrange(span))
            counters[created.year] = counters.get(created.year, 0) + 1
            status = _status(created, now, rng)
            subject_words = rng.sample(WORDS, 4)
            cases.append(
                Case(
                    reference=f"NL-{created.year}-{counters[created.year]:05d}",
                    company_id=rng.choice(seeded.companies),
                    contact_name=f"Kontakt {rng.randrange(10_000)}",
                    contact_email=f"kontakt{rng.randrange(100_000)}@example.se",
                    topic=rng.choice(seeded.topics),
                    subject=" ".join(subject_words).capitalize(),
                    description=_description(rng, rare_share),
                    status=status,
                    owner_id=rng.choice(liaisons) if rng.random() < 0.8 else None,
                    created_at=created,
                    first_response_due=(created + timedelta(days=2)).date(),
                    first_responded_at=created + timedelta(hours=rng.randrange(1, 72)),
                    closed_at=created + timedelta(days=rng.randrange(1, 60))
                    if status == CaseStatus.CLOSED
                    else None,
                    company_active_at=created,
                )
            )
        with transaction.atomic():
            cases = Case.objects.bulk_create(cases)
            _seed_history(seeded, cases, rng)
        seeded.cases += size
    for year, last in counters.items():
        ReferenceCounter.objects.update_or_create(year=year, defaults={"last_number": last})


def _seed_history(seeded: Seeded, cases: list[Case], rng: random.Random) -> None:
    events, referrals = [], []
    for case in cases:
        events.append(
            CaseEvent(case=case, kind=EventKind.SUBMITTED, is_public=True, created_at=case.created_at)
        )
        for step in range(rng.choice((1, 2, 2, 3))):
            kind = rng.choice(
                (EventKind.REPLY, EventKind.NOTE, EventKind.STATUS_CHANGED, EventKind.COMPANY_MESSAGE)
            )
            events.append(
                CaseEvent(
                    case=case,
                    kind=kind,
                    is_public=kind != EventKind.NOTE,
                    text=" ".join(rng.choices(WORDS, k=15)),
                    created_at=case.created_at + timedelta(hours=step + 1),
                )
            )
        if rng.random() < 0.6:
            department = rng.choice(seeded.topic_departments[case.topic_id])
            # A resolved or closed case has every department's part done.
            done = case.status in (CaseStatus.CLOSED, CaseStatus.RESOLVED)
            referrals.append(
                Referral(
                    case=case,
                    department=department,
                    official_id=rng.choice(seeded.officials_by_department[department.pk]),
                    status=ReferralStatus.DONE
                    if done
                    else rng.choice((ReferralStatus.PENDING, ReferralStatus.ACCEPTED)),
                    due_date=(case.created_at + timedelta(days=7)).date(),
                    created_at=case.created_at + timedelta(hours=2),
                    done_at=case.created_at + timedelta(days=5) if done else None,
                )
            )
    for batch in batched(events):
        CaseEvent.objects.bulk_create(batch)
    Referral.objects.bulk_create(referrals, batch_size=BATCH)
    _seed_surveys(cases, rng)
    seeded.events += len(events)
    seeded.referrals += len(referrals)


def seed_timeline_case(seeded: Seeded, rng: random.Random) -> None:
    """The open case whose page is measured: 50 timeline events."""
    case = Case.objects.order_by("-created_at").first()
    assert case is not None
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.OPEN, closed_at=None)
    case.events.all().delete()
    CaseEvent.objects.bulk_create(
        CaseEvent(
            case=case,
            kind=EventKind.REPLY if n % 2 else EventKind.NOTE,
            is_public=bool(n % 2),
            text=" ".join(rng.choices(WORDS, k=20)),
            actor_id=seeded.liaison.pk,  # type: ignore[union-attr]
            created_at=case.created_at + timedelta(minutes=n),
        )
        for n in range(TIMELINE_CASE_EVENTS)
    )
    seeded.timeline_case = case
    try:
        from liaison.services.tracking import make_track_token
    except ImportError:
        return
    seeded.track_token = make_track_token(case)


def _seed_surveys(cases: list[Case], rng: random.Random) -> None:
    """Four in ten closed cases were surveyed, and six in ten of those answered (what the
    public statistics and the staff view read)."""
    surveys = [
        Survey(
            case=case,
            email=case.contact_email,
            sent_at=case.closed_at,
            expires_at=case.closed_at + timedelta(days=60),
        )
        for case in cases
        if case.closed_at and rng.random() < 0.4
    ]
    answers = []
    for survey in Survey.objects.bulk_create(surveys, batch_size=BATCH):
        if rng.random() < 0.6:
            scores = [rng.randint(5, 10) for _ in range(3)]
            answers.append(
                SurveyResponse(
                    survey=survey,
                    overall=scores[0],
                    expectations=scores[1],
                    ideal=scores[2],
                    treatment=rng.randint(1, 10),
                    nki=respondent_index(*scores),
                    answered_at=survey.sent_at,
                    updated_at=survey.sent_at,
                )
            )
    SurveyResponse.objects.bulk_create(answers, batch_size=BATCH)


def analyze() -> None:
    """Fresh planner statistics and a vacuumed table, as autovacuum keeps them after years of
    steady growth. Vacuumed now, not by autovacuum in the middle of the measurements it would
    slow down after a bulk insert."""
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)" if connection.vendor == "postgresql" else "ANALYZE")


def seed_forum(seeded: Seeded, subscribers: int) -> ForumSeries:
    """A monthly breakfast forum with `subscribers` confirmed subscribers and four officials."""
    series = create_series(
        seeded.liaison,
        officials=get_user_model().objects.filter(
            pk__in=[ids[0] for ids in seeded.officials_by_department.values()][:4]
        ),
        name="Näringslivsfrukost",
        slug="naringslivsfrukost",
        rule="FREQ=MONTHLY;BYDAY=1TU",
        start_time=time(7, 30),
        duration=timedelta(minutes=90),
        place="Väggaparken, Karlshamn",
        first_date=timezone.localdate() + timedelta(days=1),
    )
    now = timezone.now()
    rows = (
        Subscriber(
            series=series,
            name=f"Företagare {n}",
            email=f"subscriber{n}@example.se",
            company_name=f"Företag {n} AB",
            status=SubscriberStatus.CONFIRMED,
            confirmed_at=now,
        )
        for n in range(subscribers)
    )
    for batch in batched(rows):
        Subscriber.objects.bulk_create(batch)
    return series
