"""The legal forms a structure most often declares. Stored as stable codes."""

from django.db import models


class LegalForm(models.TextChoices):
    ASSOCIATION = "association", "Association loi 1901"
    SAS = "sas", "Société par actions simplifiée (SAS, SASU)"
    SARL = "sarl", "Société à responsabilité limitée (SARL)"
    EURL = "eurl", "Entreprise unipersonnelle à responsabilité limitée (EURL)"
    SCIC = "scic", "Société coopérative d'intérêt collectif (SCIC)"
    SCOP = "scop", "Société coopérative et participative (SCOP)"
    EPIC = "epic", "Établissement public industriel et commercial (EPIC)"
    ETABLISSEMENT_PUBLIC = "etablissement_public", "Établissement public"
    COLLECTIVITE = "collectivite", "Collectivité territoriale"
    GIP = "gip", "Groupement d'intérêt public (GIP)"
    MICRO_ENTREPRENEUR = "micro_entrepreneur", "Auto-entrepreneur (micro-entreprise)"
    OTHER = "autre", "Autre"
