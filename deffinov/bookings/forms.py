"""Forms of the booking pages: a seat with or without an account, a group, a resource, a closure."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from deffinov import formatting
from deffinov.applications.forms.fields import BoundedDateField
from deffinov.bookings.models import Booking, BookingState, Closure, Resource
from deffinov.reports.catalogue import PUBLICS

GROUP_MAX = 50
PUBLIC_CHOICES = [("", "Je préfère ne pas le dire"), *PUBLICS]


class BookForm(forms.Form):
    """Without an account: an email (confirmed through a link) and a name; with one, only the public."""

    email = forms.EmailField(
        label="Votre adresse électronique",
        max_length=254,
        help_text="Vous recevrez un lien pour confirmer la réservation. Format attendu : nom@exemple.fr",
    )
    name = forms.CharField(label="Votre nom", max_length=150, required=False)
    public = forms.ChoiceField(
        label="Vous êtes",
        choices=PUBLIC_CHOICES,
        required=False,
        help_text="Facultatif : aide le lieu à rendre compte de son activité à la Région.",
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None and user.is_authenticated:
            del self.fields["email"]
            del self.fields["name"]


LINE = re.compile(r"^\s*(?P<name>[^<>]*?)\s*<(?P<email>[^<>]+)>\s*$")


class GroupForm(forms.Form):
    organisation = forms.ModelChoiceField(label="Pour la structure", queryset=None, empty_label=None)
    learners = forms.CharField(
        label="Les apprenants",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=f"Un apprenant par ligne : son adresse électronique, ou « Prénom Nom <adresse> » ; "
        f"au plus {GROUP_MAX}.",
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations

    def clean_learners(self):
        found, errors, seen = [], [], set()
        for number, line in enumerate(self.cleaned_data["learners"].splitlines(), start=1):
            if not line.strip():
                continue
            match = LINE.match(line)
            name, email = (match["name"], match["email"].strip()) if match else ("", line.strip())
            try:
                validate_email(email)
            except ValidationError:
                errors.append(f"Ligne {number} : « {line.strip()} » n'est pas une adresse électronique.")
                continue
            if email.lower() in seen:
                errors.append(f"Ligne {number} : {email} figure déjà plus haut.")
                continue
            seen.add(email.lower())
            found.append((name[:150], email.lower()))
        if errors:
            raise ValidationError(errors)
        if not found:
            raise ValidationError("Indiquez au moins un apprenant.")
        if len(found) > GROUP_MAX:
            raise ValidationError(f"Au plus {GROUP_MAX} apprenants à la fois ({len(found)} indiqués).")
        return found


class ResourceForm(forms.ModelForm):
    class Meta:
        model = Resource
        fields = [
            "kind",
            "name",
            "capacity",
            "opening_hours",
            "slot_minutes",
            "horizon_days",
            "cancellation_hours",
            "requires_validation",
            "active",
        ]

    def clean_capacity(self):
        capacity = self.cleaned_data["capacity"]
        if self.instance.pk and capacity < self.instance.capacity:
            over = (
                Booking.objects.filter(
                    slot__resource=self.instance,
                    slot__taken__gt=capacity,
                    state__in=(BookingState.REQUESTED, BookingState.CONFIRMED),
                )
                .select_related("slot")
                .order_by("slot__starts_at", "pk")
            )
            if over:
                listed = "; ".join(f"{booking.slot.period_text} : {booking.email}" for booking in over[:30])
                raise ValidationError(
                    f"Impossible de passer à {capacity} places : des créneaux à venir ont déjà plus de réservations. "
                    f"Annulez-en d'abord ou gardez la capacité. Réservations concernées : {listed}."
                )
        return capacity


class ClosureForm(forms.ModelForm):
    class Meta:
        model = Closure
        fields = ["starts_on", "ends_on", "reason"]
        field_classes = {"starts_on": BoundedDateField, "ends_on": BoundedDateField}

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            raise ValidationError(
                f"La fermeture finit le {formatting.day(data['ends_on'])}, avant de commencer : vérifiez les dates."
            )
        return data
