import math
import uuid

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator, RegexValidator
from django.db import connection, models
from django.db.models import F, FloatField, Q, Value
from django.db.models.functions import ASin, Cos, Least, Power, Radians, Sin, Sqrt
from django.urls import reverse
from django.utils import timezone

from deffinov.applications.models import Participation
from deffinov.network import geo, hours
from deffinov.network.vocabulary import EQUIPMENT_FIELDS, PlaceKind, Service

PHONE = RegexValidator(
    r"^(\+33|\+590|\+594|\+262|\+596|\+269|\+687|\+689|\+508|\+681)\d{6,9}$",
    "Écrivez le numéro au format international, sans espace : +33231000000.",
)
POSTCODE = RegexValidator(r"^\d{5}$", "Le code postal compte cinq chiffres.")


def contains(field, value):
    """Places whose JSON list `field` holds `value` (PostgreSQL's containment; SQLite stores the list as text)."""
    if connection.vendor == "postgresql":
        return Q(**{f"{field}__contains": [value]})
    return Q(**{f"{field}__icontains": f'"{value}"'})


class PlaceQuerySet(models.QuerySet):
    def visible(self):
        """What the public sees: the places their structure chose to publish, and those of funded projects."""
        funded = Participation.objects.filter(
            status=Participation.Status.ACCEPTED, application__funded_project__isnull=False
        ).values("organisation_id")
        return self.filter(Q(published=True) | Q(organisation_id__in=funded))

    def of_kinds(self, kinds):
        """Places of any of these kinds."""
        if not kinds:
            return self
        condition = Q()
        for kind in kinds:
            condition |= contains("kinds", kind)
        return self.filter(condition)

    def offering(self, services):
        """Places offering every one of these services."""
        for service in services:
            self = self.filter(contains("services", service))
        return self

    def equipped_with(self, equipment):
        """Places having every one of these pieces of equipment."""
        for item in equipment:
            field = EQUIPMENT_FIELDS[item]
            self = self.filter(**({f"{field}__gt": 0} if field == "computers" else {field: True}))
        return self

    def within(self, latitude, longitude, radius_km):
        """Places within `radius_km` of the point, annotated with `distance_km` and nearest first: the bounding box
        uses the index on the coordinates, the great-circle distance is exact."""
        box = geo.bounding_box(latitude, longitude, radius_km)
        latitude_r, longitude_r = Radians(F("latitude")), Radians(F("longitude"))
        centre_latitude = math.radians(latitude)
        half_d_latitude = (latitude_r - Value(centre_latitude)) / Value(2.0)
        half_d_longitude = (longitude_r - Value(math.radians(longitude))) / Value(2.0)
        a = Power(Sin(half_d_latitude), 2) + Value(math.cos(centre_latitude)) * Cos(latitude_r) * Power(
            Sin(half_d_longitude), 2
        )
        distance = Value(2 * geo.EARTH_RADIUS_KM) * ASin(Least(Sqrt(a), Value(1.0)))
        return (
            self.filter(
                latitude__gte=box.south, latitude__lte=box.north, longitude__gte=box.west, longitude__lte=box.east
            )
            .annotate(distance_km=models.ExpressionWrapper(distance, output_field=FloatField()))
            .filter(distance_km__lte=radius_km)
            .order_by("distance_km", "pk")
        )


def new_identifier():
    return f"deffinov-{uuid.uuid4().hex[:12]}"


def validate_hours(value):
    message = hours.error_of(value) if value else ""
    if message:
        raise ValidationError(message, code="opening_hours")


class Place(models.Model):
    """A place where one can come to train or be helped with digital tools; a structure may have several."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="places", verbose_name="structure"
    )
    # The standard's `id`: ours, or the one of the file it was imported from.
    identifier = models.CharField("identifiant", max_length=100, unique=True, default=new_identifier)
    name = models.CharField("nom", max_length=200)
    address = models.CharField("adresse", max_length=255)
    address_complement = models.CharField("complément d'adresse", max_length=255, blank=True)
    postcode = models.CharField("code postal", max_length=5, validators=[POSTCODE])
    commune = models.ForeignKey(
        "territories.Commune", on_delete=models.PROTECT, related_name="places", verbose_name="commune"
    )
    latitude = models.FloatField(
        "latitude", validators=[MinValueValidator(-90), MaxValueValidator(90)], help_text="Par exemple 48,8383."
    )
    longitude = models.FloatField(
        "longitude", validators=[MinValueValidator(-180), MaxValueValidator(180)], help_text="Par exemple -0,8893."
    )
    kinds = models.JSONField("types de lieu", default=list)
    services = models.JSONField("services", default=list, blank=True)
    opening_hours = models.CharField(
        "horaires",
        max_length=500,
        blank=True,
        validators=[validate_hours],
        help_text="Au format OpenStreetMap, par exemple « Mo-Fr 09:00-12:00,14:00-18:30; Sa 09:00-12:00; PH off ».",
    )
    access = models.JSONField("modalités d'accès", default=list, blank=True)
    fees = models.JSONField("frais à charge", default=list, blank=True)
    publics = models.JSONField("publics spécifiquement accueillis", default=list, blank=True)
    specific_support = models.JSONField("prise en charge spécifique", default=list, blank=True)
    support_modes = models.JSONField("modalités d'accompagnement", default=list, blank=True)
    summary = models.CharField("présentation en une phrase", max_length=280, blank=True)
    description = models.TextField("présentation détaillée", blank=True, validators=[MaxLengthValidator(5000)])
    phone = models.CharField("téléphone", max_length=16, blank=True, validators=[PHONE])
    emails = models.CharField(
        "courriels", max_length=500, blank=True, help_text="Séparés par « | » s'il y en a plusieurs."
    )
    website = models.URLField("site web", blank=True, max_length=500)
    acceslibre_url = models.URLField("fiche Acceslibre", blank=True, max_length=500)
    booking_url = models.URLField("prise de rendez-vous en ligne", blank=True, max_length=500)
    # What distance learning needs.
    seats = models.PositiveSmallIntegerField(
        "places assises pour suivre une formation", null=True, blank=True, validators=[MaxValueValidator(1000)]
    )
    visio_room = models.BooleanField("salle de visioconférence", default=False)
    computers = models.PositiveSmallIntegerField(
        "ordinateurs en accès", default=0, validators=[MaxValueValidator(1000)]
    )
    internet = models.BooleanField("connexion internet", default=False)
    on_site_support = models.BooleanField("accompagnement sur place", default=False)
    pmr_access = models.BooleanField("accessible aux personnes à mobilité réduite", default=False)
    published = models.BooleanField(
        "publié dans l'annuaire",
        default=False,
        help_text="Le lieu paraît sur la carte et dans l'annuaire publics, et dans les données ouvertes.",
    )
    # Columns of the standard the platform does not use, kept as read so that an export gives them back.
    extra = models.JSONField(default=dict, blank=True, editable=False)
    source = models.CharField("source de la donnée", max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField("dernière mise à jour", auto_now=True)

    objects = PlaceQuerySet.as_manager()

    class Meta:
        verbose_name = "lieu"
        ordering = ["name", "pk"]
        indexes = [
            # The bounding box and what the public may see, read from the index alone (docs/adr/005-geo-search.md).
            models.Index(fields=["latitude", "longitude", "published", "organisation", "id"], name="place_geo_search"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__gte=-90, latitude__lte=90, longitude__gte=-180, longitude__lte=180),
                name="place_coordinates_on_earth",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("network:place", args=[self.pk])

    def get_kinds_display(self):
        return [PlaceKind(kind).label for kind in self.kinds if kind in PlaceKind.values]

    def get_services_display(self):
        return [Service(service).label for service in self.services if service in Service.values]

    @property
    def schedule(self):
        """The parsed opening hours, or None when there are none or they cannot be read."""
        if not self.opening_hours:
            return None
        try:
            return hours.parse(self.opening_hours)
        except hours.HoursError:
            return None

    @property
    def hours_text(self):
        schedule = self.schedule
        return hours.describe(schedule).capitalize() if schedule else ""

    def status(self, moment=None):
        schedule = self.schedule
        return hours.status(schedule, moment or timezone.now()) if schedule else None

    def is_open_at(self, moment):
        schedule = self.schedule
        return bool(schedule and schedule.is_open_at(moment))

    @property
    def email_list(self):
        return [email.strip() for email in self.emails.split("|") if email.strip()]

    @property
    def equipment_display(self):
        items = []
        if self.seats:
            items.append(f"{self.seats} place{'s' if self.seats > 1 else ''} pour suivre une formation")
        if self.visio_room:
            items.append("Salle de visioconférence")
        if self.computers:
            items.append(f"{self.computers} ordinateur{'s' if self.computers > 1 else ''} en accès")
        if self.internet:
            items.append("Connexion internet")
        if self.on_site_support:
            items.append("Accompagnement sur place")
        if self.pmr_access:
            items.append("Accessible aux personnes à mobilité réduite")
        return items
