"""A learner books a seat from a place's page and cancels it from « Mes réservations », in Chromium; axe on each
page, nothing sideways at 390 px."""

from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from deffinov.bookings import booking as service
from deffinov.bookings import slots
from deffinov.bookings.models import Booking, BookingState, Slot
from deffinov.formatting import PARIS
from tests.accounts.factories import UserFactory
from tests.bookings.factories import ResourceFactory

TILE = (Path(__file__).resolve().parents[2] / "static" / "vendor" / "leaflet" / "images" / "layers.png").read_bytes()


@pytest.fixture
def resource(transactional_db):
    return ResourceFactory(
        place__name="Espace numérique de Vire", opening_hours="Mo-Su 08:00-20:00; PH 08:00-20:00", capacity=3
    )


def test_a_learner_books_a_seat_then_cancels_it(page, resource, check_accessibility, log_in_through_the_form):
    page.route("https://*.tile.openstreetmap.fr/**", lambda route: route.fulfill(body=TILE, content_type="image/png"))
    learner = UserFactory(email="lea@exemple.fr", first_name="Léa", last_name="Martin")
    log_in_through_the_form(page, learner)
    page.goto(resource.place.get_absolute_url())
    page.get_by_role("link", name="Réserver une place à Espace numérique de Vire").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Réserver une place à Espace numérique de Vire")
    check_accessibility(page, "booking-place")

    # Tomorrow's first slot: well before its cancellation deadline.
    tomorrow = page.locator("fieldset.booking-day").nth(1)
    day = tomorrow.locator("legend").inner_text()
    tomorrow.locator("input[name=slot]").first.check()
    page.get_by_label("Vous êtes").select_option("salaries")
    page.get_by_role("button", name="Réserver ce créneau").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Mes réservations")
    expect(page.get_by_text("Place réservée")).to_be_visible()
    table = page.get_by_role("table", name="Réservations à venir")
    expect(table).to_contain_text("Espace numérique de Vire")
    expect(table).to_contain_text(f"{day} de 8\u00a0h à 9\u00a0h")
    check_accessibility(page, "booking-mine")
    booking = Booking.objects.get()
    assert booking.state == BookingState.CONFIRMED and booking.public == "salaries"

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    check_accessibility(page, "booking-mine-phone")

    page.get_by_role("button", name="Annuler la réservation").click()
    expect(page.get_by_text("Réservation annulée")).to_be_visible()
    expect(page.get_by_text("Aucune réservation à venir.")).to_be_visible()
    booking.refresh_from_db()
    assert booking.state == BookingState.CANCELLED


def test_the_host_marks_attendance_on_the_days_list(page, resource, check_accessibility, log_in_through_the_form):
    host = UserFactory(email="accueil@exemple.fr", first_name="Hugo", last_name="Hôte")
    resource.place.organisation.memberships.create(user=host, role="admin")
    today = timezone.now().astimezone(PARIS).date()
    slot = slots.open_slots(resource.place, today + timezone.timedelta(days=1), today + timezone.timedelta(days=1))[0]
    learner = UserFactory(email="lea@exemple.fr", first_name="Léa", last_name="Martin")
    service.book(slot.pk, email=learner.email, learner=learner, name="Léa Martin", public="apprentis")
    # The session began an hour ago.
    began = timezone.now() - timezone.timedelta(hours=1)
    Slot.objects.filter(pk=slot.pk).update(starts_at=began, ends_at=began + timezone.timedelta(hours=1))

    log_in_through_the_form(page, host)
    page.goto(f"/reservations/accueil/{resource.place_id}/")
    table = page.get_by_role("table", name="1 réservation")
    expect(table).to_contain_text("Léa Martin")
    check_accessibility(page, "booking-host")
    page.get_by_role("button", name="Présent : lea@exemple.fr").click()
    expect(page.get_by_role("table", name="1 réservation")).to_contain_text("Présent")
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    check_accessibility(page, "booking-host-phone")
