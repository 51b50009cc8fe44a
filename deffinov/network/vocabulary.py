"""The words of the « lieux de médiation numérique » standard (1.0.2) a place is described with.

Kinds are a subset of the standard's `typologie` codes; services, publics, fees and access are the standard's own
labels (its export writes them as they are, joined by « | »). Equipment for distance learning is our own addition:
the standard has no column for it."""

from django.db import models


class PlaceKind(models.TextChoices):
    TIERS_LIEU = "TIERS_LIEUX", "Tiers-lieu"
    EPN = "EPN", "Espace public numérique (EPN)"
    ORGANISME_FORMATION = "OF", "Organisme de formation"
    BIBLIOTHEQUE = "BIB", "Médiathèque, bibliothèque"
    FRANCE_SERVICES = "MSAP", "France Services"
    CENTRE_SOCIAL = "CSC", "Centre social"
    ASSOCIATION = "ASSO", "Association"
    MAIRIE = "MUNI", "Mairie"


class Service(models.TextChoices):
    DEMARCHES = "demarches", "Aide aux démarches administratives"
    OUTILS = "outils", "Maîtrise des outils numériques du quotidien"
    INSERTION = "insertion", "Insertion professionnelle via le numérique"
    SECURITE = "securite", "Utilisation sécurisée du numérique"
    PARENTALITE = "parentalite", "Parentalité et éducation avec le numérique"
    LOISIRS = "loisirs", "Loisirs et créations numériques"
    COMPREHENSION = "comprehension", "Compréhension du monde numérique"
    ACCES = "acces", "Accès internet et matériel informatique"
    MATERIEL = "materiel", "Acquisition de matériel informatique à prix solidaire"


class Equipment(models.TextChoices):
    """What someone following a distance course needs; each is a field of the place."""

    VISIO = "visio", "Salle de visioconférence"
    COMPUTERS = "ordinateurs", "Ordinateurs en accès"
    INTERNET = "connexion", "Connexion internet"
    SUPPORT = "accompagnement", "Accompagnement sur place"
    PMR = "pmr", "Accessible aux personnes à mobilité réduite"


EQUIPMENT_FIELDS = {
    Equipment.VISIO: "visio_room",
    Equipment.COMPUTERS: "computers",
    Equipment.INTERNET: "internet",
    Equipment.SUPPORT: "on_site_support",
    Equipment.PMR: "pmr_access",
}

PUBLICS = ("Jeunes", "Étudiants", "Familles et/ou enfants", "Seniors", "Femmes")
SPECIFIC_SUPPORT = (
    "Surdité",
    "Handicaps moteurs",
    "Handicaps mentaux",
    "Illettrisme",
    "Langues étrangères (anglais)",
    "Langues étrangères (autres)",
    "Déficience visuelle",
)
FEES = ("Gratuit", "Gratuit sous condition", "Payant")
ACCESS = (
    "Se présenter",
    "Téléphoner",
    "Contacter par mail",
    "Prendre un RDV en ligne",
    "Ce lieu n'accueille pas de public",
    "Envoyer un mail avec une fiche de prescription",
)
SUPPORT_MODES = ("En autonomie", "Accompagnement individuel", "Dans un atelier collectif", "À distance")
