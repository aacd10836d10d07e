"""Every URL of the project × every role, against one table of expected answers
(tests/security/access_table.py, where a new view gets its rule)."""

import pytest

from tests.security.access_table import ACCESS, expectation, verdict
from tests.security.urls import Route, admin_kwargs, all_routes, build
from tests.security.world import ROLES, client_for, make_world


def routes_to_check() -> list[Route]:
    # The admin's unnamed patterns are its redirects and catch-all, wrapped like the rest.
    return [r for r in all_routes() if r.name or r.namespace == "admin" or not r.pattern.startswith("admin/")]


@pytest.mark.django_db
def test_every_url_answers_every_role_as_the_access_table_says():
    world = make_world()
    routes = routes_to_check()
    unnamed = [r.pattern for r in routes if not r.name and not r.pattern.startswith("admin/")]
    assert not unnamed, f"URL patterns without a name cannot be given an access rule: {unnamed}"
    routes = [r for r in routes if r.name]
    missing = sorted(r.name for r in routes if expectation(r) is None)  # type: ignore[misc]
    assert not missing, f"new view without an access rule (add it to ACCESS): {missing}"
    stale = sorted(set(ACCESS) - {r.name for r in routes})
    assert not stale, f"access rules for URL names that no longer exist: {stale}"

    wrong = []
    for role in ROLES:
        client = client_for(role, world)
        for route in routes:
            expect = expectation(route)
            assert expect is not None
            kwargs = admin_kwargs(route) if route.namespace == "admin" else expect.kwargs(world, role)
            url = build(route, kwargs)
            response = client.get(url)
            expected = getattr(expect, role)
            if not verdict(response, expected):
                got = f"{response.status_code} {response.headers.get('Location', '')}".strip()
                wrong.append(f"{role:>13} GET {url} ({route.name}): expected {expected}, got {got}")
    assert not wrong, "\n" + "\n".join(wrong)
    # The walk really covered the project, the admin included.
    assert len(routes) > 20
