"""The drill: Redis (broker and cache at once) is killed for 30 seconds under a running portal.

gunicorn with production settings, a real worker and a real beat, all on a redis-server of the
test's own. While it is down, companies submit requests and write on their track pages and
staff sign in and work; then it comes back empty, as after losing its machine.
"""

import json
import time
from collections import Counter
from collections.abc import Iterator

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher

from karlshamn_portal.outbox.models import OutboxMessage, OutboxStatus
from liaison.models import Case, CaseEvent, EventKind
from liaison.services.referrals import route_case
from liaison.services.tracking import make_track_token
from tests.conftest import need
from tests.factories import PASSWORD, make_department, make_liaison, make_official
from tests.faults.http import Answer, Visitor
from tests.faults.probe import store_undelivered
from tests.faults.redis_server import RedisServer, redis_server_binary
from tests.faults.submission import request_form
from tests.faults.worker import Beat, Worker, database_url, wait_for
from tests.liaison.factories import make_case
from tests.load.server import Server

pytestmark = [pytest.mark.postgresql, pytest.mark.redis]

OUTAGE_SECONDS = 30
# Any answer slower than this during the outage would look like a hang to a person.
SLOWEST_ANSWER_SECONDS = 10


@pytest.fixture
def own_redis() -> Iterator[RedisServer]:
    need(redis_server_binary() is not None, "needs redis-server (apt-get install redis-server)")
    with RedisServer() as server:
        yield server


def _production_password(*users) -> None:  # type: ignore[no-untyped-def]
    # The test settings hash with MD5 for speed; gunicorn checks with production's hashers.
    hasher = PBKDF2PasswordHasher()
    for user in users:
        user.password = hasher.encode(PASSWORD, hasher.salt())
        user.save(update_fields=["password"])


class Drill:
    """One person of each kind doing their work, every answer kept for the verdict."""

    def __init__(self, url: str, case: Case, track_path: str) -> None:
        self.url = url
        self.case = case
        self.track_path = track_path
        self.answers: list[tuple[str, int, Answer]] = []
        self.submitted: list[str] = []
        self.messages: list[str] = []

    def expect(self, what: str, status: int, answer: Answer) -> Answer:
        self.answers.append((what, status, answer))
        return answer

    def company_submits(self, serial: int) -> None:
        form = request_form(serial)
        sent = self.expect("submit", 302, Visitor(self.url).post("/cases/new/", form))
        if sent.status == 302:
            self.submitted.append(str(form["contact_email"]))

    def company_writes(self, number: int) -> None:
        text = f"Meddelande nummer {number} från företaget."
        written = self.expect("track message", 302, Visitor(self.url).post(self.track_path, {"text": text}))
        if written.status == 302:
            self.messages.append(text)

    def liaison_works(self) -> None:
        liaison = Visitor(self.url)
        self.expect("liaison sign-in", 302, liaison.sign_in("lina", PASSWORD))
        self.expect("dashboard", 200, liaison.get("/dashboard/"))
        self.expect("case page", 200, liaison.get(f"/cases/{self.case.reference}/"))
        # The register's coverage figures live in the cache: without it they are worked out.
        self.expect("coverage", 200, liaison.get("/coverage/"))
        self.expect("start page", 200, liaison.get("/companies/start/"))

    def official_works(self) -> None:
        official = Visitor(self.url)
        self.expect("official sign-in", 302, official.sign_in("bo", PASSWORD))
        self.expect("referrals", 200, official.get("/referrals/"))

    def round(self, number: int) -> None:
        self.company_submits(number)
        self.company_writes(number)
        self.liaison_works()
        self.official_works()

    def wrong_answers(self) -> list[str]:
        return [
            f"{what}: HTTP {answer.status} (expected {status}) after {answer.seconds:.1f}s"
            for what, status, answer in self.answers
            if answer.status != status or answer.seconds > SLOWEST_ANSWER_SECONDS
        ]


def test_redis_killed_for_30_seconds_loses_no_submission_message_or_email(
    transactional_db, smtp, own_redis, settings
):
    liaison = make_liaison("lina")
    building = make_department("bygglov", "Bygglov", "Building permits")
    official = make_official("bo", building)
    _production_password(liaison, official)
    case = make_case()
    route_case(case, [building], liaison)
    environment = {
        **smtp.environment(),
        "DATABASE_URL": database_url(),
        "REDIS_URL": own_redis.url,
        "SECRET_KEY": settings.SECRET_KEY,  # the private link below is signed with it
        # Every visitor comes from 127.0.0.1; the limits are not what this drill is about.
        "SUBMISSIONS_PER_HOUR": "10000",
        "COMPANY_MESSAGES_PER_HOUR": "10000",
    }
    server = Server(environment).start()
    worker = Worker(environment).start()
    beat = Beat(environment).start()
    try:
        drill = Drill(server.url, case, f"/track/{make_track_token(case)}/")
        drill.round(0)
        assert drill.wrong_answers() == [], "the portal must work before the drill starts"

        own_redis.kill()
        down = Visitor(server.url).get("/health/")
        rounds = 0
        outage_ends = time.monotonic() + OUTAGE_SECONDS
        while time.monotonic() < outage_ends:
            rounds += 1
            drill.round(rounds)
        own_redis.start()

        assert (down.status, json.loads(down.text)["status"], json.loads(down.text)["broker"]) == (
            200,
            "degraded",
            "unreachable",
        )
        assert drill.wrong_answers() == []
        assert rounds >= 3, f"only {rounds} rounds in {OUTAGE_SECONDS}s: pages were slow without Redis"

        stored = set(Case.objects.exclude(pk=case.pk).values_list("contact_email", flat=True))
        assert stored == set(drill.submitted) and len(drill.submitted) == rounds + 1
        written = CaseEvent.objects.filter(case=case, kind=EventKind.COMPANY_MESSAGE)
        assert sorted(written.values_list("text", flat=True)) == sorted(drill.messages)

        def all_delivered() -> bool:
            return not OutboxMessage.objects.exclude(status=OutboxStatus.SENT).exists()

        # The worker reconnects by itself (backing off to 30 s between tries) and beat's sweep
        # (every 60 s) hands over what the web could not while Redis was away.
        wait_for(
            lambda: all_delivered() or not (worker.is_alive() and beat.is_alive()),
            240,
            "every e-mail to be delivered after the outage",
            interval=1,
        )
        assert worker.is_alive(), f"the worker died:\n{worker.output()}"
        assert beat.is_alive(), f"beat died:\n{beat.output()}"
        assert all_delivered()
        time.sleep(2)  # room for a stray second delivery to show up
        outbox = Counter(OutboxMessage.objects.values_list("recipient", "subject"))
        received = Counter((message.recipients[0], message.subject) for message in smtp.sink.received)
        assert received == outbox, "every e-mail exactly once"
        assert OutboxMessage.objects.filter(template_name="case_received").count() == rounds + 2

        back = json.loads(Visitor(server.url).get("/health/").text)
        assert (back["status"], back["broker"]) == ("ok", "ok")
    finally:
        beat.stop()
        worker.stop()
        server.stop()


def test_a_worker_and_beat_started_while_redis_is_down_wait_for_it_and_then_deliver(
    transactional_db, smtp, probe_templates
):
    need(redis_server_binary() is not None, "needs redis-server (apt-get install redis-server)")
    redis_server = RedisServer()  # its port, but nothing listens there yet
    recipients = store_undelivered(3)  # as the web leaves them when it cannot reach the broker
    environment = {**smtp.environment(), "DATABASE_URL": database_url(), "REDIS_URL": redis_server.url}
    worker = Worker(environment).start(wait=False)
    beat = Beat(environment).start(wait=False)
    try:
        wait_for(lambda: worker.has_logged("Trying again in"), 30, "the worker to retry")
        time.sleep(4)  # more tries, backing off
        assert worker.is_alive(), f"the worker gave up:\n{worker.output()}"
        assert beat.is_alive(), f"beat gave up:\n{beat.output()}"

        redis_server.start()
        # Beat's first tick runs the sweep as soon as it reaches Redis, and the worker delivers.
        wait_for(
            lambda: OutboxMessage.objects.filter(status=OutboxStatus.SENT).count() == 3,
            90,
            "delivery once Redis is there",
            interval=1,
        )
        assert smtp.sink.count_by_recipient() == dict.fromkeys(recipients, 1)
        assert worker.is_alive() and beat.is_alive()
    finally:
        beat.stop()
        worker.stop()
        redis_server.kill()
