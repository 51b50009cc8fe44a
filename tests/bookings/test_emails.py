import datetime as dt

from django.core import mail
from django.core.management import call_command

from deffinov.bookings import booking as service
from deffinov.bookings import ics, links
from deffinov.bookings.models import Booking
from deffinov.formatting import PARIS


def test_the_ics_is_an_rfc_5545_event_in_utc(slot, learner):
    booking = service.book(slot.pk, email=learner.email, learner=learner)
    text = ics.event(booking, now=dt.datetime(2026, 11, 30, 8, tzinfo=PARIS))
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")
    assert text.endswith("END:VEVENT\r\nEND:VCALENDAR\r\n")
    lines = text.split("\r\n")
    assert "DTSTART:20261201T080000Z" in lines and "DTEND:20261201T090000Z" in lines  # 9 h – 10 h in Paris
    assert "DTSTAMP:20261130T070000Z" in lines
    assert f"UID:booking-{booking.pk}@deffinov.normandie.fr" in lines
    unfolded = text.replace("\r\n ", "")
    place = slot.resource.place
    assert f"LOCATION:{place.name}\\, 12 rue du Calvados\\, 14500 Vire Normandie\r\n" in unfolded
    assert all(len(line.encode()) <= 75 for line in lines)


def test_the_confirmation_carries_the_ics_and_a_cancel_link(slot, learner, run_tasks):
    service.book(slot.pk, email=learner.email, learner=learner)
    run_tasks()
    (message,) = mail.outbox
    name, content, mimetype = message.attachments[0]
    assert name.endswith(".ics")
    assert mimetype.startswith("text/calendar") and "BEGIN:VEVENT" in content
    assert "mardi 1er décembre 2026 de 9 h à 10 h" in message.body.replace("\u00a0", " ")
    assert "https://deffinov.normandie.fr/reservations/annuler/" in message.body


def test_a_link_token_is_bound_to_its_booking_address_and_action(slot):
    booking = service.book(slot.pk, email="lea@exemple.fr")
    other = service.book(slot.pk, email="paul@exemple.fr")
    token = links.make(booking, "confirm")
    assert links.read(token, "confirm") == booking
    assert links.read(token, "cancel") is None
    assert links.read(links.make(other, "cancel")[:-2] + "xx", "cancel") is None
    Booking.objects.filter(pk=booking.pk).update(email="autre@exemple.fr")
    assert links.read(token, "confirm") is None


def test_reminders_the_day_before_dry_run_then_once(slot, learner, run_tasks, capsys):
    service.book(slot.pk, email=learner.email, learner=learner)
    service.book(slot.pk, email="sans-confirmation@exemple.fr")  # email never confirmed: no reminder
    run_tasks()
    mail.outbox.clear()
    call_command("send_booking_reminders")
    assert "1 rappel(s) à envoyer" in capsys.readouterr().out
    run_tasks()
    assert mail.outbox == []
    call_command("send_booking_reminders", "--wet-run")
    call_command("send_booking_reminders", "--wet-run")
    run_tasks()
    (message,) = mail.outbox
    assert message.to == [learner.email] and message.subject.startswith("Rappel : demain")
