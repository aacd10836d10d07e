"""Demo surveys for `make run`: eight cases closed over the last weeks, through the real
services (their e-mails land in the outbox), each surveyed and most of them answered, so the
staff view and /statistik/ show an index; then the monthly figures are stored as the hourly
task would. Idempotent: a second run finds the demo companies and adds nothing."""

from datetime import timedelta

from django.contrib.auth.models import User
from django.utils import timezone

from companies.models import Company
from companies.orgnr import luhn_is_valid, parse_organisation_number
from feedback.services.figures import store_monthly_figures
from feedback.services.surveys import offer_survey, record_answer
from liaison.models import Department
from liaison.services import referrals, triage
from liaison.services.intake import Submission, submit_case

# company, overall, expectations, ideal, treatment (None: not answered), comment
DEMO_ANSWERS = [
    ("Karlshamns Glasbruk AB", 9, 8, 8, 10, "Snabbt och tydligt, tack!"),
    ("Vägga Fisk AB", 7, 6, 6, 8, ""),
    ("Asarums Snickeri AB", 10, 9, 9, 10, "Bra att vi slapp ringa runt själva."),
    ("Mörrums Cykel AB", 4, 3, 3, 6, "Det tog lång tid innan någon hörde av sig."),
    ("Hällaryds Gårdsbutik AB", 8, 8, 7, None, ""),
    ("Svängsta Måleri AB", 9, 9, 8, 9, "Trevligt bemötande."),
    ("Ronneby Väg Logistik AB", 8, 7, 7, 8, ""),
    ("Kastellets Kafé AB", None, None, None, None, ""),
]


def _number(serial: int) -> str:
    body = f"55990{serial:04d}"
    check = next(digit for digit in range(10) if luhn_is_valid(f"{body}{digit}"))
    return f"{body[:6]}-{body[6:]}{check}"


def load() -> list[str]:
    liaison = User.objects.filter(username="lotsen").first()
    building = Department.objects.filter(slug="bygglov").first()
    if liaison is None or building is None:
        return ["  (survey demo skipped: load the demo departments and staff first)"]
    answered = 0
    for serial, (name, overall, expectations, ideal, treatment, comment) in enumerate(DEMO_ANSWERS, start=1):
        number = _number(serial)
        if Company.objects.filter(organisation_number=number).exists():
            continue
        received = timezone.now() - timedelta(days=30 - 3 * serial)
        case = submit_case(
            Submission(
                company_name=name,
                organisation_number=parse_organisation_number(number),
                contact_name="Kim Kontakt",
                contact_email=f"kontakt@{number.replace('-', '')}.example.se",
                subject="Fråga om bygglov för tillbyggnad",
                description="Vi vill bygga till vårt lager.",
            ),
            now=received,
        )
        triage.reply_to_company(case, "Tack! Vi har frågat bygglov.", liaison)
        referrals.route_case(case, [building], liaison)
        triage.close_case(case, "Bygglov behövs; ansökan är skickad.", liaison)
        survey = offer_survey(case.pk)
        if survey is None or overall is None:
            continue
        answers = {"overall": overall, "expectations": expectations, "ideal": ideal, "treatment": treatment}
        record_answer(survey, {**answers, "comment": comment})
        answered += 1
    store_monthly_figures()
    return [
        f"  Satisfaction surveys: {answered} new answers; results at /feedback/, statistics at /statistik/"
    ]
