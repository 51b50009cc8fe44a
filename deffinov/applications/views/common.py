from decimal import Decimal

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone

from deffinov import formatting
from deffinov.applications import sections
from deffinov.applications.documents import missing_kinds, required_kinds
from deffinov.applications.facts import budget_totals, verdict_for
from deffinov.applications.forms.budget import ExpenseForm, ResourceForm
from deffinov.applications.forms.documents import DocumentForm
from deffinov.applications.models import State
from deffinov.applications.summary import summary_for
from deffinov.eligibility.facts import Status
from deffinov.eligibility.presentation import rule_row

NOT_EDITABLE = "Ce dossier a été déposé le %(date)s : il ne peut plus être modifié."
# Where to fix each rule in the dossier page (the engine's own anchors are those of the simulator).
ANCHORS = {
    "wave.open": "#deposer",
    "composition.tiers_lieu": "#criteres",
    "composition.training_actor": "#membres",
    "composition.distinct_members": "#membres",
    "composition.lead": "#membres",
    "members.seniority": "#membres",
    "territory.region": "#territoire",
    "budget.balanced": "#budget",
    "budget.grant_range": "#budget",
    "budget.cofinancing": "#budget",
    "budget.communication_cap": "#budget",
    "schedule.duration": "#calendrier",
    "schedule.end": "#calendrier",
    "schedule.start": "#calendrier",
    "documents.complete": "#documents",
    "state_aid.de_minimis": "#minimis",
}


def refuse_if_not_draft(request, application):
    """A redirect with a clear message when the dossier can no longer be edited, else None."""
    if application.is_editable:
        return None
    if application.submitted_at:
        messages.error(request, NOT_EDITABLE % {"date": formatting.datetime(application.submitted_at)})
    else:
        messages.error(request, "Ce dossier ne peut plus être modifié.")
    return redirect(application)


def eligibility_context(application):
    verdict = verdict_for(application, at=timezone.now(), check_documents=True)
    rules = [
        rule_row(rule.code, rule.status, rule.message, ANCHORS.get(rule.code, rule.field)) for rule in verdict.rules
    ]
    failing = sum(1 for rule in verdict.rules if rule.status == Status.FAIL)
    return {"verdict": verdict, "rules": rules, "failing": failing}


def members_documents(application):
    rows = []
    for participation in application.accepted_participations():
        documents = list(participation.documents.all())
        rows.append(
            {
                "participation": participation,
                "required": required_kinds(participation),
                "missing": missing_kinds(participation, documents),
                "provided": {document.kind for document in documents},
                "documents": documents,
            }
        )
    return rows


def member_budget(application, totals):
    rows = []
    for participation in application.accepted_participations():
        lines = [line for line in application.expenses.all() if line.participation_id == participation.pk]
        expenses = sum((line.amount for line in lines), Decimal(0))
        rows.append(
            {
                "name": participation.organisation.name,
                "expenses": expenses,
                "share": participation.grant_share,
                "grant": (participation.grant_share * totals["grant"]).quantize(Decimal("0.01")),
            }
        )
    return rows


class SectionList(list):
    """The sections of the dossier, in order, with how many are complete (the outline's progress)."""

    @property
    def done(self):
        return sum(1 for section in self if section["complete"])


def section_list(application, forms):
    done = sections.completeness(application)
    return SectionList(
        {"key": key, "title": title, "form": forms[key], "complete": done.get(key, False)}
        for key, title in sections.titles_for(application).items()
    )


def dossier_context(request, application, bound=None, conflict=None, upload_form=None, budget_forms=None):
    editable = application.is_editable and request.user.has_perm("applications.change_application", application)
    if not editable:
        # Read only: the dossier as a summary, without the forms (and their 70 EPCI options).
        return readonly_context(request, application)
    forms = {key: sections.build_form(application, key) for key in sections.TITLES}
    if bound:
        forms[bound[0]] = bound[1]
    if not editable:
        for form in forms.values():
            for field in form.fields.values():
                field.disabled = True
    budget_forms = budget_forms or {}
    totals = budget_totals(application)
    return {
        "application": application,
        "wave": application.wave,
        "editable": editable,
        "sections": section_list(application, forms),
        "conflict": conflict,
        "conflict_key": bound[0] if bound and conflict else None,
        "totals": totals,
        "member_budget": member_budget(application, totals),
        "participations": application.accepted_participations(),
        "pending": [p for p in application.participations.all() if p.status == "invited"],
        "expense_form": budget_forms.get("expense") or ExpenseForm(application=application),
        "resource_form": budget_forms.get("resource") or ResourceForm(),
        "upload_form": upload_form,
        "upload_forms": upload_forms(application, upload_form),
        "members_documents": members_documents(application),
        "can_manage": request.user.has_perm("applications.manage_consortium", application),
        "can_submit": request.user.has_perm("applications.submit_application", application),
        "receipt": getattr(application, "receipt", None) if application.state != State.DRAFT else None,
        **eligibility_context(application),
    }


def readonly_context(request, application):
    return {
        "application": application,
        "wave": application.wave,
        "editable": False,
        "s": summary_for(application),
        "sections": section_list(application, dict.fromkeys(sections.TITLES)),
        "can_manage": request.user.has_perm("applications.manage_consortium", application),
        "can_submit": request.user.has_perm("applications.submit_application", application),
        "receipt": getattr(application, "receipt", None) if application.state != State.DRAFT else None,
        **eligibility_context(application),
    }


def upload_forms(application, bound):
    forms = {}
    for participation in application.accepted_participations():
        if bound is not None and bound.participation.pk == participation.pk:
            forms[participation.pk] = bound
        else:
            forms[participation.pk] = DocumentForm(participation=participation)
    return forms


def render_dossier(request, application, status=200, **kwargs):
    return render(request, "applications/detail.html", dossier_context(request, application, **kwargs), status=status)
