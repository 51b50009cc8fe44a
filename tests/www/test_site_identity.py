"""The site's icon in the browser tab and the Region's logo in the header."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

pytestmark = pytest.mark.django_db

STATIC_URL = "/static/"


def icons(page):
    return re.findall(r'<link rel="(?:icon|apple-touch-icon)" href="([^"]+)"', page.text)


def test_every_page_names_its_icons_and_each_file_is_vendored(client):
    found = icons(client.get(reverse("www:legal")))

    assert {url.rsplit(".", 1)[1] for url in found} == {"ico", "svg", "png"}
    for url in found:
        assert finders.find(url.removeprefix(STATIC_URL)), url


def test_the_favicon_browsers_ask_for_at_the_root_is_served(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 302
    assert finders.find(response["Location"].removeprefix(STATIC_URL))


def test_without_a_logo_the_header_shows_the_wordmark(client):
    page = client.get(reverse("www:legal"))

    assert '<span class="brand__name">Deffinov</span>' in page.text
    assert "brand__logo" not in page.text


def test_the_regions_logo_is_a_setting(client, settings):
    settings.SITE_LOGO = "img/logo-region.svg"

    page = client.get(reverse("www:legal"))

    assert '<img class="brand__logo" src="/static/img/logo-region.svg" alt="Région Normandie"' in page.text
