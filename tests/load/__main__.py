"""`make loadtest`: gunicorn (2 workers), a Celery worker and a local SMTP server on a database
of its own; virtual users submit requests, follow them, work the dashboard and read the forum for
60 seconds; then the outbox must drain. Prints requests per second, latency per page, errors and
a last JSON line. Exits non-zero unless there were no errors, every accepted submission is
stored and every e-mail was sent."""

import argparse
import json
import os
import random
import sys
import threading
import time

from tests.bench import database

LIAISON_PASSWORD = "lasttest-lösenord-1"


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))] if ordered else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.load", description=__doc__)
    parser.add_argument("--duration", type=float, default=60, help="seconds of load (default 60)")
    parser.add_argument("--users", type=int, default=8, help="concurrent virtual users (default 8)")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres") or not os.environ.get("REDIS_URL"):
        print("make loadtest needs PostgreSQL and Redis: set DATABASE_URL and REDIS_URL", file=sys.stderr)
        return 2

    label = database.prepare("load")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import PBKDF2PasswordHasher
    from django.core.management import call_command
    from django.db.models import Max

    from karlshamn_portal.outbox.models import OutboxMessage, OutboxStatus
    from liaison.models import Case
    from liaison.services.tracking import make_track_token
    from tests.bench import seed
    from tests.faults.smtp import SmtpServer
    from tests.faults.worker import Worker, database_url, wait_for
    from tests.load.server import Server
    from tests.load.traffic import Results, Site, VirtualUser

    print(f"Load test database: {label}", file=sys.stderr)
    call_command("migrate", verbosity=0)
    rng = random.Random(2026)  # noqa: S311 - reproducible demo data
    seeded = seed.seed_people(rng)
    seed.seed_companies(seeded, 200, rng)
    seed.seed_cases(seeded, 2_000, rng)
    seed.seed_forum(seeded, 50)
    # The server hashes with production's hasher and signs with the key given below.
    get_user_model().objects.filter(username="liaison0").update(
        password=PBKDF2PasswordHasher().encode(LIAISON_PASSWORD, PBKDF2PasswordHasher().salt())
    )
    track_paths = [f"/track/{make_track_token(case)}/" for case in Case.objects.order_by("-created_at")[:50]]
    cases_before = Case.objects.count()
    new_emails = OutboxMessage.objects.filter(
        pk__gt=OutboxMessage.objects.aggregate(last=Max("pk"))["last"] or 0
    )

    def queued() -> int:
        return new_emails.count()

    def sent() -> int:
        return new_emails.filter(status=OutboxStatus.SENT).count()

    with SmtpServer() as smtp:
        environment = {
            **smtp.environment(),
            "DATABASE_URL": database_url(),
            "SECRET_KEY": settings.SECRET_KEY,
            "SUBMISSIONS_PER_HOUR": "1000000",  # every virtual company comes from 127.0.0.1
        }
        worker = Worker(environment).start()
        server = Server(environment).start()
        try:
            site = Site(server.url, seeded.topics[0].pk, track_paths, ("liaison0", LIAISON_PASSWORD))
            results = Results()
            until = time.monotonic() + args.duration
            users = [VirtualUser(site, results, random.Random(n)) for n in range(args.users)]  # noqa: S311
            threads = [threading.Thread(target=user.run, args=(until,)) for user in users]
            started = time.monotonic()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.monotonic() - started
            try:
                wait_for(lambda: sent() >= queued(), 300, "the outbox to drain", interval=1)
            except AssertionError as error:
                print(error, file=sys.stderr)
        finally:
            server.stop()
            worker.stop()

    total = sum(len(times) for times in results.timings.values())
    errors = sum(len(found) for found in results.errors.values())
    print(
        f"\n{total:,} requests in {elapsed:.0f} s by {args.users} users: {total / elapsed:.1f} requests/s, {errors} errors\n"
    )
    header = f"{'page':<16}{'requests':>10}{'p50 ms':>10}{'p95 ms':>10}{'p99 ms':>10}{'errors':>8}"
    print(header)
    print("-" * len(header))
    for page, times in sorted(results.timings.items()):
        print(
            f"{page:<16}{len(times):>10,}{percentile(times, 0.5):>10.1f}{percentile(times, 0.95):>10.1f}"
            f"{percentile(times, 0.99):>10.1f}{len(results.errors[page]):>8}"
        )
    for page, found in results.errors.items():
        if found:
            print(f"{page}: {sorted(set(found))[:5]}")
    all_times = [t for times in results.timings.values() for t in times]
    summary = {
        "rps": round(total / elapsed, 1),
        "p50_ms": round(percentile(all_times, 0.5), 1),
        "p95_ms": round(percentile(all_times, 0.95), 1),
        "p99_ms": round(percentile(all_times, 0.99), 1),
        "errors": errors,
        "submitted": results.submitted,
        "cases_stored": Case.objects.count() - cases_before,
        "emails_queued": queued(),
        "emails_sent": sent(),
        "emails_received": len(smtp.sink.received),
    }
    print(json.dumps(summary))
    ok = (
        errors == 0
        and summary["submitted"] == summary["cases_stored"]
        and summary["emails_queued"] == summary["emails_sent"]
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
