"""Test settings: production settings with only what a test run cannot have changed."""

import os
import tempfile
from ipaddress import ip_network
from urllib.parse import urlsplit, urlunsplit

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-not-for-production-use-0123456789")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")  # the test client and live server speak plain HTTP
# The suite's e-mail goes to Django's locmem backend (below); the fault and load tests' processes
# inherit this and get their SMTP server from EMAIL_HOST.
os.environ.setdefault("EMAIL_BACKEND", "console")
os.environ.setdefault("PORTAL_VAR_DIR", tempfile.mkdtemp(prefix="karlshamn-tests-"))
# Under pytest-xdist each worker gets a Redis database of its own (counting down from the one in
# REDIS_URL), as it gets a PostgreSQL database of its own: a cache cleared or a queue purged by one
# worker's test must not reach into another's.
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if _worker.startswith("gw") and os.environ.get("REDIS_URL"):
    _url = urlsplit(os.environ["REDIS_URL"])
    _db = int(_url.path.strip("/") or 0)
    os.environ["REDIS_URL"] = urlunsplit(_url._replace(path=f"/{(_db - int(_worker[2:])) % 16}"))

from karlshamn_portal.settings import *  # noqa: E402,F403
from karlshamn_portal.settings import REDIS_URL, STORAGES  # noqa: E402

ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # noqa: S303 - speed only
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run in-process on commit; the fault tests start real workers against Redis instead.
CELERY_TASK_ALWAYS_EAGER = True
OUTBOX_BROWSER = True
# The webhook tests' receivers listen on loopback over plain HTTP: allowed here as an
# installation allows its internal diarium, while every other private address stays refused.
WEBHOOK_ALLOW_HTTP = True
WEBHOOK_ALLOWED_PRIVATE_NETWORKS = [ip_network("127.0.0.1/32")]
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
if not REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

os.makedirs(STATIC_ROOT, exist_ok=True)  # noqa: F405 - whitenoise warns about a missing folder
