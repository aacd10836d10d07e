"""The access table: what every URL of the project answers every role.

tests/security/test_access_matrix.py walks every URL against it. A URL name that is not in
ACCESS fails that test: a new view needs an access rule before it ships. To add one, give its name an `Expect(...)`, and a `kwargs` function when its URL takes
arguments (it receives the World and the role, so a token can be the role's own).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import HttpResponse
from django.urls import reverse

from forum.links import CONFIRM, MINUTES, PROPOSE, UNSUBSCRIBE
from liaison.staff_links import staff_case_url
from meetings.links import answer_token
from tests.security.urls import Route
from tests.security.world import ROLES, World

LOGIN = "login"  # a redirect to the staff login page
ADMIN_LOGIN = "admin-login"  # a redirect to the admin's login page
Answer = int | str | frozenset[int]


@dataclass(frozen=True)
class Expect:
    anonymous: Answer
    company_a: Answer
    company_b: Answer
    official_x: Answer
    official_y: Answer
    liaison: Answer
    administrator: Answer
    kwargs: Callable[[World, str], dict[str, object]] = field(default=lambda world, role: {})


def everyone(answer: Answer, **kwargs: object) -> Expect:
    return Expect(*[answer] * len(ROLES), **kwargs)  # type: ignore[arg-type]


def staff(*, outsiders: Answer, officials: Answer, liaison: Answer, **kwargs: object) -> Expect:
    """Companies get what anonymous visitors get; the administrator what liaison officers get."""
    return Expect(outsiders, outsiders, outsiders, officials, officials, liaison, liaison, **kwargs)  # type: ignore[arg-type]


def liaison_only(kwargs: Callable[[World, str], dict[str, object]] = lambda world, role: {}) -> Expect:
    return Expect(LOGIN, LOGIN, LOGIN, 403, 403, 200, 200, kwargs)


def signed_in_post_only(kwargs: Callable[[World, str], dict[str, object]] = lambda world, role: {}) -> Expect:
    """A POST-only view behind login_required: a GET is sent to log in, or refused (405)."""
    return Expect(LOGIN, LOGIN, LOGIN, 405, 405, 405, 405, kwargs)


def occurrence(world: World, role: str) -> dict[str, object]:
    return {"slug": world.series.slug, "pk": world.occurrence.pk}


def case_a(world: World, role: str) -> dict[str, object]:
    return {"reference": world.case_a.reference}


def referral_a_x(world: World, role: str) -> dict[str, object]:
    return {"referral_id": world.referral_a_x.pk}


def staff_link(world: World, role: str) -> dict[str, object]:
    return {"token": staff_case_url(world.case_a).rsplit("/", 2)[-2]}


def meeting_of_case(world: World, role: str) -> dict[str, object]:
    return {"reference": world.case_a.reference, "meeting_id": world.invitation_x.meeting_id}


def company_a(world: World, role: str) -> dict[str, object]:
    return {"pk": world.company_a.pk}


def visit_a(world: World, role: str) -> dict[str, object]:
    return {"pk": world.visit_a.pk}


def register_post_only(kwargs: Callable[[World, str], dict[str, object]]) -> Expect:
    """A register change (POST only): officials are refused before the method is looked at."""
    return Expect(LOGIN, LOGIN, LOGIN, 403, 403, 405, 405, kwargs)


def answer_link(world: World) -> dict[str, object]:
    return {"invitation_id": world.invitation_x.pk, "token": answer_token(world.invitation_x)}


def personal_data_request(world: World, role: str) -> dict[str, object]:
    from retention.models import PersonalDataRequest

    made, _created = PersonalDataRequest.objects.get_or_create(
        kind="access", email=world.case_a.contact_email, made_by_name="Lina"
    )
    return {"pk": made.pk}


LIAISON_ONLY = liaison_only()
SIGNED_IN = Expect(LOGIN, LOGIN, LOGIN, 200, 200, 200, 200)
SIGNED_IN_POST_ONLY = signed_in_post_only()

ACCESS: dict[str, Expect] = {
    "home": everyone(200),
    "accessibility": everyone(200),
    "health": everyone(200),
    # Signed-in staff are sent on from the login page.
    "login": Expect(200, 200, 200, 302, 302, 302, 302),
    "logout": everyone(405),  # POST only
    # Sign-in through the identity provider; the test settings configure none, which the page says.
    "oidc-start": everyone(403),
    "oidc-callback": everyone(403),
    # The second factor: the code step sends on whoever is not waiting for it; anyone signed in
    # may set up an app.
    "mfa-verify": Expect(LOGIN, LOGIN, LOGIN, 302, 302, 302, 302),
    "mfa-setup": SIGNED_IN,
    # After signing in: staff are sent on to their own start page.
    "signed-in": Expect(LOGIN, LOGIN, LOGIN, 302, 302, 302, 302),
    "set_language": everyone(302),
    # The outbox browser is a development aid (OUTBOX_BROWSER, off in production) for liaison
    # officers: it shows private links and personal data.
    "outbox": LIAISON_ONLY,
    "outbox-detail": liaison_only(lambda world, role: {"pk": world.outbox_message.pk}),
    "outbox-html": liaison_only(lambda world, role: {"pk": world.outbox_message.pk}),
    "outbox-attachment": liaison_only(lambda world, role: {"pk": world.outbox_message.pk, "index": 0}),
    # Company pages. The private link is the credential: whoever holds it sees that one case.
    "case-new": everyone(200),
    "case-sent": everyone(302),  # without a submission in the session: back to the form
    "track": everyone(200, kwargs=lambda world, role: {"token": world.track_token(role)}),
    # A link used for another object: company A's link with company B's file.
    "track-attachment": everyone(
        404,
        kwargs=lambda world, role: {
            "token": world.track_token("company_a"),
            "attachment_id": world.attachment_b.pk,
        },
    ),
    "my-cases": everyone(200),
    "my-cases-links": everyone(405),  # POST only
    "my-cases-sign-out": everyone(405),  # POST only
    "my-cases-sign-in": everyone(302, kwargs=lambda world, role: {"token": world.sign_in_token(role)}),
    # Triage: the dashboard for liaison officers; a case for them and the officials of a
    # department it is referred to (X, not Y). Every change is a POST.
    "dashboard": LIAISON_ONLY,
    "dashboard-bulk": everyone(405),
    "case-detail": Expect(LOGIN, LOGIN, LOGIN, 200, 403, 200, 200, case_a),
    **dict.fromkeys(
        [
            "case-topic",
            "case-assign",
            "case-status",
            "case-diarium",
            "case-refer",
            "case-reply",
            "case-note",
            "case-close",
            "case-reveal-number",
        ],
        everyone(405, kwargs=case_a),
    ),
    # A case's files: whoever may read the case (official Y's department has no referral).
    "case-attachment": Expect(
        LOGIN,
        LOGIN,
        LOGIN,
        200,
        403,
        200,
        200,
        lambda world, role: {**case_a(world, role), "attachment_id": world.attachment_a.pk},
    ),
    "referral-list": SIGNED_IN,
    "referral-detail": Expect(LOGIN, LOGIN, LOGIN, 200, 403, 200, 200, referral_a_x),
    **dict.fromkeys(
        ["referral-accept", "referral-decline", "referral-note", "referral-done"],
        everyone(405, kwargs=referral_a_x),
    ),
    # A link in a staff e-mail leads on to the page, which checks access itself.
    "staff-link": Expect(LOGIN, LOGIN, LOGIN, 302, 302, 302, 302, staff_link),
    # A case's coordinated meetings are run by liaison officers.
    "case-meetings": liaison_only(case_a),
    "case-meeting-new": liaison_only(case_a),
    "case-meeting": liaison_only(meeting_of_case),
    "case-meeting-move": signed_in_post_only(meeting_of_case),
    "case-meeting-cancel": signed_in_post_only(meeting_of_case),
    "case-meeting-invite": signed_in_post_only(meeting_of_case),
    "case-meeting-remove": signed_in_post_only(
        lambda world, role: {**meeting_of_case(world, role), "invitation_id": world.invitation_x.pk}
    ),
    # Meetings: one's own invitations when signed in; the signed answer link for anyone holding it.
    "meetings:mine": SIGNED_IN,
    "meetings:answer-own": signed_in_post_only(lambda world, role: {"invitation_id": world.invitation_x.pk}),
    "meetings:answer": everyone(200, kwargs=lambda world, role: answer_link(world)),
    "meetings:calendar": everyone(200, kwargs=lambda world, role: answer_link(world)),
    # The public forum and its signed links.
    "forum:index": everyone(200),
    "forum:subscribe": everyone(405),  # POST only
    "forum:calendar": everyone(200, kwargs=lambda world, role: {"slug": world.series.slug}),
    "forum:confirm": everyone(200, kwargs=lambda world, role: {"token": world.forum_token(CONFIRM)}),
    "forum:unsubscribe": everyone(200, kwargs=lambda world, role: {"token": world.forum_token(UNSUBSCRIBE)}),
    "forum:propose": everyone(200, kwargs=lambda world, role: {"token": world.forum_token(PROPOSE)}),
    "forum:minutes": everyone(200, kwargs=lambda world, role: {"token": world.forum_token(MINUTES)}),
    "forum:minutes-file": everyone(404, kwargs=lambda world, role: {"token": world.forum_token(MINUTES)}),
    # Running the forum is for liaison officers.
    "forum:series-list": LIAISON_ONLY,
    "forum:series-create": LIAISON_ONLY,
    "forum:series-preview": SIGNED_IN_POST_ONLY,
    "forum:series-detail": liaison_only(lambda world, role: {"slug": world.series.slug}),
    "forum:series-edit": liaison_only(lambda world, role: {"slug": world.series.slug}),
    "forum:subscriber-add": signed_in_post_only(lambda world, role: {"slug": world.series.slug}),
    "forum:subscriber-remove": signed_in_post_only(lambda world, role: {"slug": world.series.slug}),
    "forum:occurrence-detail": liaison_only(occurrence),
    "forum:occurrence-cancel": signed_in_post_only(occurrence),
    "forum:occurrence-move": signed_in_post_only(occurrence),
    "forum:agenda-item": signed_in_post_only(lambda world, role: {**occurrence(world, role), "item_id": 1}),
    "forum:agenda-publish": signed_in_post_only(occurrence),
    "forum:attendance": signed_in_post_only(occurrence),
    "forum:minutes-publish": signed_in_post_only(occurrence),
    # The API's description is public; everything else answers only to an API token, never to a
    # signed-in browser (tests/security/test_api_access.py walks it with each role's token).
    "api-schema": everyone(200),
    "api-docs": everyone(200),
    **dict.fromkeys(
        ["api-cases", "api-referrals", "api-forum-meetings", "api-companies", "api-visits", "api-follow-ups"],
        everyone(401),
    ),
    "api-company": everyone(401, kwargs=lambda world, role: {"company_id": world.company_a.pk}),
    # Any id: a browser session is refused before a visit or follow-up is looked up.
    "api-visit": everyone(401, kwargs=lambda world, role: {"visit_id": 1}),
    "api-follow-up-status": everyone(401, kwargs=lambda world, role: {"follow_up_id": 1}),
    **dict.fromkeys(
        ["api-case", "api-case-status", "api-case-diarium-number", "api-case-personnummer"],
        everyone(401, kwargs=case_a),
    ),
    "api-referral-answer": everyone(401, kwargs=referral_a_x),
    "api-not-found": everyone(404, kwargs=lambda world, role: {"rest": "nothing/here/"}),
    "forum:minutes-progress": liaison_only(occurrence),
    # Feedback: the survey's signed link for whoever holds it; the results for staff (officials
    # see their departments' comments); exports for liaison officers, each for its requester.
    "feedback:survey": everyone(200, kwargs=lambda world, role: {"token": world.survey_token(role)}),
    "feedback:opt-out": everyone(200, kwargs=lambda world, role: {"token": world.survey_token(role)}),
    "feedback:results": SIGNED_IN,
    "feedback:exports": LIAISON_ONLY,
    "feedback:export": liaison_only(lambda world, role: {"kind": "survey", "file_format": "csv"}),
    "feedback:export-download": Expect(
        LOGIN, LOGIN, LOGIN, 403, 403, 200, 403, lambda world, role: {"export_id": world.export.pk}
    ),
    # The public statistics and their numbers.
    "feedback:statistics": everyone(200),
    "feedback:statistics-csv": everyone(200),
    # The company register, visits and coverage: business developers (tests/companies/
    # test_access.py walks them) and liaison officers. Officials see only a visit they are
    # invited to (X is, Y is not); companies never see visits.
    **dict.fromkeys(
        [
            "companies:register",
            "companies:start",
            "companies:export",
            "companies:import",
            "companies:visits",
            "companies:coverage",
        ],
        LIAISON_ONLY,
    ),
    # Planning needs the company (?company=…); without it there is nothing to plan.
    "companies:visit-new": Expect(LOGIN, LOGIN, LOGIN, 403, 403, 404, 404),
    "companies:company": liaison_only(company_a),
    "companies:contact-edit": liaison_only(
        lambda world, role: {**company_a(world, role), "contact_id": world.visit_a.contact_id}
    ),
    "companies:import-detail": liaison_only(lambda world, role: {"pk": world.register_import.pk}),
    "companies:import-progress": liaison_only(lambda world, role: {"pk": world.register_import.pk}),
    "companies:visit": Expect(LOGIN, LOGIN, LOGIN, 200, 403, 200, 200, visit_a),
    "companies:visit-email": liaison_only(visit_a),
    **dict.fromkeys(["companies:notes", "companies:contact-add"], register_post_only(company_a)),
    # Moving and cancelling are for register users only: official X, invited to the visit, is refused.
    **dict.fromkeys(
        [
            "companies:visit-record",
            "companies:visit-move",
            "companies:visit-cancel",
            "companies:follow-up-add",
        ],
        register_post_only(visit_a),
    ),
    **dict.fromkeys(
        ["companies:follow-up-done", "companies:follow-up-case"],
        register_post_only(lambda world, role: {"pk": world.follow_up_a.pk}),
    ),
    # Medflyttarservice. The partner's and the employer's private links are their credentials;
    # the staff side is for relocation hosts and liaison officers (tests/relocation/test_access.py
    # walks it as a host), and officials see a partner only through a referral to their department.
    "relocation-form": everyone(200),
    "relocation-form-sent": everyone(200),
    "relocation-deleted": everyone(200),
    "relocation-partner": everyone(
        200, kwargs=lambda world, role: {"token": world.relocation.partner_token()}
    ),
    "relocation-partner-delete": everyone(
        200, kwargs=lambda world, role: {"token": world.relocation.partner_token()}
    ),
    "relocation-partner-consent": everyone(
        405, kwargs=lambda world, role: {"token": world.relocation.partner_token()}
    ),
    "relocation-partner-introduction": everyone(
        405, kwargs=lambda world, role: {"token": world.relocation.partner_token(), "introduction_id": 1}
    ),
    "relocation-employer": everyone(
        200, kwargs=lambda world, role: {"token": world.relocation.employer_token()}
    ),
    "relocation-queue": LIAISON_ONLY,
    "relocation-network": LIAISON_ONLY,
    "relocation-activities": LIAISON_ONLY,
    "relocation-figures": LIAISON_ONLY,
    "relocation-partner-detail": liaison_only(
        lambda world, role: {"reference": world.relocation.partner.reference}
    ),
    **dict.fromkeys(
        [
            "relocation-partner-host",
            "relocation-partner-status",
            "relocation-partner-contact",
            "relocation-partner-note",
            "relocation-partner-refer",
            "relocation-partner-introduce",
        ],
        signed_in_post_only(lambda world, role: {"reference": world.relocation.partner.reference}),
    ),
    "relocation-network-link": signed_in_post_only(
        lambda world, role: {"employer_id": world.relocation.employer.pk}
    ),
    "relocation-network-remove": signed_in_post_only(
        lambda world, role: {"employer_id": world.relocation.employer.pk}
    ),
    "relocation-activity-invite": signed_in_post_only(
        lambda world, role: {"activity_id": world.relocation.activity.pk}
    ),
    # Every official's list of their departments' referrals (empty for official Y); hosts and
    # liaison officers see all of them.
    "relocation-referrals": SIGNED_IN,
    "relocation-referral": Expect(
        LOGIN,
        LOGIN,
        LOGIN,
        200,
        403,
        200,
        200,
        lambda world, role: {"referral_id": world.relocation.referral_x.pk},
    ),
    "relocation-referral-answer": signed_in_post_only(
        lambda world, role: {"referral_id": world.relocation.referral_x.pk}
    ),
    "relocation-staff-link": Expect(
        LOGIN, LOGIN, LOGIN, 302, 302, 302, 302, lambda world, role: {"token": world.relocation.staff_token()}
    ),
    # The privacy page is public; access and erasure requests are entered by liaison officers,
    # and their ZIPs hold a person's data.
    "retention:privacy": everyone(200),
    "retention:requests": LIAISON_ONLY,
    "retention:request": liaison_only(personal_data_request),
    "retention:request-download": liaison_only(personal_data_request),
}

# The admin is for administrators only; everyone else is sent to its login page.
ADMIN_ONLY = Expect(*[ADMIN_LOGIN] * 6, frozenset({200, 302, 403, 404}))  # type: ignore[arg-type]
ADMIN_EXCEPTIONS: dict[str, Expect] = {
    "admin:login": Expect(200, 200, 200, 200, 200, 200, 302),
    # POST only; a GET from anyone but an administrator is turned back to the admin start page.
    "admin:logout": Expect(302, 302, 302, 302, 302, 302, 405),
}


def expectation(route: Route) -> Expect | None:
    if route.namespace == "admin":
        return ADMIN_EXCEPTIONS.get(route.name, ADMIN_ONLY)  # type: ignore[arg-type]
    return ACCESS.get(route.name or "")


def verdict(response: HttpResponse, expected: Answer) -> bool:
    location = response.headers.get("Location", "")
    if expected == LOGIN:
        return response.status_code == 302 and location.startswith(reverse("login"))
    if expected == ADMIN_LOGIN:
        return response.status_code == 302 and location.startswith(reverse("admin:login"))
    if isinstance(expected, frozenset):
        return response.status_code in expected
    return response.status_code == expected
