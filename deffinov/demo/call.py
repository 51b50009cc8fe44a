"""The Normandy call, as the Region published it: rules, tiers-lieu criteria, waves, events and documents."""

import datetime as dt
from decimal import Decimal

from deffinov.calls.coherence import earliest_end_after_closing
from deffinov.calls.models import (
    DEFAULT_BUDGET_CATEGORIES,
    DEFAULT_DOCUMENT_REQUIREMENTS,
    PARIS,
    BudgetCategory,
    Call,
    DocumentRequirement,
    Event,
    Resource,
    TiersLieuCriterion,
    Wave,
    end_of_day_in_paris,
    start_of_day_in_paris,
)
from deffinov.demo import reference

CALL_SLUG = "normandie-connectee-deffinov"
NORMANDY_DEPARTMENTS = ["14", "27", "50", "61", "76"]
DEMO_WAVE_SLUG = "vague-demonstration"
DEMO_WAVE_DAYS = 60

# Normandy has 2.9 M€ over 2023–2026; the split between waves is not public.
ILLUSTRATIVE_ENVELOPE = Decimal(1_450_000)
ILLUSTRATIVE_NOTE = "montant indicatif : les 2,9\xa0M€ normands répartis à parts égales, à titre d'illustration"

CALL = {
    "title": "Normandie Connectée – Nouveaux espaces de compétences – Deffinov",
    "short_title": "Normandie Connectée – Deffinov",
    "summary": (
        "Déclinaison normande du programme national DEFFINOV Tiers-lieux, cet appel à projets de la Région "
        "Normandie finance les collectifs de tiers-lieux, d'espaces publics numériques et d'acteurs de la "
        "formation qui rapprochent la formation des Normands. La Normandie y consacre 2,9 millions d'euros "
        "sur 2023–2026."
    ),
    "objectives": "\n".join(
        [
            "Ouvrir de nouveaux lieux d'accueil des apprenants pour que les actifs accèdent plus facilement "
            "à la formation, près de chez eux.",
            "Mettre en commun les équipements et les ressources pédagogiques des établissements de formation.",
            "Rapprocher les réseaux des tiers-lieux et ceux de la formation.",
            "Donner aux acteurs de la formation l'occasion d'échanger et d'essayer de nouvelles méthodes "
            "et ressources pédagogiques.",
        ]
    ),
    "who_may_apply": "\n".join(
        [
            "Les dossiers sont portés par des collectifs qui associent des acteurs des tiers-lieux "
            "(tiers-lieux, espaces publics numériques) et des acteurs de la formation.",
            "Ce programme prolonge une expérimentation menée par la Région de juin à décembre 2020 : des "
            "tiers-lieux y ont accueilli des personnes suivant une formation à distance, ce qui a permis de "
            "préciser les conditions matérielles et humaines d'un bon accueil.",
        ]
    ),
    "funder": "Région Normandie",
    "is_published": True,
    "grant_min": Decimal(50_000),
    "grant_max": Decimal(200_000),
    "cofinancing_floor": Decimal("0.30"),
    "cofinancing_floor_exception": Decimal("0.20"),
    "communication_cap_rate": Decimal("0.10"),
    "de_minimis_ceiling": Decimal(300_000),
    "duration_min_months": 12,
    "duration_max_months": 36,
    "programme_ends_on": dt.date(2026, 12, 31),
    "min_tiers_lieu_members": 1,
    "min_training_members": 1,
    "min_distinct_members": 2,
    "seniority_months": 12,
}

CRITERIA = [
    (
        "ancrage_territorial",
        "Un ancrage territorial",
        "Le lieu est installé durablement dans son territoire et répond à des besoins locaux qu'il sait décrire.",
    ),
    (
        "communaute",
        "Une communauté d'acteurs engagés",
        "Des usagers, des bénévoles et des partenaires font vivre le lieu et prennent part à ses activités.",
    ),
    (
        "gouvernance_partagee",
        "Une gouvernance partagée",
        "Les décisions associent les membres de la communauté, selon des règles connues de tous.",
    ),
    (
        "hybridation",
        "Des activités hybrides",
        "Le lieu mêle plusieurs activités : travail, formation, fabrication, médiation numérique, culture, services…",
    ),
    (
        "experimentation",
        "L'expérimentation et l'innovation",
        "Le lieu essaie de nouvelles pratiques et de nouveaux usages, et tire les leçons de ces essais.",
    ),
]

EVENTS = [
    {
        "happens_on": dt.date(2023, 1, 26),
        "kind": Event.Kind.DAY,
        "title": "Restitution de la journée de lancement",
        "description": "Lancement de l'appel à projets devant les acteurs normands des tiers-lieux et de la formation.",
        "replay_url": "",
    },
    {
        "happens_on": dt.date(2023, 3, 3),
        "kind": Event.Kind.WEBINAR,
        "title": "Webinaire de présentation",
        "description": "Les objectifs de l'appel à projets, ses règles et son calendrier.",
        "replay_url": "https://youtu.be/mfm1cEgLDUA",
    },
    {
        "happens_on": dt.date(2023, 3, 24),
        "kind": Event.Kind.WEBINAR,
        "title": "Webinaire « formation d'un consortium »",
        "description": "Réunir tiers-lieux et acteurs de la formation en un collectif, choisir son chef de file.",
        "replay_url": "https://youtu.be/amqy6sfzQME",
    },
]

RESOURCES = [
    {
        "kind": Resource.Kind.OFFICIAL,
        "position": 1,
        "title": "Cahier des charges de l'appel à projets",
        "url": "https://normandie-connectee.fr/sites/default/files/2023-08/"
        "159362_AAP%20Normandie%20connectee%20nouveaux%20espaces%20de%20competences%20DEFFINOV%20%281%29.pdf",
        "file_format": "PDF",
        "description": "Le texte de référence : objectifs, critères, dépenses éligibles et modalités de dépôt.",
    },
    {
        "kind": Resource.Kind.OFFICIAL,
        "position": 2,
        "title": "La page de l'appel à projets sur le site de la Région Normandie",
        "url": "https://www.normandie.fr/appel-projets-normandie-connectee-nouveaux-espaces-de-competences-deffinov",
        "file_format": "",
        "description": "",
    },
    {
        "kind": Resource.Kind.FURTHER,
        "position": 1,
        "title": "Épisode 9 – Des EPN aux tiers-lieux (Stratice)",
        "url": "https://www.stratice.fr/episode-9-des-epn-aux-tiers-lieux/",
        "file_format": "",
        "description": "",
    },
    {
        "kind": Resource.Kind.FURTHER,
        "position": 2,
        "title": "Innovation et transformation pédagogique – numéro spécial janvier 2023 – Tiers-lieux apprenants",
        "url": "https://www.scoop.it/nl/view/8bpG6b",
        "file_format": "",
        "description": "",
    },
    {
        "kind": Resource.Kind.FURTHER,
        "position": 3,
        "title": "Plan de transformation et de digitalisation de la formation (ministère du Travail)",
        "url": "https://travail-emploi.gouv.fr/le-ministere-en-action/relance-activite/investir-dans-les-competences/"
        "plan-de-transformation-et-de-digitalisation-de-la-formation",
        "file_format": "",
        "description": "",
    },
]


def past_waves():
    return [
        {
            "slug": "vague-1-2023",
            "number": 1,
            "title": "Vague 1 – 2023",
            "opens_at": start_of_day_in_paris(dt.date(2023, 1, 26)),
            "closes_at": end_of_day_in_paris(dt.date(2023, 4, 28)),
            "envelope": ILLUSTRATIVE_ENVELOPE,
            "envelope_note": ILLUSTRATIVE_NOTE,
            "committee_on": None,
            "committee_note": "mai 2023",
            "laureates_count": 9,
            "is_demo": False,
        },
        {
            "slug": "vague-2-2024",
            "number": 2,
            "title": "Vague 2 – 2024",
            "opens_at": start_of_day_in_paris(dt.date(2024, 1, 8)),
            "closes_at": end_of_day_in_paris(dt.date(2024, 3, 11)),
            "envelope": ILLUSTRATIVE_ENVELOPE,
            "envelope_note": ILLUSTRATIVE_NOTE,
            "committee_on": None,
            "committee_note": "",
            "laureates_count": None,
            "is_demo": False,
        },
    ]


def load_call(tally, now):
    """The call with its rules, criteria, budget categories, required documents, waves, events and documents;
    returns the Call."""
    call, created = Call.objects.update_or_create(slug=CALL_SLUG, defaults=CALL)
    tally.record("appel à projets", created)
    call.eligible_departments.set(reference.departments(NORMANDY_DEPARTMENTS))
    for position, (code, label, help_text) in enumerate(CRITERIA, start=1):
        _, created = TiersLieuCriterion.objects.update_or_create(
            call=call, code=code, defaults={"label": label, "help_text": help_text, "position": position}
        )
        tally.record("critères tiers-lieu", created)
    for position, (code, label, communication) in enumerate(DEFAULT_BUDGET_CATEGORIES, start=1):
        _, created = BudgetCategory.objects.update_or_create(
            call=call, code=code, defaults={"label": label, "is_communication": communication, "position": position}
        )
        tally.record("catégories de dépense", created)
    for position, (code, label, provider) in enumerate(DEFAULT_DOCUMENT_REQUIREMENTS, start=1):
        _, created = DocumentRequirement.objects.update_or_create(
            call=call, code=code, defaults={"label": label, "provider": provider, "position": position}
        )
        tally.record("pièces demandées", created)
    for wave in past_waves():
        _, created = Wave.objects.update_or_create(slug=wave.pop("slug"), defaults={"call": call, **wave})
        tally.record("vagues", created)
    load_demo_wave(tally, call, now)
    for event in EVENTS:
        _, created = Event.objects.update_or_create(
            call=call, happens_on=event["happens_on"], kind=event["kind"], defaults=event
        )
        tally.record("événements", created)
    for resource in RESOURCES:
        _, created = Resource.objects.update_or_create(call=call, url=resource["url"], defaults=resource)
        tally.record("documents et liens", created)
    return call


def demo_projects_end_on(closes_at, call):
    """The demonstration wave's own end of projects: the 31 December after a project of the call's maximum
    duration, started the day after the wave closes, would end. The real programme ends on 31/12/2026, before
    any project of the demonstration wave could; the call and its two real waves keep their dates."""
    closes_on = closes_at.astimezone(PARIS).date()
    return dt.date(earliest_end_after_closing(closes_on, call.duration_max_months).year, 12, 31)


def load_demo_wave(tally, call, now):
    """A fictitious wave open today for 60 days; kept as is while it is open, moved forward once it is not.

    Its projects may end after the programme (see `demo_projects_end_on`), so that an honest project is eligible."""
    wave = Wave.objects.filter(slug=DEMO_WAVE_SLUG).first()
    if wave is None or not wave.is_open(now):
        today = now.astimezone(PARIS).date()
        dates = {
            "opens_at": start_of_day_in_paris(today),
            "closes_at": end_of_day_in_paris(today + dt.timedelta(days=DEMO_WAVE_DAYS)),
        }
    else:
        dates = {"opens_at": wave.opens_at, "closes_at": wave.closes_at}
    wave, created = Wave.objects.update_or_create(
        slug=DEMO_WAVE_SLUG,
        defaults={
            "call": call,
            "number": 3,
            "title": "Vague de démonstration",
            "envelope": Decimal(1_000_000),
            "envelope_note": "montant fictif",
            "committee_on": None,
            "committee_note": "",
            "laureates_count": None,
            "is_demo": True,
            "projects_end_on": demo_projects_end_on(dates["closes_at"], call),
            **dates,
        },
    )
    tally.record("vagues", created)
    return wave
