import datetime as dt

from django import forms
from django.conf import settings
from django.utils import timezone

from deffinov.api.models import Scope
from deffinov.applications.forms.fields import BoundedDateField

DEFAULT_DAYS = 90


class TokenForm(forms.Form):
    name = forms.CharField(
        label="Nom du jeton",
        max_length=100,
        help_text="Pour le reconnaître : le système qui s'en servira, par exemple « Progiciel financier ».",
    )
    scopes = forms.MultipleChoiceField(
        label="Portées",
        choices=Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choisissez au moins une portée."},
    )
    expires_on = BoundedDateField(label="Expire le", help_text="Le jeton cesse de fonctionner ce jour-là, à minuit.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["expires_on"].set_window(today + dt.timedelta(days=1), today + dt.timedelta(days=self.max_days))
        self.fields["expires_on"].initial = today + dt.timedelta(days=DEFAULT_DAYS)
        self.fields["scopes"].initial = [Scope.READ]

    @property
    def max_days(self):
        return settings.API_TOKEN_MAX_DAYS

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError("Donnez un nom à ce jeton.")
        return name

    def expires_at(self):
        """The start of the day after `expires_on`, in Paris: the token works the whole of its last day."""
        day = self.cleaned_data["expires_on"] + dt.timedelta(days=1)
        return dt.datetime.combine(day, dt.time(), tzinfo=timezone.get_current_timezone())
