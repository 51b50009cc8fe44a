"""About forty demonstration places across the five départements, with real-looking hours, services and
equipment, each belonging to one of the demonstration structures (deffinov/demo/organisations.py).

Each place has a stable identifier (« demo-lieu-NN »): loading again updates it, never duplicates it."""

from django.db import transaction

from deffinov.demo.organisations import demo_siret
from deffinov.demo.reference import communes as reference_communes
from deffinov.network.models import Place
from deffinov.network.vocabulary import PlaceKind as K
from deffinov.network.vocabulary import Service as S
from deffinov.organisations.models import Organisation

WEEK = "Mo-Fr 09:00-12:00,14:00-18:00; PH off"
WEEK_SAT = "Tu-Fr 09:30-12:30,13:30-18:30; Sa 09:30-12:30; PH off"
AFTERNOONS = "Mo-Fr 13:30-18:00; We 09:00-12:00; PH off"
COWORKING = "Mo-Fr 08:30-19:00; Sa 09:00-13:00"
LATE = "Tu,Th 14:00-20:00; We,Sa 10:00-12:00,14:00-18:00; PH off"
LIBRARY = "Tu 14:00-18:00; We 10:00-12:30,14:00-18:00; Fr 14:00-19:00; Sa 10:00-17:00; PH off"

FULL = {"visio_room": True, "computers": 10, "internet": True, "on_site_support": True, "pmr_access": True, "seats": 12}
BASIC = {"computers": 4, "internet": True, "on_site_support": True, "pmr_access": True, "seats": 4}
ROOM = {"visio_room": True, "computers": 2, "internet": True, "pmr_access": False, "seats": 8}

# (number, structure number, name, commune, kinds, hours, services, equipment, address, published)
PLACES = [
    (1, 1, "La Fabrique du Bocage – espace de coworking", "14762", [K.TIERS_LIEU], COWORKING,
     [S.ACCES, S.INSERTION], FULL, "12 rue des Halles", True),
    (2, 1, "La Fabrique du Bocage – fablab", "14762", [K.TIERS_LIEU], LATE, [S.LOISIRS, S.COMPREHENSION], BASIC,
     "14 rue des Halles", True),
    (3, 2, "Bocage Formation – salle de formation à distance", "14762", [K.ORGANISME_FORMATION], WEEK,
     [S.INSERTION], ROOM, "4 place du Champ de Foire", True),
    (4, 3, "Caen Compétences – plateau numérique", "14118", [K.ORGANISME_FORMATION], WEEK, [S.OUTILS, S.INSERTION],
     FULL, "22 rue de Bras", True),
    (5, 3, "Caen Compétences – antenne de la Guérinière", "14118", [K.ORGANISME_FORMATION], AFTERNOONS,
     [S.OUTILS, S.DEMARCHES], BASIC, "5 place de la Guérinière", True),
    (6, 6, "ApprendrePlus – studio de tutorat", "14118", [K.ORGANISME_FORMATION], WEEK, [S.INSERTION], ROOM,
     "9 quai Vendeuvre", True),
    (7, 7, "Les Halles numériques de Lisieux", "14366", [K.TIERS_LIEU], COWORKING,
     [S.ACCES, S.LOISIRS, S.MATERIEL], FULL, "3 rue Henry Chéron", True),
    (8, 8, "Espace numérique du Pays de Falaise", "14258", [K.EPN], WEEK_SAT, [S.DEMARCHES, S.OUTILS, S.SECURITE],
     BASIC, "1 place Guillaume le Conquérant", True),
    (9, 8, "Point numérique de la médiathèque de Falaise", "14258", [K.EPN, K.BIBLIOTHEQUE], LIBRARY,
     [S.ACCES, S.PARENTALITE], BASIC, "6 rue de la Pelleterie", True),
    (10, 4, "CFA des Métiers du Bessin – salle multimédia", "14047", [K.ORGANISME_FORMATION], WEEK, [S.INSERTION],
     ROOM, "Route de Littry", False),
    (11, 11, "Le Moulin partagé", "27056", [K.TIERS_LIEU], "Tu-Sa 10:00-18:00; PH off", [S.ACCES, S.LOISIRS],
     FULL, "1 chemin du Moulin", True),
    (12, 12, "EPN de la vallée de l'Iton", "27229", [K.EPN], WEEK_SAT, [S.DEMARCHES, S.OUTILS, S.SECURITE], BASIC,
     "8 rue de la Harpe", True),
    (13, 12, "EPN de la Madeleine", "27229", [K.EPN, K.CENTRE_SOCIAL], AFTERNOONS, [S.DEMARCHES, S.PARENTALITE],
     BASIC, "2 place Kennedy", True),
    (14, 13, "Eure Formation continue – salle connectée", "27229", [K.ORGANISME_FORMATION], WEEK, [S.INSERTION],
     ROOM, "15 boulevard de Normandie", True),
    (15, 15, "Coworking du Vexin", "27284", [K.TIERS_LIEU], COWORKING, [S.ACCES, S.INSERTION], FULL,
     "27 rue de Vernon", True),
    (16, 15, "Coworking du Vexin – annexe de la gare", "27284", [K.TIERS_LIEU], WEEK, [S.ACCES], ROOM,
     "1 place de la Gare", True),
    (17, 14, "Lycée Seine et Vexin – espace numérique ouvert", "27681", [K.ORGANISME_FORMATION],
     "We 14:00-18:00; Sa 09:00-12:00; PH off", [S.OUTILS], BASIC, "Avenue des Lycées", False),
    (18, 16, "La Station Cotentin", "50129", [K.TIERS_LIEU], COWORKING, [S.ACCES, S.INSERTION, S.COMPREHENSION],
     FULL, "Quai de l'Entrepôt", True),
    (19, 16, "La Station Cotentin – atelier de réparation", "50129", [K.TIERS_LIEU], LATE, [S.MATERIEL, S.LOISIRS],
     BASIC, "5 rue de la Marine", True),
    (20, 17, "Manche Formation numérique – campus", "50502", [K.ORGANISME_FORMATION], WEEK, [S.INSERTION], FULL,
     "10 rue Alsace-Lorraine", True),
    (21, 18, "Le Fil saint-lois", "50502", [K.TIERS_LIEU], COWORKING, [S.ACCES, S.LOISIRS], FULL,
     "4 rue Torteron", True),
    (22, 18, "Le Fil saint-lois – point numérique du Val Saint-Jean", "50502", [K.EPN], AFTERNOONS,
     [S.DEMARCHES, S.OUTILS], BASIC, "Place du Val Saint-Jean", True),
    (23, 19, "CFA de la Baie – salle de visioconférence", "50025", [K.ORGANISME_FORMATION], WEEK, [S.INSERTION],
     ROOM, "Rue du Pont Gilbert", True),
    (24, 20, "Espace numérique du Sud-Manche", "50484", [K.EPN], WEEK_SAT, [S.DEMARCHES, S.OUTILS, S.SECURITE],
     BASIC, "2 rue Waldeck-Rousseau", True),
    (25, 20, "France Services de Saint-Hilaire", "50484", [K.EPN, K.FRANCE_SERVICES], WEEK, [S.DEMARCHES], BASIC,
     "Place Delaunay", True),
    (26, 22, "La Forge flérienne", "61169", [K.TIERS_LIEU], COWORKING, [S.ACCES, S.INSERTION, S.LOISIRS], FULL,
     "12 rue de la Forge", True),
    (27, 22, "La Forge flérienne – salle des Capucins", "61169", [K.TIERS_LIEU], WEEK, [S.ACCES], ROOM,
     "3 rue des Capucins", True),
    (28, 23, "Espace numérique d'Alençon", "61001", [K.EPN], WEEK_SAT, [S.DEMARCHES, S.OUTILS, S.PARENTALITE],
     BASIC, "6 rue des Filles Notre-Dame", True),
    (29, 23, "Point numérique de Perseigne", "61001", [K.EPN, K.CENTRE_SOCIAL], AFTERNOONS, [S.DEMARCHES],
     BASIC, "Place de la Paix", True),
    (30, 24, "Orne Compétences – salle connectée", "61006", [K.ORGANISME_FORMATION], WEEK, [S.INSERTION], ROOM,
     "7 rue Saint-Martin", True),
    (31, 27, "Le Relais de L'Aigle", "61214", [K.TIERS_LIEU], "Mo-Fr 09:00-19:00; Sa 10:00-16:00",
     [S.ACCES, S.INSERTION], FULL, "18 rue Louis Pasteur", True),
    (32, 25, "Lycée du Perche – espace numérique ouvert", "61484", [K.ORGANISME_FORMATION],
     "We 14:00-17:00; PH off", [S.OUTILS], BASIC, "Rue des Déportés", False),
    (33, 28, "Le Hangar numérique", "76540", [K.TIERS_LIEU], COWORKING, [S.ACCES, S.INSERTION, S.COMPREHENSION],
     FULL, "Hangar 10, quai de Boisguilbert", True),
    (34, 28, "Le Hangar numérique – atelier de la rive gauche", "76540", [K.TIERS_LIEU], LATE,
     [S.LOISIRS, S.MATERIEL], BASIC, "40 rue Lafayette", True),
    (35, 29, "Rouen Seine Formation – salle à distance", "76540", [K.ORGANISME_FORMATION], WEEK, [S.INSERTION],
     ROOM, "3 rue Jeanne d'Arc", True),
    (36, 34, "Learn'In Normandie – studio", "76540", [K.ORGANISME_FORMATION], WEEK, [S.INSERTION], ROOM,
     "11 rue du Général Leclerc", True),
    (37, 30, "Le Campus des docks", "76351", [K.TIERS_LIEU], COWORKING, [S.ACCES, S.INSERTION], FULL,
     "Quai Frissard", True),
    (38, 31, "CFA de l'Estuaire – espace numérique", "76351", [K.ORGANISME_FORMATION], WEEK, [S.INSERTION], ROOM,
     "Rue Paul Doumer", True),
    (39, 32, "Côte d'Albâtre Formation – salle connectée", "76259", [K.ORGANISME_FORMATION], WEEK,
     [S.INSERTION], ROOM, "2 rue des Pêcheurs", True),
    (40, 33, "Espace numérique du Pollet", "76217", [K.EPN], WEEK_SAT, [S.DEMARCHES, S.OUTILS, S.SECURITE], BASIC,
     "9 rue du Pollet", True),
    (41, 33, "Point numérique de Neuville", "76217", [K.EPN, K.BIBLIOTHEQUE], LIBRARY, [S.ACCES, S.PARENTALITE],
     BASIC, "Place Henri Dunant", True),
]  # fmt: skip

# A few hundred metres around the commune's centre, so that the places of one commune do not overlap on the map.
OFFSETS = [(0.0, 0.0), (0.004, 0.006), (-0.005, 0.003), (0.003, -0.007), (-0.004, -0.005)]


def load_demo_places(stdout):
    communes = reference_communes(place[3] for place in PLACES)
    structures = {
        organisation.siret: organisation
        for organisation in Organisation.objects.filter(siret__in=[demo_siret(place[1]) for place in PLACES])
    }
    created = updated = 0
    per_commune = {}
    with transaction.atomic():
        for number, owner, name, code, kinds, hours, services, equipment, address, published in PLACES:
            organisation = structures.get(demo_siret(owner))
            if organisation is None:
                continue
            commune = communes[code]
            offset = OFFSETS[per_commune.setdefault(code, 0) % len(OFFSETS)]
            per_commune[code] += 1
            defaults = {
                "organisation": organisation,
                "name": name,
                "address": address,
                "postcode": commune.postcode_list[0] if commune.postcodes else "00000",
                "commune": commune,
                "latitude": float(commune.latitude) + offset[0],
                "longitude": float(commune.longitude) + offset[1],
                "kinds": [str(kind) for kind in kinds],
                "services": [str(service) for service in services],
                "opening_hours": hours,
                "access": ["Se présenter", "Téléphoner"],
                "fees": ["Gratuit"],
                "support_modes": ["Accompagnement individuel", "En autonomie"],
                "summary": f"{name} : un lieu pour se former près de chez soi (démonstration).",
                "phone": f"+332{int(code[:2]) % 10}{number:07d}",
                "emails": f"contact-lieu-{number}@demo.deffinov.fr",
                "published": published,
                "visio_room": False,
                "on_site_support": False,
                **equipment,
            }
            _, was_created = Place.objects.update_or_create(identifier=f"demo-lieu-{number:02d}", defaults=defaults)
            created += was_created
            updated += not was_created
    stdout.write(f"Lieux : {created} créé(s), {updated} mis à jour ({len(PLACES)} dans la démonstration).")
