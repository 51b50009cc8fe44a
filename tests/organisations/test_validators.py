import pytest
from django.core.exceptions import ValidationError

from deffinov.organisations.validators import validate_nda, validate_siret, validate_uai


@pytest.mark.parametrize("siret", ["73282932000074", "732 829 320 00074", "35600000000048", "35600000049837"])
def test_valid_sirets_are_accepted(siret):
    validate_siret(siret)


@pytest.mark.parametrize(
    ("siret", "message"),
    [
        ("73282932000075", "clé de contrôle incorrecte"),
        # La Poste establishments: the digits must add up to a multiple of 5, not pass the Luhn key.
        ("35600000049838", "clé de contrôle incorrecte"),
        ("35600000000049", "clé de contrôle incorrecte"),
        ("7328293200007", "14 chiffres"),
        ("7328293200007A", "14 chiffres"),
    ],
)
def test_invalid_sirets_are_refused_with_a_french_message(siret, message):
    with pytest.raises(ValidationError, match=message):
        validate_siret(siret)


@pytest.mark.parametrize("uai", ["0140013N", "0140013n", "0750654D"])
def test_uai_with_its_check_letter_is_accepted(uai):
    # Lycée Malherbe in Caen, lycée Henri-IV in Paris.
    validate_uai(uai)


def test_uai_with_a_wrong_letter_is_refused():
    with pytest.raises(ValidationError, match="lettre de contrôle"):
        validate_uai("0140013P")


@pytest.mark.parametrize("uai", ["014123W", "01412345", "A141234W"])
def test_malformed_uai_is_refused(uai):
    with pytest.raises(ValidationError, match="7 chiffres suivis d'une lettre"):
        validate_uai(uai)


@pytest.mark.parametrize("nda", ["28140123414", "28 14 01234 14"])
def test_nda_of_eleven_digits_is_accepted(nda):
    validate_nda(nda)


@pytest.mark.parametrize("nda", ["2814012341", "281401234145", "2814012341A"])
def test_nda_of_another_length_is_refused(nda):
    with pytest.raises(ValidationError, match="11 chiffres"):
        validate_nda(nda)
