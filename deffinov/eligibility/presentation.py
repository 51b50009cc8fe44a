"""How a verdict reads on a page: a title per rule, an icon with its text alternative."""

from django.utils.translation import gettext_lazy as _

from deffinov.eligibility.facts import Status

RULE_TITLES = {
    "wave.open": _("Vague ouverte"),
    "composition.tiers_lieu": _("Un tiers-lieu répondant aux critères"),
    "composition.training_actor": _("Un acteur de la formation"),
    "composition.distinct_members": _("Des structures distinctes"),
    "composition.lead": _("Un chef de file"),
    "members.seniority": _("Ancienneté des membres"),
    "territory.region": _("Territoire"),
    "budget.balanced": _("Budget équilibré"),
    "budget.grant_range": _("Montant de la subvention"),
    "budget.cofinancing": _("Cofinancement"),
    "schedule.duration": _("Durée du projet"),
    "schedule.end": _("Date de fin"),
    "documents.complete": _("Pièces justificatives"),
    "state_aid.de_minimis": _("Aides de minimis"),
}

STATUS_DISPLAY = {
    Status.PASS: ("✓", _("Respectée"), "pass"),
    Status.WARNING: ("⚠", _("À examiner"), "warning"),
    Status.FAIL: ("✗", _("Bloquante"), "fail"),
    Status.NOT_APPLICABLE: ("–", _("Sans objet"), "not-applicable"),
}


def verdict_rows(verdict, anchors=None):
    """One dict per rule for the templates; `anchors` keeps only the links that exist on the page."""
    rows = []
    for result in verdict.rules:
        icon, label, css = STATUS_DISPLAY[result.status]
        field = result.field if anchors is None or result.field in anchors else anchors_fallback(result.field, anchors)
        rows.append(
            {
                "code": result.code,
                "title": RULE_TITLES.get(result.code, result.code),
                "status": str(result.status),
                "icon": icon,
                "label": label,
                "css": css,
                "message": result.message,
                "field": field,
            }
        )
    return rows


def anchors_fallback(field, anchors):
    # The simulator has no criteria section of its own: they sit with each member.
    if field == "#criteres-tiers-lieu" and "#membres" in anchors:
        return "#membres"
    return ""


def verdict_summary(verdict):
    failures = sum(1 for result in verdict.rules if result.status == Status.FAIL)
    warnings = sum(1 for result in verdict.rules if result.status == Status.WARNING)
    return {"eligible": verdict.eligible, "failures": failures, "warnings": warnings}
