"""A moment is written one way on every page and email: « 11 mars 2024 à 23 h 59 », Paris time.
Only the receipt keeps the seconds of the filing, as a proof."""

import datetime as dt
import re

from django.template import Context, Template
from django.urls import reverse

from tests.applications.factories import draft
from tests.calls.factories import normandy_wave
from tests.demo.fixtures import page_text
from tests.instruction.factories import make_application, make_wave

CLOSING = "11 mars 2024 à 23 h 59"
OTHER_WAYS = re.compile(r"\d h \d\d min|\d\d:\d\d")


def test_the_moment_filter_writes_paris_time_with_h():
    moment = dt.datetime(2024, 3, 11, 22, 59, 59, tzinfo=dt.UTC)

    text = Template("{% load site %}{{ value|moment }}").render(Context({"value": moment}))

    assert text == "11 mars 2024 à 23\xa0h\xa059"


def test_the_dossier_page_writes_the_closing_like_the_call_page(client, db):
    wave = normandy_wave(2)
    application, _lead, admin = draft(wave)
    client.force_login(admin)

    dossier = page_text(client.get(reverse("applications:detail", args=[application.number])))
    call_page = page_text(client.get(wave.call.get_absolute_url()))

    assert f"clôture le {CLOSING}" in dossier
    assert CLOSING in call_page
    assert not OTHER_WAYS.search(dossier)


def test_the_instruction_writes_the_filing_moment_the_same_way(client, instructor):
    application = make_application(make_wave())
    client.force_login(instructor)

    text = page_text(client.get(reverse("instruction:dossier", args=[application.number])))

    assert "Déposé le 1er mars 2024 à 10 h 00" in text
    assert not OTHER_WAYS.search(text)


def test_a_day_is_written_with_the_french_ordinal_everywhere(client, lead_admin, lead, time_machine):
    """« jusqu'au 1er mars 2024 », never « 1 mars »."""
    time_machine.move_to(dt.datetime(2024, 2, 20, 9, tzinfo=dt.UTC), tick=False)
    invitation, _created = lead.invite("camille@exemple.fr", "member", lead_admin)
    type(invitation).objects.filter(pk=invitation.pk).update(expires_at=dt.datetime(2024, 3, 1, 12, tzinfo=dt.UTC))
    client.force_login(lead_admin)

    text = page_text(client.get(lead.get_absolute_url()))

    assert "1er mars 2024" in text
    assert not re.search(r"\b1 mars 2024", text)
