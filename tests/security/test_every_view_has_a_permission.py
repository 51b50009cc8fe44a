"""Every route of the platform, walked from the URL configuration: an anonymous visitor reaches only
the public pages; everything else sends them to the login page or answers 404 / 405. A new view
without a permission makes this test fail."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

# Public on purpose: the programme's pages, the simulator, the commune finder, the probes.
PUBLIC = {
    "healthz",
    "ping",
    "territories:commune_lookup",
    "calls:list",
    "calls:detail",
    "eligibility:simulator",
    "www:home",
    "www:accessibility",
    "www:legal",
    "www:favicon",
    "opendata:index",
    # The network's public side: the laureates, the places where one can train, the equipment one can borrow.
    "dashboards:supported",
    "network:search",
    "loans:catalogue",
    # Invitation links explain what to do next (create an account, log in) to someone not logged in yet.
    "organisations:invitation_accept",
    "applications:partner_invitation",
    "reviews:take_up",
}
SKIPPED_PREFIXES = ("admin/", "comptes/", "api/", "^api/")  # Django admin, django-allauth, the API (own tests)
SAMPLE_VALUES = {"int": "1", "slug": "x", "str": "x", "path": "x"}


def routes(patterns=None, prefix="", namespace=""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}:{pattern.namespace}" if namespace and pattern.namespace else pattern.namespace
            yield from routes(pattern.url_patterns, prefix + str(pattern.pattern), inner or namespace)
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), f"{namespace}:{pattern.name}" if namespace else pattern.name


def sample_path(route):
    path = re.sub(r"<(?:(\w+):)?\w+>", lambda match: SAMPLE_VALUES[match.group(1) or "str"], route)
    return "/" + path


ROUTES = [(name, sample_path(route)) for route, name in routes() if not route.startswith(SKIPPED_PREFIXES)]


def test_the_walk_finds_the_platform_routes():
    names = {name for name, _ in ROUTES}
    assert {"applications:detail", "instruction:workspace", "committee:session", "reviews:opinion"} <= names
    assert len(ROUTES) > 60


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "path"), ROUTES, ids=[name for name, _ in ROUTES])
def test_anonymous_visitors_reach_only_public_pages(client, name, path):
    for method in (client.get, client.post):
        response = method(path)
        if name in PUBLIC:
            assert response.status_code in {200, 302, 404, 405}, (method.__name__, path, response.status_code)
            continue
        if response.status_code == 302:
            assert response.url.startswith("/comptes/login/"), (method.__name__, path, response.url)
        else:
            assert response.status_code in {403, 404, 405}, (method.__name__, path, response.status_code)
