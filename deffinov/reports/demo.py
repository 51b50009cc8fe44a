"""The demonstration's reports: given signed projects are brought to their report stage through the real workflow.

    load_demo({"interim_submitted": p1, "interim_accepted": p2, "final_submitted": p3, "final_accepted": p4})

Each stage includes the ones before it (a final report accepted follows an interim report accepted). The lead's
administrator writes and hands in; the instructor accepts. The final report declares `FINAL_SPENT_SHARE` of the
planned budget, so the balance is paid pro rata.
"""

from decimal import ROUND_DOWN, Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from deffinov.accounts.roles import GROUP_NAMES, Role
from deffinov.applications.bounds import CENT
from deffinov.instruction.models import Assignment
from deffinov.organisations.models import Membership
from deffinov.reports import workflow
from deffinov.reports.catalogue import ensure_catalogue
from deffinov.reports.content import expense_lines, save_content
from deffinov.reports.models import ReportKind, ReportState
from deffinov.reports.projects import ensure_reports
from deffinov.territories.models import Commune

STAGES = ("interim_submitted", "interim_accepted", "final_submitted", "final_accepted")
INTERIM_SPENT_SHARE = Decimal("0.45")
FINAL_SPENT_SHARE = Decimal("0.85")  # of the whole budget, since the start: the balance is paid pro rata

INTERIM = {
    ("apprenants", "demandeurs_emploi"): 18,
    ("apprenants", "salaries"): 12,
    ("apprenants", "jeunes_mission_locale"): 9,
    ("apprenants", "beneficiaires_rsa"): 4,
    ("apprenants", "personnes_handicap"): 2,
    ("apprenants", "apprentis"): 6,
    ("heures_formation", ""): Decimal("642.5"),
    ("sessions_formation", ""): 24,
    ("methodes_pedagogiques", ""): 2,
    ("equipements_mutualises", ""): 5,
    ("partenaires", ""): 4,
    ("places_ouvertes", ""): 36,
}
FINAL = {key: Decimal(value) * 2 if key[0] != "methodes_pedagogiques" else Decimal(1) for key, value in INTERIM.items()}


def lead_admin(project):
    lead = project.application.participations.get(is_lead=True)
    return Membership.objects.filter(organisation_id=lead.organisation_id, role=Membership.Role.ADMIN).first().user


def write(report, by, share, figures, at):
    """The lead writes the report: a narrative, `share` of each planned line spent, the figures, the communes."""
    lines = expense_lines(report.project)
    period = "la première moitié du projet" if report.kind == ReportKind.INTERIM else "la seconde moitié du projet"
    save_content(
        report,
        by,
        narrative=(
            f"Sur {period}, le collectif a ouvert ses ateliers aux demandeurs d'emploi et aux salariés du territoire, "
            "testé l'apprentissage en situation de travail au fablab et mutualisé ses équipements avec les "
            "partenaires. Les sessions ont été complètes ; deux formateurs ont été recrutés."
        ),
        spent={line.pk: (line.amount * share).quantize(CENT, rounding=ROUND_DOWN) for line in lines},
        values={key: Decimal(value) for key, value in figures.items()},
        communes=list(report.project.application.communes.all()[:5]) or list(Commune.objects.order_by("code")[:1]),
        at=at,
    )


def hand_in(report, by, share, figures, at):
    if report.state == ReportState.DRAFT:
        write(report, by, share, figures, at)
        workflow.hand_in(report, by, at)


def accept(report, instructor, at):
    if report.state == ReportState.SUBMITTED:
        workflow.apply(report, "accept", instructor, at)


def an_instructor(project):
    """The instructor assigned to the dossier, or any instructor."""
    assignment = Assignment.objects.filter(application_id=project.application_id).select_related("instructor").first()
    if assignment:
        return assignment.instructor
    return get_user_model().objects.filter(groups__name=GROUP_NAMES[Role.INSTRUCTOR]).order_by("pk").first()


def load_demo(projects, instructor=None, now=None):
    """Bring each project of `projects` ({stage: project}, stages in STAGES) to its stage; returns the reports.

    `instructor` accepts the reports (by default the dossier's assigned instructor, or any instructor)."""
    now = now or timezone.now()
    ensure_catalogue()
    done = {}
    for stage, project in projects.items():
        if stage not in STAGES:
            raise ValueError(f"Étape inconnue : {stage} (possibles : {', '.join(STAGES)}).")
        lead = lead_admin(project)
        interim, final = ensure_reports(project)
        hand_in(interim, lead, INTERIM_SPENT_SHARE, INTERIM, now)
        if stage != "interim_submitted":
            accept(interim, instructor or an_instructor(project), now)
        if stage in ("final_submitted", "final_accepted"):
            hand_in(final, lead, FINAL_SPENT_SHARE, FINAL, now)
        if stage == "final_accepted":
            accept(final, instructor or an_instructor(project), now)
        done[stage] = (interim, final)
    return done
