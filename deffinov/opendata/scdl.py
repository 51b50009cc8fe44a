"""Grants in SCDL « subventions » 2.1.1 (schemas/scdl-subventions-2.1.1.schema.json): the essential data of grant
conventions a public body publishes under décret 2017-779.

One row per beneficiary of each funded project whose convention the Region has countersigned and whose grant
reaches the threshold (settings.OPEN_DATA_GRANT_THRESHOLD, 23 000 € by the décret): `montant` is the whole grant,
`pourcentageSubvention` that beneficiary's share of it."""

from django.conf import settings

from deffinov.opendata.dispositifs import dispositif_id
from deffinov.opendata.grants import beneficiaries, public_projects
from deffinov.utils.spreadsheets import neutralise

COLUMNS = (
    "nomAttribuant",
    "idAttribuant",
    "dateConvention",
    "referenceDecision",
    "nomBeneficiaire",
    "idBeneficiaire",
    "rnaBeneficiaire",
    "objet",
    "montant",
    "nature",
    "conditionsVersement",
    "datesPeriodeVersement",
    "idRAE",
    "notificationUE",
    "pourcentageSubvention",
    "dispositifAide",
)
OBJECT_MAX = 256
CHUNK = 500


def published_projects():
    """The projects the file lists: countersigned (a convention date) and granted at least the threshold."""
    return (
        public_projects(places=False)
        .filter(convention_date__isnull=False, amount_granted__gte=settings.OPEN_DATA_GRANT_THRESHOLD)
        .order_by("convention_date", "pk")
    )


def payment_period(project):
    """« AAAA-MM-JJ/AAAA-MM-JJ »: the tranches are paid from the convention's signature to the project's end (the
    balance follows the final report); a single tranche is dated by the convention alone."""
    start = project.convention_date
    if len(project.tranches.all()) <= 1:
        return start.isoformat()
    end = max(project.ends_on, start)
    return f"{start.isoformat()}/{end.isoformat()}"


def rows_of(project):
    call = project.call
    tranches = project.tranches.all()
    common = {
        "nomAttribuant": call.funder or settings.REGION_NAME,
        "idAttribuant": settings.REGION_SIRET,
        "dateConvention": project.convention_date.isoformat(),
        "referenceDecision": project.decision.session.deliberation_reference,
        "objet": neutralise(project.title)[:OBJECT_MAX],  # neutralised before the cut: never over 256
        "montant": f"{project.amount_granted:.2f}",
        "nature": "aide en numéraire",
        "conditionsVersement": "échelonné" if len(tranches) > 1 else "unique",
        "datesPeriodeVersement": payment_period(project),
        "idRAE": "",
        "notificationUE": "non",
        "rnaBeneficiaire": "",
        "dispositifAide": dispositif_id(call),
    }
    for participation, share in beneficiaries(project):
        yield {
            **common,
            "nomBeneficiaire": participation.organisation.name,
            "idBeneficiaire": participation.organisation.siret,
            "pourcentageSubvention": f"{share.normalize():f}",
        }


def rows(projects=None):
    """Lists of cells, in the schema's column order; reads the projects by chunks (constant memory).

    The writer (`csvstream`) neutralises every text cell."""
    projects = published_projects() if projects is None else projects
    for project in projects.iterator(chunk_size=CHUNK):
        for row in rows_of(project):
            yield [row[column] for column in COLUMNS]
