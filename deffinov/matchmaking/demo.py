"""Partner ads of the demonstration structures (deffinov/demo/organisations.py), so that the demo applicant
(candidat@demo.deffinov.fr, La Fabrique du Bocage in Vire) sees suggestions with their reasons.

Each ad is found again by its structure and title: loading again updates it, never duplicates it."""

from django.db import transaction

from deffinov.demo.organisations import demo_siret
from deffinov.matchmaking.models import Ad, AdStatus
from deffinov.matchmaking.vocabulary import Contribution as C
from deffinov.organisations.kinds import Kind as K
from deffinov.organisations.models import Organisation

TRAINERS = [K.ORGANISME_FORMATION, K.CFA, K.LYCEE_PROFESSIONNEL, K.EDTECH]
PLACES = [K.TIERS_LIEU, K.EPN]

# (structure number, title, kinds sought, seeks, offers, NSF domains, radius km, status, description)
ADS = [
    (1, "Tiers-lieu du bocage cherche un organisme de formation au numérique", TRAINERS,
     [C.TRAINERS, C.CERTIFICATION, C.ENGINEERING], [C.PREMISES, C.EQUIPMENT, C.LEARNERS], ["32", "25"], 60,
     AdStatus.PUBLISHED,
     "Notre coworking accueille chaque semaine des salariés et des demandeurs d'emploi du bocage. Nous cherchons "
     "un organisme de formation pour ouvrir des sessions à distance tutorées dans notre salle de visioconférence."),
    (2, "Des formations industrielles et numériques à rapprocher des salariés", PLACES,
     [C.PREMISES, C.EQUIPMENT], [C.TRAINERS, C.CERTIFICATION], ["25", "32"], 40, AdStatus.PUBLISHED,
     "Nous formons aux métiers de l'industrie et du numérique et cherchons des lieux d'accueil équipés "
     "près des entreprises du bocage."),
    (3, "Organisme de formation caennais cherche tiers-lieux partenaires", PLACES,
     [C.PREMISES, C.LEARNERS], [C.TRAINERS, C.ENGINEERING, C.CERTIFICATION], ["31", "32"], 80, AdStatus.PUBLISHED,
     "Bureautique, gestion et transitions professionnelles : nous voulons proposer nos parcours hybrides dans "
     "des tiers-lieux et des EPN du Calvados."),
    (4, "Apprentissage dans le Bessin : des salles au plus près des apprentis", [K.TIERS_LIEU],
     [C.PREMISES], [C.TRAINERS], ["23", "33"], 60, AdStatus.PUBLISHED,
     "Le CFA cherche un tiers-lieu pour accueillir des cours à distance de ses apprentis du bâtiment et du commerce."),
    (17, "Formations aux usages numériques : cherche lieux d'accueil dans la Manche et le Calvados", PLACES,
     [C.PREMISES, C.EQUIPMENT], [C.TRAINERS, C.ENGINEERING], ["32"], 50, AdStatus.PUBLISHED,
     "Nos formateurs se déplacent : il nous manque des salles équipées et des relais auprès des publics."),
    (7, "Tiers-lieu de Lisieux cherche un partenaire pour des formations au numérique", TRAINERS,
     [C.TRAINERS], [C.PREMISES, C.EQUIPMENT], ["32"], 50, AdStatus.PUBLISHED,
     "Coworking et atelier de réparation en centre-ville, avec une salle de formation de douze places."),
    (24, "Aide à domicile : des formations dans les tiers-lieux de l'Orne", PLACES,
     [C.PREMISES, C.LEARNERS], [C.TRAINERS, C.CERTIFICATION], ["33"], 70, AdStatus.PUBLISHED,
     "Nous cherchons des lieux ruraux pour des sessions courtes auprès des futurs aides à domicile."),
    (16, "Tiers-lieu maritime cherche un CFA ou un organisme de formation", TRAINERS,
     [C.TRAINERS, C.CERTIFICATION], [C.PREMISES, C.NETWORK], ["21", "32"], 80, AdStatus.PUBLISHED,
     "Espace de formation et atelier partagé sur le port de Cherbourg."),
    (29, "Formations certifiantes en informatique : cherche tiers-lieux en Seine-Maritime", PLACES,
     [C.PREMISES], [C.TRAINERS, C.CERTIFICATION], ["32", "31"], 50, AdStatus.PUBLISHED,
     "Nous voulons ouvrir des sessions hybrides hors de la métropole rouennaise."),
    (12, "EPN cherche un organisme pour des ateliers d'insertion", [K.ORGANISME_FORMATION],
     [C.TRAINERS], [C.EQUIPMENT, C.LEARNERS], ["32", "41"], 40, AdStatus.PAUSED,
     "Annonce en pause le temps de préparer la rentrée."),
]  # fmt: skip


def load_demo_ads(stdout):
    structures = {
        organisation.siret: organisation
        for organisation in Organisation.objects.filter(siret__in=[demo_siret(ad[0]) for ad in ADS]).select_related(
            "commune"
        )
    }
    created = updated = 0
    with transaction.atomic():
        for number, title, sought, seeks, offers, domains, radius, status, description in ADS:
            organisation = structures.get(demo_siret(number))
            if organisation is None:
                continue
            _ad, was_created = Ad.objects.update_or_create(
                organisation=organisation,
                title=title,
                defaults={
                    "sought_kinds": [str(kind) for kind in sought],
                    "seeks": [str(value) for value in seeks],
                    "offers": [str(value) for value in offers],
                    "domains": domains,
                    "commune": organisation.commune,
                    "radius_km": radius,
                    "status": status,
                    "description": description,
                },
            )
            created += was_created
            updated += not was_created
    stdout.write(f"  annonces de partenariat : {created} créée(s), {updated} mise(s) à jour")
