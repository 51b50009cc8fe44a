"""The demonstration's partner ads: the demo applicant (La Fabrique du Bocage, Vire) sees suggestions."""

import io
from html import unescape

from django.contrib.auth import get_user_model
from django.urls import reverse

from deffinov.matchmaking.demo import load_demo_ads
from deffinov.matchmaking.models import Ad
from tests.demo.fixtures import demo, normandy  # noqa: F401


def test_the_demo_applicant_sees_complementary_suggestions(demo, client):  # noqa: F811
    out = io.StringIO()
    load_demo_ads(out)
    load_demo_ads(out)
    assert "0 créée(s), 10 mise(s) à jour" in out.getvalue()
    for ad in Ad.objects.all():
        ad.full_clean()
    client.force_login(get_user_model().objects.get(email="candidat@demo.deffinov.fr"))
    page = unescape(client.get(reverse("matchmaking:index")).content.decode())
    assert "Bocage Formation (démo)" in page
    assert "Organisme de formation à moins de 1\u00a0km" in page
    assert "Rouen Seine Formation" not in page  # beyond both radii
