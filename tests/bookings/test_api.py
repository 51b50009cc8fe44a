import datetime as dt

from django.test import Client

from deffinov.bookings import booking as service
from deffinov.bookings.models import Booking, BookingState
from deffinov.formatting import PARIS
from tests.network.factories import PlaceFactory


def test_slots_of_a_place_with_what_remains(client, slot):
    service.book(slot.pk, email="lea@exemple.fr")
    response = client.get(f"/api/v1/places/{slot.resource.place_id}/slots", {"from": "2026-12-01", "to": "2026-12-01"})
    assert response.status_code == 200
    first = response.json()[0]
    assert first == {
        "id": slot.pk,
        "resource": "Salle de formation à distance",
        "resource_id": slot.resource_id,
        "starts_at": "2026-12-01T09:00:00+01:00",
        "ends_at": "2026-12-01T10:00:00+01:00",
        "capacity": 4,
        "remaining": 3,
    }
    assert len(response.json()) == 7


def test_a_range_too_wide_or_reversed_is_refused_in_french(client, resource):
    url = f"/api/v1/places/{resource.place_id}/slots"
    response = client.get(url, {"from": "2026-12-01", "to": "2027-03-01"})
    assert response.status_code == 422 and "au plus 62 jours" in response.json()["detail"][0]["msg"]
    response = client.get(url, {"from": "2026-12-05", "to": "2026-12-01"})
    assert response.status_code == 422 and "précède" in response.json()["detail"][0]["msg"]
    assert client.get("/api/v1/places/999999/slots", {"from": "2026-12-01", "to": "2026-12-02"}).status_code == 404


def test_booking_with_the_session_needs_the_csrf_header(slot, learner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    response = client.post("/api/v1/bookings", {"slot": slot.pk}, content_type="application/json")
    assert response.status_code == 403 and "X-CSRFToken" in response.json()["detail"]
    assert not Booking.objects.exists()
    client.get(f"/reservations/lieux/{slot.resource.place_id}/")
    token = client.cookies["csrftoken"].value
    response = client.post(
        "/api/v1/bookings", {"slot": slot.pk}, content_type="application/json", headers={"X-CSRFToken": token}
    )
    assert response.status_code == 201
    body = response.json()
    assert body["state"] == "confirmed" and body["slot"]["remaining"] == 3
    response = client.post(
        "/api/v1/bookings", {"slot": slot.pk}, content_type="application/json", headers={"X-CSRFToken": token}
    )
    assert response.status_code == 409 and response.json() == {"detail": "Vous avez déjà réservé ce créneau."}
    response = client.delete(f"/api/v1/bookings/{body['id']}", headers={"X-CSRFToken": token})
    assert response.status_code == 200 and response.json()["state"] == "cancelled"


def test_a_full_slot_answers_409_and_anonymous_401(client, slot, learner):
    for number in range(4):
        service.book(slot.pk, email=f"p{number}@exemple.fr")
    assert client.post("/api/v1/bookings", {"slot": slot.pk}, content_type="application/json").status_code == 401
    client.force_login(learner)
    response = client.post("/api/v1/bookings", {"slot": slot.pk}, content_type="application/json")
    assert (
        response.status_code == 409 and response.json()["detail"] == "Ce créneau est complet : choisissez-en un autre."
    )
    response = client.post("/api/v1/bookings", {"slot": 2_000_000}, content_type="application/json")
    assert response.status_code == 404


def test_cancelling_after_the_deadline_answers_409_and_others_bookings_404(client, slot, learner, outsider, now):
    booking = service.book(slot.pk, email=learner.email, learner=learner)
    client.force_login(outsider)
    assert client.delete(f"/api/v1/bookings/{booking.pk}").status_code == 404
    client.force_login(learner)
    now.move_to(dt.datetime(2026, 12, 1, 8, 0, tzinfo=PARIS))
    response = client.delete(f"/api/v1/bookings/{booking.pk}")
    assert response.status_code == 409 and "trop tard" in response.json()["detail"]
    booking.refresh_from_db()
    assert booking.state == BookingState.CONFIRMED


def test_places_bookable_lists_only_those_with_resources(client, resource):
    PlaceFactory(name="Sans réservation")
    names = [place["name"] for place in client.get("/api/v1/places", {"bookable": "true"}).json()["results"]]
    assert names == [resource.place.name]
    assert len(client.get("/api/v1/places").json()["results"]) == 2


def test_a_personal_access_token_books_for_its_holder(client, slot, instructor):
    from deffinov.api import tokens

    _token, secret = tokens.create_token(instructor, "Essai", ["read"], dt.datetime(2027, 1, 1, tzinfo=PARIS))
    response = client.post(
        "/api/v1/bookings",
        {"slot": slot.pk},
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert response.status_code == 201
    assert Booking.objects.get().learner == instructor
    response = client.post(
        "/api/v1/bookings",
        {"slot": slot.pk},
        content_type="application/json",
        headers={"Authorization": "Bearer dfv_faux"},
    )
    assert response.status_code == 401
