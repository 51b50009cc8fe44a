"""About thirty fictitious structures across the five Normandy départements, of every kind.

Each has a stable demo number `n`, from which its SIRET (and UAI or NDA) is derived: the SIRET
is the natural key, so adding a structure never renumbers the others.
"""

import datetime as dt
import re

from stdnum import luhn

from deffinov.demo import reference
from deffinov.organisations.kinds import Kind
from deffinov.organisations.legal_forms import LegalForm
from deffinov.organisations.models import Organisation
from deffinov.organisations.validators import uai_check_letter

# SIRENs of the demonstration start with these digits.
DEMO_SIREN_PREFIX = "99"
# A young structure shows the seniority rule: created this many days before the demo is loaded.
YOUNG_CREATED_DAYS_AGO = 150
YOUNG_OPENED_DAYS_AGO = 100

TL, EPN, OF, CFA, LP, EDTECH = (
    Kind.TIERS_LIEU,
    Kind.EPN,
    Kind.ORGANISME_FORMATION,
    Kind.CFA,
    Kind.LYCEE_PROFESSIONNEL,
    Kind.EDTECH,
)
D = dt.date
ASSO = LegalForm.ASSOCIATION
SCIC = LegalForm.SCIC


def spec(**fields):
    return fields


STRUCTURES = [
    # Calvados (14)
    spec(n=1, key="fabrique-bocage", name="La Fabrique du Bocage (démo)", kinds=[TL], commune="14762",
         legal_form=ASSO, address="12 rue des Halles", created_on=D(2018, 3, 12),
         place_opened_on=D(2019, 1, 15),
         description="Coworking, fablab et salle de visioconférence au cœur du bocage virois."),
    spec(n=2, key="bocage-formation", name="Bocage Formation (démo)", kinds=[OF], commune="14762",
         legal_form=LegalForm.SARL, address="4 place du Champ de Foire", created_on=D(2009, 9, 1), qualiopi=True,
         qualiopi_certified_on=D(2021, 6, 15),
         description="Formations aux métiers de l'industrie et du numérique, en présentiel et à distance."),
    spec(n=3, key="caen-competences", name="Caen Compétences Formation (démo)", kinds=[OF], commune="14118",
         legal_form=LegalForm.SAS, address="25 rue de Bretagne", created_on=D(2012, 2, 20), qualiopi=True,
         qualiopi_certified_on=D(2021, 11, 2),
         description="Organisme de formation continue : bureautique, gestion, accompagnement des transitions."),
    spec(n=4, key="cfa-bessin", name="CFA des Métiers du Bessin (démo)", kinds=[CFA], commune="14047",
         legal_form=ASSO, address="3 chemin des Marettes", created_on=D(1995, 9, 1),
         qualiopi=True, qualiopi_certified_on=D(2021, 12, 10),
         description="Apprentissage dans le bâtiment, la restauration et le commerce."),
    spec(n=5, key="lp-cote-nacre", name="Lycée professionnel de la Côte de Nacre (démo)", kinds=[LP],
         commune="14118", legal_form=LegalForm.ETABLISSEMENT_PUBLIC, address="8 avenue de la Mer",
         created_on=D(1972, 9, 1), description="Filières tertiaires et numériques."),
    spec(n=6, key="apprendre-plus", name="ApprendrePlus (démo)", kinds=[EDTECH], commune="14118",
         legal_form=LegalForm.SAS, address="1 esplanade de la Paix", created_on=D(2021, 4, 6),
         description="Plateforme de formation à distance avec tutorat."),
    spec(n=7, key="halles-lisieux", name="Les Halles numériques de Lisieux (démo)", kinds=[TL], commune="14366",
         legal_form=SCIC, address="18 rue Henry Chéron", created_on=D(2020, 5, 4), place_opened_on=D(2020, 10, 1),
         description="Tiers-lieu de centre-ville : coworking, atelier de réparation et café associatif."),
    spec(n=8, key="epn-falaise", name="Espace numérique du Pays de Falaise (démo)", kinds=[EPN], commune="14258",
         legal_form=ASSO, address="2 place Guillaume le Conquérant", created_on=D(2011, 1, 10),
         place_opened_on=D(2011, 3, 1), description="Médiation numérique et accès libre aux ordinateurs."),
    spec(n=9, key="reseau-tiers-lieux", name="Réseau normand des tiers-lieux (démo)", kinds=[Kind.TETE_DE_RESEAU],
         commune="14118", legal_form=ASSO, address="40 quai de Juillet", created_on=D(2019, 6, 20),
         description="Tête de réseau qui accompagne les tiers-lieux de la région."),
    spec(n=10, key="mecanique-viroise", name="Atelier mécanique virois (démo)", kinds=[Kind.ENTREPRISE],
         commune="14762", legal_form=LegalForm.SARL, address="ZA de la Papillonnière", created_on=D(2001, 3, 15),
         description="Entreprise de mécanique de précision qui forme ses salariés en tiers-lieu."),
    # Eure (27)
    spec(n=11, key="moulin-partage", name="Le Moulin partagé (démo)", kinds=[TL], commune="27056",
         legal_form=ASSO, address="5 rue du Moulin", created_on=D(2017, 11, 3),
         place_opened_on=D(2018, 4, 14), description="Ancien moulin devenu tiers-lieu rural : coworking et fablab."),
    spec(n=12, key="epn-evreux", name="EPN de la vallée de l'Iton (démo)", kinds=[EPN], commune="27229",
         legal_form=ASSO, address="9 rue de la Harpe", created_on=D(2008, 5, 12),
         place_opened_on=D(2008, 9, 1), description="Ateliers numériques pour tous les âges."),
    spec(n=13, key="eure-formation", name="Eure Formation continue (démo)", kinds=[OF], commune="27229",
         legal_form=LegalForm.SAS, address="14 boulevard Gambetta", created_on=D(2005, 10, 17), qualiopi=True,
         qualiopi_certified_on=D(2021, 9, 30), description="Formations qualifiantes dans les services à la personne."),
    spec(n=14, key="lp-seine-vexin", name="Lycée professionnel Seine et Vexin (démo)", kinds=[LP], commune="27681",
         legal_form=LegalForm.ETABLISSEMENT_PUBLIC, address="1 rue des Écoles", created_on=D(1968, 9, 1),
         description="Filières de la maintenance et de la logistique."),
    spec(n=15, key="coworking-vexin", name="Coworking du Vexin (démo)", kinds=[TL, OF], commune="27284",
         legal_form=LegalForm.SCOP, address="22 rue de Vienne", created_on=D(2016, 2, 1), place_opened_on=D(2016, 6, 1),
         qualiopi=True, qualiopi_certified_on=D(2022, 3, 1),
         description="Tiers-lieu qui est aussi organisme de formation : il ne peut pas candidater seul."),
    # Manche (50)
    spec(n=16, key="station-cotentin", name="La Station Cotentin (démo)", kinds=[TL], commune="50129",
         legal_form=SCIC, address="7 quai Alexandre III", created_on=D(2019, 1, 7), place_opened_on=D(2019, 9, 2),
         description="Tiers-lieu maritime : coworking, espace de formation et atelier partagé."),
    spec(n=17, key="manche-formation", name="Manche Formation numérique (démo)", kinds=[OF], commune="50502",
         legal_form=ASSO, address="11 rue Torteron", created_on=D(2010, 4, 19), qualiopi=True,
         qualiopi_certified_on=D(2021, 10, 12), description="Formations aux usages numériques professionnels."),
    spec(n=18, key="fil-saint-lois", name="Le Fil saint-lois (démo)", kinds=[TL], commune="50502",
         legal_form=ASSO, address="3 rue de la Poterne", created_on=D(2018, 9, 24),
         place_opened_on=D(2019, 2, 1), description="Tiers-lieu culturel et numérique."),
    spec(n=19, key="cfa-baie", name="CFA de la Baie (démo)", kinds=[CFA], commune="50025",
         legal_form=ASSO, address="6 boulevard Léon Jozeau-Marigné", created_on=D(1990, 9, 1),
         qualiopi=True, qualiopi_certified_on=D(2021, 12, 1),
         description="Apprentissage dans l'agriculture et le commerce."),
    spec(n=20, key="epn-saint-hilaire", name="Espace numérique du Sud-Manche (démo)", kinds=[EPN], commune="50484",
         legal_form=ASSO, address="2 place Delaporte", created_on=D(2013, 6, 3),
         place_opened_on=D(2013, 10, 1), description="Accès au numérique et accompagnement des démarches."),
    spec(n=21, key="jeune-pousse", name="La Jeune Pousse, tiers-lieu de Granville (démo)", kinds=[TL],
         commune="50218", legal_form=ASSO, address="10 rue Lecampion", young=True,
         description="Tiers-lieu créé il y a quelques mois : il n'a pas encore l'ancienneté demandée."),
    # Orne (61)
    spec(n=22, key="forge-flerienne", name="La Forge flérienne (démo)", kinds=[TL], commune="61169",
         legal_form=ASSO, address="15 rue de la Boule", created_on=D(2017, 5, 2),
         place_opened_on=D(2017, 9, 16), description="Fablab et coworking dans une ancienne forge."),
    spec(n=23, key="epn-alencon", name="Espace numérique d'Alençon (démo)", kinds=[EPN], commune="61001",
         legal_form=ASSO, address="30 Grande Rue", created_on=D(2009, 3, 9),
         place_opened_on=D(2009, 6, 1), description="Espace public numérique avec salle de visioconférence."),
    spec(n=24, key="orne-competences", name="Orne Compétences (démo)", kinds=[OF], commune="61006",
         legal_form=LegalForm.SARL, address="4 rue de la Chaussée", created_on=D(2011, 8, 22), qualiopi=True,
         qualiopi_certified_on=D(2022, 1, 18), description="Formations aux métiers de l'aide à domicile."),
    spec(n=25, key="lp-perche", name="Lycée professionnel du Perche (démo)", kinds=[LP], commune="61484",
         legal_form=LegalForm.ETABLISSEMENT_PUBLIC, address="1 avenue du Lycée", created_on=D(1975, 9, 1),
         description="Filières agricoles et du bois."),
    spec(n=26, key="insertion-bocage", name="Chantier d'insertion du Bocage ornais (démo)", kinds=[Kind.SIAE],
         commune="61169", legal_form=ASSO, address="9 rue du Haras", created_on=D(2004, 1, 12),
         description="Atelier et chantier d'insertion : menuiserie et espaces verts."),
    spec(n=27, key="aigle-tiers-lieu", name="Le Relais de L'Aigle (démo)", kinds=[TL], commune="61214",
         legal_form=ASSO, address="6 place Boislandry", created_on=D(2020, 2, 10),
         place_opened_on=D(2020, 9, 5), description="Tiers-lieu rural avec espace de travail et salle de formation."),
    # Seine-Maritime (76)
    spec(n=28, key="hangar-numerique", name="Le Hangar numérique (démo)", kinds=[TL], commune="76540",
         legal_form=SCIC, address="20 quai de Boisguilbert", created_on=D(2016, 10, 3),
         place_opened_on=D(2017, 3, 18), description="Grand tiers-lieu urbain : coworking, fablab, studio vidéo."),
    spec(n=29, key="rouen-seine-formation", name="Rouen Seine Formation (démo)", kinds=[OF], commune="76540",
         legal_form=LegalForm.SAS, address="52 rue Jeanne d'Arc", created_on=D(2003, 11, 24), qualiopi=True,
         qualiopi_certified_on=D(2021, 7, 8), description="Formations certifiantes en informatique et en gestion."),
    spec(n=30, key="campus-docks", name="Le Campus des docks (démo)", kinds=[TL], commune="76351",
         legal_form=ASSO, address="3 quai Frissard", created_on=D(2018, 1, 22),
         place_opened_on=D(2018, 6, 30), description="Tiers-lieu d'apprentissage sur le port."),
    spec(n=31, key="cfa-estuaire", name="CFA de l'Estuaire (démo)", kinds=[CFA], commune="76351",
         legal_form=ASSO, address="17 rue de Paris", created_on=D(1988, 9, 1), qualiopi=True,
         qualiopi_certified_on=D(2021, 11, 22), description="Apprentissage dans la logistique et l'industrie."),
    spec(n=32, key="albatre-formation", name="Côte d'Albâtre Formation (démo)", kinds=[OF], commune="76259",
         legal_form=LegalForm.SARL, address="8 rue Jacques Huet", created_on=D(2014, 5, 5), qualiopi=True,
         qualiopi_certified_on=D(2022, 2, 14), description="Formations aux métiers du tourisme et de la mer."),
    spec(n=33, key="epn-pollet", name="Espace numérique du Pollet (démo)", kinds=[EPN], commune="76217",
         legal_form=ASSO, address="4 rue Guillaume Terrien", created_on=D(2012, 3, 26),
         place_opened_on=D(2012, 5, 1), description="Espace public numérique de quartier."),
    spec(n=34, key="learn-in", name="Learn'In Normandie (démo)", kinds=[EDTECH], commune="76540",
         legal_form=LegalForm.SAS, address="1 rue de la Vicomté", created_on=D(2019, 9, 9),
         description="Conception de parcours de formation hybrides."),
    spec(n=35, key="cae-seine", name="Coopérative d'activités Seine-Normandie (démo)", kinds=[Kind.CAE],
         commune="76231", legal_form=LegalForm.SCOP, address="12 rue Jean Jaurès", created_on=D(2010, 6, 14),
         description="Coopérative d'activité et d'emploi."),
]  # fmt: skip


def demo_siren(n):
    body = f"{DEMO_SIREN_PREFIX}{n:06d}"
    return body + luhn.calc_check_digit(body)


def demo_siret(n):
    """A valid SIRET (Luhn on the SIREN and on the 14 digits) for demo structure number n."""
    body = f"{demo_siren(n)}0001"
    return body + luhn.calc_check_digit(body)


def demo_uai(n, department):
    number = f"0{department}99{n:02d}"
    return number + uai_check_letter(number)


def demo_nda(n, department):
    return f"28{department}9{n:04d}{department}"


def organisation_fields(spec, commune, today):
    kinds = [str(kind) for kind in spec["kinds"]]
    department = commune.department_id
    if spec.get("young"):
        created_on = today - dt.timedelta(days=YOUNG_CREATED_DAYS_AGO)
        place_opened_on = today - dt.timedelta(days=YOUNG_OPENED_DAYS_AGO)
    else:
        created_on, place_opened_on = spec["created_on"], spec.get("place_opened_on")
    return {
        "name": spec["name"],
        "legal_form": str(spec["legal_form"]),
        "kinds": kinds,
        "address": spec["address"],
        "postcode": re.split(r"[\s|]+", commune.postcodes.strip())[0][:5],
        "commune": commune,
        "latitude": commune.latitude,
        "longitude": commune.longitude,
        "created_on": created_on,
        "place_opened_on": place_opened_on,
        "nda": demo_nda(spec["n"], department) if Kind.ORGANISME_FORMATION in kinds else "",
        "uai": demo_uai(spec["n"], department) if {Kind.CFA, Kind.LYCEE_PROFESSIONNEL} & set(kinds) else "",
        "qualiopi": spec.get("qualiopi", False),
        "qualiopi_certified_on": spec.get("qualiopi_certified_on"),
        "description": spec["description"],
    }


def load_organisations(tally, today):
    """Creates or updates the demo structures; returns them by key."""
    communes = reference.communes(spec["commune"] for spec in STRUCTURES)
    organisations = {}
    for spec in STRUCTURES:
        organisation, created = Organisation.objects.update_or_create(
            siret=demo_siret(spec["n"]), defaults=organisation_fields(spec, communes[spec["commune"]], today)
        )
        organisations[spec["key"]] = organisation
        tally.record("structures", created)
    return organisations
