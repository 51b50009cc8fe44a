"""The declared catalogue of indicators every report gives: numbers with units, never free text.

`ensure_catalogue()` writes it as `Indicator` rows (a migration runs it; so can the demo). Codes are stable: the
dashboards, exports and the API read them.
"""

from dataclasses import dataclass, field

from deffinov.reports.models import Indicator, IndicatorKind

PUBLICS = (
    ("demandeurs_emploi", "Demandeurs d'emploi"),
    ("salaries", "Salariés"),
    ("jeunes_mission_locale", "Jeunes suivis par une mission locale"),
    ("beneficiaires_rsa", "Bénéficiaires du RSA"),
    ("personnes_handicap", "Personnes en situation de handicap"),
    ("apprentis", "Apprentis"),
)


@dataclass(frozen=True)
class Declared:
    code: str
    label: str
    unit: str
    kind: str = IndicatorKind.INTEGER
    breakdown: tuple = field(default_factory=tuple)
    help_text: str = ""


CATALOGUE = (
    Declared(
        "apprenants",
        "Apprenants accueillis",
        "personnes",
        breakdown=PUBLICS,
        help_text="Chaque personne une seule fois, dans le public qui la décrit le mieux.",
    ),
    Declared("heures_formation", "Heures de formation dispensées", "heures", kind=IndicatorKind.DECIMAL),
    Declared("sessions_formation", "Sessions de formation", "sessions"),
    Declared("methodes_pedagogiques", "Nouvelles méthodes pédagogiques testées", "méthodes"),
    Declared("equipements_mutualises", "Équipements mutualisés", "équipements"),
    Declared("partenaires", "Partenaires impliqués", "structures"),
    Declared("places_ouvertes", "Places de formation ouvertes", "places"),
    Declared(
        "communes_desservies",
        "Communes desservies",
        "communes",
        kind=IndicatorKind.COMMUNES,
        help_text="Les communes où des apprenants ont été accueillis ou formés.",
    ),
)


def ensure_catalogue(indicator_model=Indicator):
    """Create or update the catalogue's rows; returns them in order. (`indicator_model` for migrations.)"""
    rows = []
    for position, declared in enumerate(CATALOGUE, start=1):
        row, _ = indicator_model.objects.update_or_create(
            code=declared.code,
            defaults={
                "label": declared.label,
                "unit": declared.unit,
                "kind": declared.kind,
                "breakdown": [list(part) for part in declared.breakdown],
                "help_text": declared.help_text,
                "position": position,
                "is_active": True,
            },
        )
        rows.append(row)
    return rows
