"""Demo data for the relocation service (J8, Medflyttarservice) for `make run`.

A relocation host, four network employers from the demo company register, five partners at the
stages of the journey (just invited; registered on their own and sharing their profile; in
contact, referred to the labour-market unit and introduced to an employer; matched to work; the
service ended), in Swedish and English, and two activities for newcomers. Everything goes
through the services, so the timelines, e-mails and links are those of real use; what the story
says happened earlier is dated back afterwards, as the register demo does with its visits.

Load it after the company register (karlshamn_portal/demo/register.py) and liaison's departments.
Idempotent: the host is found by user name, an employer by its company, a partner by e-mail and
an activity by its title.
"""

from datetime import datetime, timedelta

from django.contrib.auth.models import Group, User
from django.db.models import Case as CaseWhen
from django.db.models import When
from django.utils import timezone
from django.utils.text import slugify

from companies.models import Company
from karlshamn_portal.roles import OFFICIAL_GROUP, RELOCATION_HOST_GROUP
from liaison.demo import DEMO_PASSWORD
from liaison.models import Department
from meetings.models import Answer
from meetings.services import record_answer
from relocation.demo.stories import PRIYA, STORIES, Cast
from relocation.links import employer_url, partner_url
from relocation.models import Activity, NetworkEmployer, PartnerLanguage, RelocationReferral
from relocation.services.activities import schedule_activity
from relocation.services.network import add_network_employer, send_employer_link
from relocation.services.partners import find_partner

HOST_USERNAME = "varden"
# The labour-market unit of liaison's demo departments takes the referral of a partner's work
# need; its official answers it.
WORK_DEPARTMENT = "arbetsmarknad"
OFFICIAL_USERNAME = "arbete"
# The contact persons of the network employers, in the order of _employer_companies().
EMPLOYER_CONTACTS = [
    ("Elin Ek", PartnerLanguage.SWEDISH),
    ("Jonas Strand", PartnerLanguage.SWEDISH),
    ("Daniel Okafor", PartnerLanguage.ENGLISH),
    ("Karin Åkesson", PartnerLanguage.SWEDISH),
]
LARGE = ["100-199", "200-499", "500+"]
MANUFACTURING = "C"  # SNI 2007 section C


def _ahead(days: int, hour: int) -> datetime:
    return (timezone.localtime() + timedelta(days=days)).replace(hour=hour, minute=0, second=0, microsecond=0)


def _staff(username: str, first_name: str, last_name: str, group: str) -> User:
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"first_name": first_name, "last_name": last_name, "email": f"{username}@example.se"},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    user.groups.add(Group.objects.get_or_create(name=group)[0])
    return user


def _work_department() -> Department | None:
    """liaison's labour-market unit with an official of its own, who hears of the referral."""
    department = Department.objects.filter(slug=WORK_DEPARTMENT).first()
    if department is not None:
        department.officials.add(_staff(OFFICIAL_USERNAME, "Arne", "Arbetsson", OFFICIAL_GROUP))
    return department


def _employer_companies() -> list[Company]:
    """The register's large limited companies, manufacturers first (the stories below recruit a
    welder and a production manager), then by organisationsnummer: the same ones on every run of
    the same register."""
    companies = Company.objects.in_register().filter(
        legal_form="Aktiebolag", is_sole_trader=False, size_class__in=LARGE
    )
    manufacturing_first = CaseWhen(When(industry_section=MANUFACTURING, then=0), default=1)
    ordered = companies.order_by(manufacturing_first, "organisation_number")
    return list(ordered[: len(EMPLOYER_CONTACTS)])


def _employers() -> list[NetworkEmployer]:
    """The companies join the network as the host's network page adds them: with a contact
    person, who is sent the link to the employer's page."""
    employers = []
    for company, (name, language) in zip(_employer_companies(), EMPLOYER_CONTACTS, strict=False):
        employer = NetworkEmployer.objects.filter(company=company, is_active=True).first()
        if employer is None:
            first, last = (slugify(part) for part in name.split(" ", 1))
            email = f"{first}.{last}@{slugify(company.name)}.example.se"
            employer = add_network_employer(company, name, email, language)
            send_employer_link(employer)
        employers.append(employer)
    return employers


ACTIVITIES = [
    # title, description, days ahead, start hour, place, the partner who accepts at once
    (
        "Fika för nya Karlshamnsbor / Fika for newcomers",
        "Träffa andra som är nya i Karlshamn. Meet others who are new in town.",
        9,
        15,
        "Stadsbiblioteket, Karlshamn",
        PRIYA,
    ),
    (
        "Språkcafé: prata svenska / Swedish conversation evening",
        "Öva svenska tillsammans med frivilliga. Alla nivåer.",
        23,
        18,
        "Kulturhuset, Karlshamn",
        "",
    ),
]


def _activities(host: User) -> list[Activity]:
    """Scheduled through the meetings app: the partners who consented to (b) are invited; the
    partner in contact accepts the fika."""
    activities = []
    for title, description, days, hour, place, accepting in ACTIVITIES:
        activity = Activity.objects.filter(meeting__title=title).first()
        if activity is None:
            start = _ahead(days, hour)
            activity = schedule_activity(
                title=title,
                description=description,
                start=start,
                end=start + timedelta(hours=1, minutes=30),
                place=place,
                organizer=host,
            )
            link = activity.partner_invitations.select_related("invitation").filter(partner__email=accepting)
            if link:
                record_answer(link[0].invitation, Answer.ACCEPTED, "See you there!")
        activities.append(activity)
    return activities


def load() -> list[str]:
    """Load the demo service and return its lines for the login list."""
    employers = _employers()
    if len(employers) < len(EMPLOYER_CONTACTS):
        return ["  (relocation demo skipped: load the demo company register first)"]
    host = _staff(HOST_USERNAME, "Vera", "Värd", RELOCATION_HOST_GROUP)
    cast = Cast(host, employers, _work_department())
    partners = {email: find_partner(email) or story(cast) for email, story in STORIES}
    activities = _activities(host)
    shown = partners[PRIYA]
    lines = [
        f"  {HOST_USERNAME:<10} / {DEMO_PASSWORD}   Relocation hosts (Medflyttarservice, /relocation/)",
        f"  Relocation service: {len(partners)} demo partners, {len(employers)} network employers, "
        f"{len(activities)} activities for newcomers; the public form at /medflyttare/",
    ]
    referral = RelocationReferral.objects.filter(partner=shown, department__slug=WORK_DEPARTMENT).first()
    if referral is not None:
        lines.append(
            f"  {OFFICIAL_USERNAME:<10} / {DEMO_PASSWORD}   {referral.department.name_sv}, "
            f"a partner's referral at /relocation/referrals/{referral.pk}/"
        )
    return [
        *lines,
        f"  Network employer {employers[0].company.name}, private link to its page:",
        f"    {employer_url(employers[0].pk)}",
        f"  Demo partner {shown.reference} (English), private link to their page:",
        f"    {partner_url(shown)}",
    ]
