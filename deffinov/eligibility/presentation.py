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
    "budget.communication_cap": _("Dépenses de communication"),
    "schedule.start": _("Date de début"),
    "schedule.duration": _("Durée du projet"),
    "schedule.end": _("Date de fin"),
    "documents.complete": _("Pièces justificatives"),
    "state_aid.de_minimis": _("Aides de minimis"),
}

# The one vocabulary of a rule's status, on every page (simulator, dossier, instruction, committee, exports):
# (icon, label, css modifier).
STATUS_DISPLAY = {
    Status.PASS: ("✓", _("Respectée"), "pass"),
    Status.WARNING: ("⚠", _("À examiner"), "warning"),
    Status.FAIL: ("✗", _("Non respectée"), "fail"),
    Status.NOT_APPLICABLE: ("–", _("Sans objet"), "not-applicable"),
}
STATUS_VALUES = frozenset(member.value for member in Status)
NOT_EVALUATED = ("–", _("Non évaluée"), "none")

# The one vocabulary of a whole verdict: eligible, eligible with rules to examine, not eligible, none recorded.
VERDICT_DISPLAY = {
    Status.PASS: ("✓", _("Éligible")),
    Status.WARNING: ("⚠", _("Éligible, avec des points à examiner")),
    Status.FAIL: ("✗", _("Non éligible")),
}
NO_VERDICT = ("–", _("Pas de verdict enregistré"))


def status_display(status):
    """{"status", "icon", "label", "css"} of a rule status (a Status, its value, or None when not evaluated)."""
    if status in STATUS_VALUES:
        icon, label, css = STATUS_DISPLAY[Status(status)]
        return {"status": str(Status(status)), "icon": icon, "label": label, "css": css}
    icon, label, css = NOT_EVALUATED
    return {"status": "none", "icon": icon, "label": label, "css": css}


def rule_row(code, status, message, field=""):
    """What the verdict template (eligibility/includes/verdict.html) shows of one rule."""
    return {"code": code, "title": RULE_TITLES.get(code, code), "message": message, "field": field} | status_display(
        status
    )


def verdict_rows(verdict, anchors=None):
    """One dict per rule for the templates; `anchors` keeps only the links that exist on the page."""
    rows = []
    for result in verdict.rules:
        field = result.field if anchors is None or result.field in anchors else anchors_fallback(result.field, anchors)
        rows.append(rule_row(result.code, result.status, result.message, field))
    return rows


def stored_rows(verdict):
    """The rows of a verdict stored as a dict (`Verdict.as_dict()`), e.g. the one recorded at submission."""
    return [
        rule_row(rule["code"], rule.get("status"), rule.get("message", "")) for rule in (verdict or {}).get("rules", [])
    ]


def overall_status(verdict):
    """pass / warning / fail of a verdict stored as a dict; None when there is none."""
    if not verdict:
        return None
    if not verdict.get("eligible"):
        return Status.FAIL
    if any(rule.get("status") == Status.WARNING for rule in verdict.get("rules", [])):
        return Status.WARNING
    return Status.PASS


def verdict_display(verdict):
    """{"status", "icon", "label"} of a whole verdict stored as a dict."""
    status = overall_status(verdict)
    icon, label = NO_VERDICT if status is None else VERDICT_DISPLAY[status]
    return {"status": "none" if status is None else str(status), "icon": icon, "label": label}


def verdict_label(verdict):
    """The verdict in words, for exports and texts without icons."""
    return str(verdict_display(verdict)["label"]) if verdict else "–"


def anchors_fallback(field, anchors):
    # The simulator has no criteria section of its own: they sit with each member.
    if field == "#criteres-tiers-lieu" and "#membres" in anchors:
        return "#membres"
    return ""


def verdict_summary(verdict):
    failures = sum(1 for result in verdict.rules if result.status == Status.FAIL)
    warnings = sum(1 for result in verdict.rules if result.status == Status.WARNING)
    return {"eligible": verdict.eligible, "failures": failures, "warnings": warnings}
