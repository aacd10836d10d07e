"""The relocation host's walk of the access matrix: every relocation URL answers a host as it
answers a liaison officer; the liaison officers' own pages stay closed to hosts, and a signed-in
person in no group gets nothing."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.relocation.factories import make_host
from tests.security.access_table import ACCESS, LOGIN, verdict
from tests.security.urls import all_routes, build
from tests.security.world import make_world

pytestmark = pytest.mark.django_db


def test_a_host_gets_every_relocation_url_as_a_liaison_officer_does(outsider):
    world = make_world()
    host, nobody = Client(), Client()
    host.force_login(make_host("hilda"))
    nobody.force_login(outsider)
    routes = [route for route in all_routes() if (route.name or "").startswith("relocation-")]
    assert len(routes) >= 25
    wrong = []
    for route in routes:
        expect = ACCESS[route.name or ""]
        url = build(route, expect.kwargs(world, "liaison"))
        response = host.get(url)
        if not verdict(response, expect.liaison):
            wrong.append(f"host GET {url}: expected {expect.liaison}, got {response.status_code}")
        # Signed in without a group: refused wherever an official without a referral is refused.
        if expect.official_y in (403, LOGIN):
            answer = nobody.get(url).status_code
            if answer != 403:
                wrong.append(f"no group GET {url}: expected 403, got {answer}")
    assert not wrong, "\n".join(wrong)


def test_hosts_do_not_get_the_liaison_officers_pages():
    host = Client()
    host.force_login(make_host())
    assert host.get(reverse("dashboard")).status_code == 403
    assert host.get(reverse("signed-in"))["Location"] == reverse("relocation-queue")
