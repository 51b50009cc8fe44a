"""Demonstration items of several demo structures, and loans between La Fabrique du Bocage and Bocage Formation
in every state (pending, reserved, active, overdue, returned, cancelled), dated around today.

Items are found again by (structure, name): loading twice updates them. Loans are made through the workflow, once:
an item that already has loans is left as it is.
"""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from deffinov.demo.organisations import demo_siret
from deffinov.loans import workflow
from deffinov.loans.models import Audience, Item, ItemKind
from deffinov.organisations.models import Membership, Organisation

A, K = Audience, ItemKind
# (structure number, name, kind, deposit, audience, description)
ITEMS = [
    (1, "Casque de réalité virtuelle Meta Quest 3 n° 1", K.VR_HEADSET, 150, A.NETWORK,
     "Casque autonome avec ses manettes, chargeur et housse ; applications de formation installées."),
    (1, "Casque de réalité virtuelle Meta Quest 3 n° 2", K.VR_HEADSET, 150, A.NETWORK,
     "Deuxième casque de la série, mêmes applications."),
    (1, "Découpeuse laser portable", K.FABLAB_MACHINE, 500, A.CONSORTIUM,
     "Pour des ateliers de découpe et de gravure ; une formation à la sécurité est faite au retrait."),
    (1, "Kit robotique éducative (12 robots)", K.KIT, 80, A.NETWORK,
     "Douze robots programmables par blocs, avec les fiches d'activités."),
    (2, "Ordinateurs portables – lot de 8", K.LAPTOP, 400, A.NETWORK,
     "Huit portables avec suite bureautique, pour une session de formation à distance."),
    (2, "Module e-learning « Les bases du numérique »", K.ELEARNING, 0, A.PUBLIC,
     "Vingt heures en ligne, accès individuel ouvert pour trois mois."),
    (3, "Licences de logiciel de CAO (10 postes)", K.LICENCE, 0, A.NETWORK,
     "Dix licences annuelles prêtées pour la durée d'une formation."),
    (7, "Imprimante 3D Prusa", K.FABLAB_MACHINE, 300, A.NETWORK, "Avec deux bobines de filament PLA."),
]  # fmt: skip

# (item index, borrower number, start in days from today, length in days, state)
LOANS = [
    (0, 2, 5, 3, "pending"),
    (0, 2, 12, 4, "reserved"),
    (1, 2, -3, 7, "active"),
    (3, 2, -10, 5, "overdue"),
    (1, 2, -30, 5, "returned"),
    (4, 1, 8, 2, "cancelled"),
    (4, 1, -20, 3, "returned"),
]
STEPS = {
    "pending": [],
    "reserved": ["accept"],
    "active": ["accept", "pick_up"],
    "overdue": ["accept", "pick_up", "mark_overdue"],
    "returned": ["accept", "pick_up", "give_back"],
    "cancelled": ["decline"],
}


def first_admin(organisation):
    membership = (
        Membership.objects.filter(organisation=organisation, role=Membership.Role.ADMIN).select_related("user").first()
    )
    return membership.user if membership else None


def load_demo_loans(stdout):
    structures = {
        number: Organisation.objects.filter(siret=demo_siret(number)).first() for number in {i[0] for i in ITEMS}
    }
    items = []
    for number, name, kind, deposit, audience, description in ITEMS:
        organisation = structures[number]
        if organisation is None:
            items.append(None)
            continue
        item, _created = Item.objects.update_or_create(
            organisation=organisation,
            name=name,
            defaults={
                "kind": kind,
                "deposit": Decimal(deposit),
                "audience": audience,
                "description": description,
                "pickup_place": organisation.places.order_by("pk").first(),
                "available": True,
            },
        )
        items.append(item)
    today = timezone.localdate()
    made = 0
    fresh = {item.pk for item in items if item is not None and not item.loans.exists()}
    for index, borrower_number, start, length, state in LOANS:
        item = items[index]
        borrower = Organisation.objects.filter(siret=demo_siret(borrower_number)).first()
        if item is None or item.pk not in fresh or borrower is None:
            continue
        owner_admin, borrower_admin = first_admin(item.organisation), first_admin(borrower)
        if owner_admin is None or borrower_admin is None:
            continue
        starts_on = today + dt.timedelta(days=start)
        loan = workflow.request_loan(
            item, borrower_admin, borrower, starts_on, starts_on + dt.timedelta(days=length - 1),
            message="Pour nos ateliers de formation (démonstration).",
        )  # fmt: skip
        for name in STEPS[state]:
            workflow.apply(loan, name, None if name == "mark_overdue" else owner_admin)
        made += 1
    stdout.write(f"  Prêts de matériel : {sum(1 for i in items if i)} objets, {made} prêts créés.")
