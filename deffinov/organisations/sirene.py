"""A small client of the public « API Recherche d'entreprises » (recherche-entreprises.api.gouv.fr, no key).

It answers what the SIRENE register says of one establishment: its name, legal form, creation date, NAF code,
address, commune and administrative state. The registration form fills the structure's identity from it.
"""

import datetime
from dataclasses import dataclass

import httpx
from django.conf import settings
from django.utils.translation import gettext as _

from deffinov.organisations.legal_forms import LegalForm

# The tests replace the outside world (never this client) by an httpx.MockTransport here.
TRANSPORT = None

OPEN, CLOSED = "A", "F"
# An unité légale is « C » (cessée) when it stopped; an establishment is « F » (fermé).
CLOSED_STATES = {"F", "C"}


class SireneError(Exception):
    """The SIRET cannot be registered as typed; the message is for the person who typed it."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class SireneUnknown(SireneError):
    pass


class SireneClosed(SireneError):
    pass


class SireneUnavailable(Exception):
    """The service did not answer, or answered something unusable: the identity is typed by hand."""


@dataclass(frozen=True)
class Identity:
    siret: str
    name: str
    legal_form: str
    legal_category: str
    created_on: datetime.date | None
    naf_code: str
    address: str
    postcode: str
    commune_code: str
    commune_name: str
    state: str

    @property
    def is_closed(self):
        return self.state in CLOSED_STATES

    def form_values(self):
        """The values of the registration form's fields that SIRENE knows."""
        values = {
            "name": self.name,
            "legal_form": self.legal_form,
            "address": self.address,
            "postcode": self.postcode,
        }
        if self.created_on:
            values["created_on"] = self.created_on.isoformat()
        if self.commune_code:
            values["commune"] = self.commune_code
        return {key: value for key, value in values.items() if value}


def legal_form(category):
    """Map the INSEE « catégorie juridique » (4 digits) to the platform's legal forms."""
    category = str(category or "")
    exact = {
        "9220": LegalForm.ASSOCIATION,
        "9221": LegalForm.ASSOCIATION,
        "9222": LegalForm.ASSOCIATION,
        "9223": LegalForm.ASSOCIATION,
        "9230": LegalForm.ASSOCIATION,
        "9240": LegalForm.ASSOCIATION,
        "9260": LegalForm.ASSOCIATION,
        "5710": LegalForm.SAS,
        "5720": LegalForm.SAS,
        "5785": LegalForm.SCIC,
        "5460": LegalForm.SCIC,
        "5560": LegalForm.SCIC,
        "5458": LegalForm.SCOP,
        "5558": LegalForm.SCOP,
        "5658": LegalForm.SCOP,
        "5385": LegalForm.SCOP,
        "5498": LegalForm.EURL,
        "5499": LegalForm.SARL,
        "7470": LegalForm.GIP,
        "1000": LegalForm.MICRO_ENTREPRENEUR,
    }
    if category in exact:
        return exact[category]
    if category.startswith("54"):
        return LegalForm.SARL
    if category.startswith("41"):
        return LegalForm.EPIC
    if category.startswith("72"):
        return LegalForm.COLLECTIVITE
    if category.startswith(("73", "74")):
        return LegalForm.ETABLISSEMENT_PUBLIC
    return LegalForm.OTHER if category else ""


def _date(value):
    try:
        return datetime.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


# The register writes in capitals and abbreviates the kind of street.
STREET_KINDS = {
    "AV": "avenue",
    "BD": "boulevard",
    "PL": "place",
    "CHE": "chemin",
    "RTE": "route",
    "IMP": "impasse",
    "ALL": "allée",
    "QUA": "quai",
    "SQ": "square",
    "CRS": "cours",
    "LD": "lieu-dit",
    "HAM": "hameau",
    "RES": "résidence",
    "FG": "faubourg",
    "PROM": "promenade",
}
LOWER_WORDS = {
    "rue", "avenue", "boulevard", "place", "chemin", "route", "impasse", "allée", "quai", "square", "cours",
    "lieu-dit", "hameau", "résidence", "faubourg", "promenade", "de", "du", "des", "la", "le", "les", "et", "sur",
    "sous", "aux", "au", "en", "bis", "ter",
}  # fmt: skip


def french_case(text):
    """« 12 RUE DU CALVADOS » → « 12 rue du Calvados »; a text already in mixed case is kept."""
    if not text.isupper():
        return text
    words = []
    for word in text.split():
        lower = STREET_KINDS.get(word, word.lower())
        if lower in LOWER_WORDS:
            words.append(lower)
        elif lower[:2] in ("l'", "d'") and len(lower) > 2:
            words.append(lower[:2] + lower[2:].capitalize())
        else:
            words.append("-".join(part.capitalize() for part in lower.split("-")))
    return " ".join(words)


def _street(establishment):
    parts = [establishment.get(key) for key in ("numero_voie", "indice_repetition", "type_voie", "libelle_voie")]
    street = " ".join(str(part) for part in parts if part)
    if not street:
        street = str(establishment.get("adresse") or "")
        postcode = str(establishment.get("code_postal") or "")
        # « 12 RUE DU CALVADOS 14500 VIRE NORMANDIE »: keep what comes before the postcode.
        if postcode and postcode in street:
            street = street.split(postcode)[0].strip()
    return french_case(street)


def identity_from(payload, siret):
    """The Identity of `siret` in a /search answer, or None when the register does not know it."""
    for unit in payload.get("results") or []:
        if not isinstance(unit, dict) or str(unit.get("siren")) != siret[:9]:
            continue
        establishments = [unit.get("siege") or {}, *(unit.get("matching_etablissements") or [])]
        establishment = next(
            (item for item in establishments if isinstance(item, dict) and str(item.get("siret")) == siret), None
        )
        if establishment is None:
            continue
        state = str(establishment.get("etat_administratif") or unit.get("etat_administratif") or "")
        if unit.get("etat_administratif") in CLOSED_STATES:
            state = str(unit["etat_administratif"])
        return Identity(
            siret=siret,
            name=str(unit.get("nom_raison_sociale") or unit.get("nom_complet") or "").strip(),
            legal_form=legal_form(unit.get("nature_juridique")),
            legal_category=str(unit.get("nature_juridique") or ""),
            created_on=_date(establishment.get("date_creation") or unit.get("date_creation")),
            naf_code=str(establishment.get("activite_principale") or unit.get("activite_principale") or ""),
            address=_street(establishment),
            postcode=str(establishment.get("code_postal") or ""),
            commune_code=str(establishment.get("commune") or ""),
            commune_name=str(establishment.get("libelle_commune") or ""),
            state=state,
        )
    return None


def fetch(siret, *, base_url=None, transport=None, timeout=None):
    """Ask the register; raises SireneUnavailable when it cannot answer."""
    base_url = (base_url or settings.SIRENE_API_URL).rstrip("/")
    try:
        with httpx.Client(
            base_url=base_url,
            transport=transport or TRANSPORT,
            timeout=timeout or settings.SIRENE_API_TIMEOUT,
            headers={"Accept": "application/json", "User-Agent": "Deffinov"},
        ) as client:
            response = client.get("/search", params={"q": siret, "page": 1, "per_page": 5})
    except httpx.HTTPError as error:
        raise SireneUnavailable(f"{base_url} injoignable ({type(error).__name__}).") from error
    if response.status_code != 200:
        raise SireneUnavailable(f"{base_url} a répondu {response.status_code}.")
    try:
        payload = response.json()
    except ValueError as error:
        raise SireneUnavailable(f"{base_url} a renvoyé autre chose que du JSON.") from error
    if not isinstance(payload, dict):
        raise SireneUnavailable(f"{base_url} a renvoyé un JSON inattendu.")
    return payload


def lookup(siret, **options):
    """The open establishment `siret` as SIRENE knows it.

    Raises SireneError (unknown or closed: refuse the SIRET) or SireneUnavailable (type the identity by hand).
    """
    identity = identity_from(fetch(siret, **options), siret)
    if identity is None:
        raise SireneUnknown(
            _(
                "Ce SIRET est inconnu du répertoire SIRENE. Vérifiez les 14 chiffres sur l'avis de situation "
                "SIRENE ou sur annuaire-entreprises.data.gouv.fr."
            )
        )
    if identity.is_closed:
        raise SireneClosed(
            _(
                "Cet établissement est fermé au répertoire SIRENE (état administratif « fermé ») : il ne peut pas "
                "être inscrit. Indiquez le SIRET d'un établissement ouvert de votre structure, son siège par exemple."
            )
        )
    return identity
