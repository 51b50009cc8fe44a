"""The kinds of structure the call knows. Stable codes, shared with the eligibility engine and the API."""

from django.db import models


class Kind(models.TextChoices):
    TIERS_LIEU = "tiers_lieu", "Tiers-lieu"
    EPN = "epn", "Espace public numérique (EPN)"
    ORGANISME_FORMATION = "organisme_formation", "Organisme de formation"
    CFA = "cfa", "Centre de formation d'apprentis (CFA)"
    LYCEE_PROFESSIONNEL = "lycee_professionnel", "Lycée professionnel"
    ETABLISSEMENT_SCOLAIRE = "etablissement_scolaire", "Établissement scolaire"
    EDTECH = "edtech", "EdTech"
    BRANCHE = "branche", "Branche professionnelle"
    ENTREPRISE = "entreprise", "Entreprise"
    SIAE = "siae", "Structure d'insertion par l'activité économique (SIAE)"
    CAE = "cae", "Coopérative d'activité et d'emploi (CAE)"
    ENSEIGNEMENT_SUPERIEUR = "enseignement_superieur", "Établissement d'enseignement supérieur"
    TETE_DE_RESEAU = "tete_de_reseau", "Tête de réseau"
    COLLECTIVITE = "collectivite", "Collectivité territoriale"


TRAINING_KINDS = frozenset(
    {
        Kind.ORGANISME_FORMATION,
        Kind.CFA,
        Kind.LYCEE_PROFESSIONNEL,
        Kind.ETABLISSEMENT_SCOLAIRE,
        Kind.EDTECH,
    }
)
# Kinds identified by a UAI (school code).
UAI_KINDS = frozenset({Kind.CFA, Kind.LYCEE_PROFESSIONNEL, Kind.ETABLISSEMENT_SCOLAIRE})
PARTNER_KINDS = frozenset(
    {
        Kind.BRANCHE,
        Kind.ENTREPRISE,
        Kind.SIAE,
        Kind.CAE,
        Kind.ENSEIGNEMENT_SUPERIEUR,
        Kind.TETE_DE_RESEAU,
        Kind.COLLECTIVITE,
    }
)

# How the registration form groups the kinds, in this order.
KIND_GROUPS = (
    ("Tiers-lieux et lieux d'accueil", (Kind.TIERS_LIEU, Kind.EPN)),
    (
        "Acteurs de la formation",
        (Kind.ORGANISME_FORMATION, Kind.CFA, Kind.LYCEE_PROFESSIONNEL, Kind.ETABLISSEMENT_SCOLAIRE, Kind.EDTECH),
    ),
    (
        "Autres partenaires",
        (
            Kind.BRANCHE,
            Kind.ENTREPRISE,
            Kind.SIAE,
            Kind.CAE,
            Kind.ENSEIGNEMENT_SUPERIEUR,
            Kind.TETE_DE_RESEAU,
            Kind.COLLECTIVITE,
        ),
    ),
)
