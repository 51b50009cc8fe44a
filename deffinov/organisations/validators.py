"""Identifiers of French structures: SIRET, UAI, NDA. Messages in French, on the field."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.fr import siret as stdnum_siret

UAI_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"


def clean_digits(value):
    return re.sub(r"[\s.\-]", "", value or "")


def validate_siret(value):
    digits = clean_digits(value)
    if not digits.isdigit() or len(digits) != 14:
        raise ValidationError(_("Un SIRET compte 14 chiffres."), code="siret_format")
    # python-stdnum knows the La Poste exception (SIREN 356 000 000).
    if not stdnum_siret.is_valid(digits):
        raise ValidationError(
            _("Ce SIRET n'est pas valide : vérifiez les chiffres (clé de contrôle incorrecte)."), code="siret_checksum"
        )


def uai_check_letter(number):
    return UAI_LETTERS[int(number) % 23]


def validate_uai(value):
    value = (value or "").strip().upper()
    if not re.fullmatch(r"\d{7}[A-Z]", value):
        raise ValidationError(
            _("Un UAI compte 7 chiffres suivis d'une lettre, par exemple 0140013N."), code="uai_format"
        )
    if uai_check_letter(value[:7]) != value[7]:
        raise ValidationError(
            _("Cet UAI n'est pas valide : la lettre de contrôle ne correspond pas."), code="uai_checksum"
        )


def validate_nda(value):
    digits = clean_digits(value)
    if not re.fullmatch(r"\d{11}", digits):
        raise ValidationError(_("Un numéro de déclaration d'activité (NDA) compte 11 chiffres."), code="nda_format")
