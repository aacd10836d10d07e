"""What a query budget counts: the statements a request sends, not the transaction control
(BEGIN, COMMIT, savepoints) around them, which differs between a test's wrapping transaction and
a request's own in production."""

from django.test.utils import CaptureQueriesContext

TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE SAVEPOINT")


def statements_sent(captured: CaptureQueriesContext) -> list[str]:
    return [
        query["sql"]
        for query in captured.captured_queries
        if not query["sql"].startswith(TRANSACTION_CONTROL)
    ]
