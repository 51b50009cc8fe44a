import re

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from deffinov.territories.models import Commune, Department
from deffinov.utils.text import normalize_search

# "Saint-Lô (50000) – 50502", "Saint-Lô (50000)", "Saint-Lô 50000", "Saint-Lô – 50502", "Saint-Lô".
LABEL = re.compile(
    r"^(?P<name>.*?)\s*(?:\(\s*(?P<postcode>\d{5})\s*\)|\s(?P<bare_postcode>\d{5}))?"
    r"\s*(?:[–—-]\s*(?P<code>\d[\dAB]\d{3}))?$",
    re.IGNORECASE,
)
CODE = re.compile(r"^\d[\dAB]\d{3}$", re.IGNORECASE)


class Typed(str):
    """What was typed in a commune input, with the postcode typed in the form's postcode field, if any."""

    postcode = ""


def preferred_departments():
    """The départements of the calls, whose communes come first when a name is shared."""
    return set(Department.objects.filter(calls__isnull=False).values_list("pk", flat=True))


class CommuneInput(forms.TextInput):
    """A text input that static/js/commune-autocomplete.js turns into a combobox; its template loads the script."""

    template_name = "territories/widgets/commune_input.html"

    def __init__(self, attrs=None, postcode_field="postcode"):
        defaults = {
            "autocomplete": "off",
            "spellcheck": "false",
            "data-commune-autocomplete": reverse_lazy("api:communes"),
        }
        self.postcode_field = postcode_field
        super().__init__({**defaults, **(attrs or {})})

    def postcode_name(self, name):
        """The postcode field beside this one, under the same prefix: « org-commune » → « org-postcode »."""
        prefix = name.rpartition("-")[0]
        return f"{prefix}-{self.postcode_field}" if prefix else self.postcode_field

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if self.postcode_field:
            # The combobox reads the postcode typed beside it and proposes only its communes.
            context["widget"]["attrs"]["data-postcode-field"] = self.postcode_name(name)
        return context

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        if value is None or not self.postcode_field:
            return value
        typed = Typed(value)
        typed.postcode = "".join(str(data.get(self.postcode_name(name)) or "").split())
        return typed

    def format_value(self, value):
        if isinstance(value, Commune):
            return self.label(value)
        if value and CODE.match(str(value)):
            commune = Commune.objects.filter(pk=str(value).upper()).first()
            if commune:
                return self.label(commune)
        return super().format_value(value)

    @staticmethod
    def label(commune):
        postcode = commune.postcode_list[0] if commune.postcodes else ""
        return f"{commune.name} ({postcode}) – {commune.code}" if postcode else f"{commune.name} – {commune.code}"


class CommuneListInput(forms.Textarea):
    """Communes one a line, as typed without JavaScript; static/js/commune-autocomplete.js adds beside it a
    combobox that appends the chosen commune to the list."""

    template_name = "territories/widgets/commune_list_input.html"

    def __init__(self, attrs=None):
        defaults = {"rows": 3, "spellcheck": "false", "data-commune-autocomplete": reverse_lazy("api:communes")}
        super().__init__({**defaults, **(attrs or {})})


class CommuneField(forms.Field):
    """Accepts what a person types: "Name (postcode) – INSEE" (what the autocomplete fills in), a name,
    a name and a postcode, a postcode or an INSEE code; refuses what matches no commune or several."""

    widget = CommuneInput
    default_error_messages = {
        "unknown": _("Commune inconnue : saisissez son nom ou son code postal, puis choisissez-la dans la liste."),
        "ambiguous": _(
            "Plusieurs communes portent ce nom : ajoutez le code postal, par exemple « Saint-Martin 65360 », "
            "ou choisissez-la dans la liste."
        ),
        "postcode_mismatch": _(
            "%(commune)s n'a pas le code postal %(postcode)s : corrigez le code postal ou choisissez une commune "
            "qui l'a (%(postcodes)s)."
        ),
        "no_commune_with_postcode": _(
            "Aucune commune nommée « %(name)s » n'a le code postal %(postcode)s : vérifiez le code postal, "
            "ou choisissez la commune dans la liste."
        ),
        "ambiguous_postcode": _(
            "Plusieurs communes ont ce code : ajoutez le nom de la commune, par exemple « Vire Normandie 14500 », "
            "ou choisissez-la dans la liste."
        ),
    }

    def to_python(self, value):
        postcode = getattr(value, "postcode", "")
        value = " ".join(str(value or "").split())
        if not value:
            return None
        if not (postcode.isdigit() and len(postcode) == 5):
            postcode = ""  # The postcode field says what is wrong with it.
        candidates = self.candidates(value, postcode)
        if len(candidates) == 1:
            return self.consistent(candidates[0], postcode)
        if not candidates and postcode and self.candidates(value):
            raise ValidationError(
                self.error_messages["no_commune_with_postcode"],
                code="postcode_mismatch",
                params={"name": LABEL.match(value)["name"] or value, "postcode": postcode},
            )
        if not candidates:
            raise ValidationError(self.error_messages["unknown"], code="unknown")
        if value.isdigit():
            raise ValidationError(self.error_messages["ambiguous_postcode"], code="ambiguous")
        raise ValidationError(self.error_messages["ambiguous"], code="ambiguous")

    def consistent(self, commune, postcode):
        """The commune, unless the postcode typed beside it is not one of its postcodes."""
        if postcode and commune.postcodes and postcode not in commune.postcode_list:
            raise ValidationError(
                self.error_messages["postcode_mismatch"],
                code="postcode_mismatch",
                params={"commune": str(commune), "postcode": postcode, "postcodes": ", ".join(commune.postcode_list)},
            )
        return commune

    @classmethod
    def candidates(cls, value, postcode=""):
        """At most two communes matching what was typed: one means found, two means ambiguous. A postcode typed
        in the name (« Vire 14500 ») or beside it narrows the search; an INSEE code is taken as typed."""
        communes = Commune.objects.select_related("department")
        if value.isdigit() and len(value) == 5:
            # A postcode or an INSEE code: both are five digits, and 3,000 codes are both, for different communes.
            by_code = communes.filter(pk=value)
            return list((communes.with_postcode(value) | by_code).distinct().order_by("-population", "code")[:2])
        if CODE.match(value):  # Corsica: 2A004.
            return list(communes.filter(pk=value.upper()))
        match = LABEL.match(value)
        name, postcode = match["name"], match["postcode"] or match["bare_postcode"] or postcode
        if match["code"]:
            commune = communes.filter(pk=match["code"].upper()).first()
            if commune:
                return [commune]
        search_name = normalize_search(name)
        if not search_name:
            return list(communes.with_postcode(postcode)[:2]) if postcode else []
        if postcode:
            communes = communes.with_postcode(postcode)
        exact = list(communes.filter(search_name=search_name)[:2])
        if len(exact) == 1 and not postcode:
            return cls.unless_shadowing(exact[0], communes.search(name))
        return exact or list(communes.search(name)[:2])

    @staticmethod
    def unless_shadowing(exact, matches):
        """A commune named exactly as typed but outside the calls' départements (Viré, Saône-et-Loire) does not
        win over one of theirs whose name starts so (Vire Normandie): both are proposed, ambiguous."""
        preferred = preferred_departments()
        if not preferred or exact.department_id in preferred:
            return [exact]
        first = matches.first()
        if first is not None and first.department_id in preferred:
            return [exact, first]
        return [exact]
