"""Bookable resources of a place (seats of a distance-learning room, visio rooms, computer stations), their slots
and the learners' bookings.

Slots are materialised on demand: listing a resource's slots for a range of days (the place's booking page, the
API) creates the missing rows for the open spans of those days within the booking horizon, with
`bulk_create(ignore_conflicts=True)` against the unique (resource, starts_at), so that two listings never create a
slot twice and every slot shown has a stable id a booking can name. Nothing is generated ahead by a scheduled job.

A slot carries its own `capacity` (copied from the resource, updated when the resource's capacity changes) and
`taken`, the number of its bookings holding a seat; a database constraint keeps 0 ≤ taken ≤ capacity, and booking
increments it under a row lock on the slot (`deffinov.bookings.booking`).
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from deffinov import formatting
from deffinov.network import hours
from deffinov.reports.catalogue import PUBLICS


def validate_hours(value):
    message = hours.error_of(value) if value else ""
    if message:
        raise ValidationError(message, code="opening_hours")


def long_day(date):
    """« mardi 1er décembre 2026 »."""
    return f"{hours.DAY_NAMES[date.weekday()]} {formatting.day(date)}"


class ResourceKind(models.TextChoices):
    SEATS = "seats", "Places en salle de formation à distance"
    VISIO = "visio", "Salle de visioconférence"
    COMPUTER = "computer", "Poste informatique"


class Resource(models.Model):
    place = models.ForeignKey("network.Place", on_delete=models.CASCADE, related_name="resources", verbose_name="lieu")
    kind = models.CharField("type", max_length=20, choices=ResourceKind.choices, default=ResourceKind.SEATS)
    name = models.CharField("nom", max_length=120, help_text="Par exemple « Salle de formation à distance ».")
    capacity = models.PositiveSmallIntegerField(
        "places par créneau", validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    opening_hours = models.CharField(
        "horaires de réservation",
        max_length=500,
        blank=True,
        validators=[validate_hours],
        help_text="Au format OpenStreetMap, par exemple « Mo-Fr 09:00-12:00,14:00-17:00; PH off ». "
        "Laissez vide pour reprendre les horaires du lieu.",
    )
    slot_minutes = models.PositiveSmallIntegerField(
        "durée d'un créneau (minutes)", default=60, validators=[MinValueValidator(15), MaxValueValidator(480)]
    )
    horizon_days = models.PositiveSmallIntegerField(
        "réservable jusqu'à (jours à l'avance)", default=28, validators=[MinValueValidator(1), MaxValueValidator(180)]
    )
    cancellation_hours = models.PositiveSmallIntegerField(
        "annulation possible jusqu'à (heures avant le créneau)",
        default=2,
        validators=[MaxValueValidator(168)],
    )
    requires_validation = models.BooleanField(
        "le lieu valide chaque réservation", default=False, help_text="Sinon la réservation est confirmée aussitôt."
    )
    active = models.BooleanField("ouverte à la réservation", default=True)

    class Meta:
        verbose_name = "ressource réservable"
        verbose_name_plural = "ressources réservables"
        ordering = ["place", "name", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=1, capacity__lte=500), name="resource_capacity_bounded"),
            models.CheckConstraint(
                condition=Q(slot_minutes__gte=15, slot_minutes__lte=480), name="resource_slot_length_bounded"
            ),
        ]

    def __str__(self):
        return f"{self.name} – {self.place.name}"

    @property
    def schedule(self):
        """The resource's own hours, else the place's; None when neither can be read."""
        text = self.opening_hours or self.place.opening_hours
        if not text:
            return None
        try:
            return hours.parse(text)
        except hours.HoursError:
            return None


class Closure(models.Model):
    """Days a place is closed for booking (holidays of the team, works…), on top of the public holidays."""

    place = models.ForeignKey("network.Place", on_delete=models.CASCADE, related_name="closures", verbose_name="lieu")
    starts_on = models.DateField("du")
    ends_on = models.DateField("au")
    reason = models.CharField("motif", max_length=200, blank=True)

    class Meta:
        verbose_name = "fermeture"
        ordering = ["starts_on"]
        constraints = [models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="closure_ends_after")]

    def __str__(self):
        return f"{formatting.day(self.starts_on)} – {formatting.day(self.ends_on)}"


class Slot(models.Model):
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="slots", verbose_name="ressource")
    starts_at = models.DateTimeField("début")
    ends_at = models.DateTimeField("fin")
    capacity = models.PositiveSmallIntegerField("places")
    taken = models.PositiveSmallIntegerField("places prises", default=0)

    class Meta:
        verbose_name = "créneau"
        ordering = ["starts_at", "resource"]
        constraints = [
            models.UniqueConstraint(fields=["resource", "starts_at"], name="slot_once_per_start"),
            models.CheckConstraint(condition=Q(taken__gte=0, taken__lte=F("capacity")), name="slot_never_overbooked"),
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="slot_ends_after_start"),
        ]

    def __str__(self):
        return f"{self.resource.name}, {formatting.datetime(self.starts_at)}"

    @property
    def remaining(self):
        return max(self.capacity - self.taken, 0)

    @property
    def period_text(self):
        """« lundi 7 décembre 2026 de 9 h à 10 h »."""
        start, end = formatting.in_paris(self.starts_at), formatting.in_paris(self.ends_at)
        return f"{long_day(start.date())} de {hours.clock(start.hour * 60 + start.minute)} à " + hours.clock(
            end.hour * 60 + end.minute
        )


class BookingState(models.TextChoices):
    REQUESTED = "requested", "Demandée"
    CONFIRMED = "confirmed", "Confirmée"
    CANCELLED = "cancelled", "Annulée"
    ATTENDED = "attended", "Présent"
    NO_SHOW = "no_show", "Absent"


# States that hold a seat of the slot.
HOLDING = (BookingState.REQUESTED, BookingState.CONFIRMED, BookingState.ATTENDED, BookingState.NO_SHOW)


def new_nonce():
    return secrets.token_urlsafe(16)


class Booking(models.Model):
    slot = models.ForeignKey(Slot, on_delete=models.PROTECT, related_name="bookings", verbose_name="créneau")
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bookings",
        verbose_name="apprenant",
    )
    # Always set, lower-cased: the account's email or the one given without an account. One booking per slot each.
    email = models.EmailField("courriel")
    name = models.CharField("nom", max_length=150, blank=True)
    public = models.CharField("public", max_length=40, choices=PUBLICS, blank=True)
    state = models.CharField("état", max_length=20, choices=BookingState.choices, db_index=True)
    # A training organisation booking for a group of its learners.
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bookings",
        verbose_name="réservée par la structure",
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    email_confirmed_at = models.DateTimeField("courriel confirmé le", null=True, blank=True)
    # Changes each time a confirmation link is used, so that a link serves once.
    nonce = models.CharField(max_length=32, default=new_nonce, editable=False)
    reminder_sent_at = models.DateTimeField("rappel envoyé le", null=True, blank=True)
    created_at = models.DateTimeField("réservée le", default=timezone.now)

    class Meta:
        verbose_name = "réservation"
        ordering = ["slot__starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["slot", "email"], condition=~Q(state="cancelled"), name="booking_once_per_slot"
            ),
        ]

    def __str__(self):
        return f"{self.email} – {self.slot}"

    @property
    def holds_seat(self):
        return self.state in HOLDING

    @property
    def cancellation_deadline(self):
        return self.slot.starts_at - timedelta(hours=self.slot.resource.cancellation_hours)

    def can_be_cancelled(self, at=None):
        return (
            self.state in (BookingState.REQUESTED, BookingState.CONFIRMED)
            and (at or timezone.now()) < self.cancellation_deadline
        )


class BookingTransition(models.Model):
    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField(max_length=20, choices=BookingState.choices)
    to_state = models.CharField(max_length=20, choices=BookingState.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    motivation = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.booking_id} : {self.from_state or '–'} → {self.to_state}"
