"""From a dossier in the database to the eligibility engine's plain facts, and its verdict."""

import dataclasses
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone

from deffinov import formatting as fmt
from deffinov.applications.bounds import sane_date
from deffinov.applications.documents import missing_kinds
from deffinov.applications.models import Application, Participation, ResourceLine, State
from deffinov.calls.models import end_of_day_in_paris
from deffinov.eligibility.adapters import rules_from_call
from deffinov.eligibility.engine import cofinancing_rate, evaluate
from deffinov.eligibility.facts import ApplicationFacts, BudgetFacts, MemberFacts, RuleResult, Status

DOSSIER_PREFETCH = (
    Prefetch(
        "participations",
        queryset=Participation.objects.select_related("organisation", "organisation__commune").prefetch_related(
            "declarations__criterion", "documents"
        ),
    ),
    "communes",
    "expenses",
    "resources",
    "wave__call__budget_categories",
    "wave__call__document_requirements",
)


def with_dossier(queryset=None):
    """Everything the dossier page, the facts and the snapshot read, in a constant number of queries."""
    queryset = queryset if queryset is not None else Application.objects.all()
    return queryset.select_related("wave__call", "epci", "updated_by").prefetch_related(*DOSSIER_PREFETCH)


def budget_totals(application):
    expenses = list(application.expenses.all())
    communication = {
        category.code for category in application.wave.call.all_budget_categories if category.is_communication
    }
    resources = list(application.resources.all())
    by_kind = {kind: Decimal(0) for kind in ResourceLine.Kind.values}
    for line in resources:
        by_kind[line.kind] += line.amount
    total_expenses = sum((line.amount for line in expenses), Decimal(0))
    total_resources = sum(by_kind.values(), Decimal(0))
    grant = by_kind[ResourceLine.Kind.REQUESTED_GRANT]
    return {
        "expenses": total_expenses,
        "resources": total_resources,
        "by_kind": by_kind,
        "grant": grant,
        "cofinancing_rate": cofinancing_rate(total_expenses, grant),
        "balance": total_resources - total_expenses,
        "in_kind_expenses": sum((line.amount for line in expenses if line.in_kind), Decimal(0)),
        # The lines of the categories the call counts as communication (none flagged: no communication).
        "communication": sum((line.amount for line in expenses if line.category in communication), Decimal(0)),
    }


def member_facts(participation, check_documents):
    declarations = {
        declaration.criterion.code: declaration.justification.strip()
        for declaration in participation.declarations.all()
        if declaration.justification.strip()
    }
    missing = None
    if check_documents:
        documents = list(participation.documents.all())
        missing = tuple(kind.label for kind in missing_kinds(participation, documents))
    organisation = participation.organisation
    return MemberFacts(
        name=organisation.name,
        siren=organisation.siren,
        kinds=frozenset(organisation.kinds),
        counted=participation.counted,
        lead=participation.is_lead,
        created_on=organisation.created_on,
        place_opened_on=organisation.place_opened_on,
        tiers_lieu_criteria=declarations,
        de_minimis_received=participation.de_minimis_received,
        grant_share=participation.grant_share,
        missing_documents=missing,
    )


def application_facts(application, check_documents=True):
    totals = budget_totals(application)
    by_kind = totals["by_kind"]
    return ApplicationFacts(
        members=tuple(member_facts(p, check_documents) for p in application.accepted_participations()),
        departements=frozenset(commune.department_id for commune in application.communes.all()),
        budget=BudgetFacts(
            expenses=totals["expenses"],
            communication=totals["communication"],
            requested_grant=by_kind[ResourceLine.Kind.REQUESTED_GRANT],
            own_funds=by_kind[ResourceLine.Kind.OWN_FUNDS],
            other_public=by_kind[ResourceLine.Kind.OTHER_PUBLIC],
            private=by_kind[ResourceLine.Kind.PRIVATE],
            in_kind=by_kind[ResourceLine.Kind.IN_KIND],
        ),
        # A date stored outside the sane window (« 9999-12-31 ») reads as missing: the dossier asks for it again.
        start_on=sane_date(application.start_on),
        end_on=sane_date(application.end_on),
        check_documents=check_documents,
    )


def correction_due_at(application):
    """During a correction, the end of the day the Region set to send the dossier back (Paris time); else None."""
    if application.state != State.CORRECTION_REQUESTED:
        return None
    correction = (
        application.correction_requests.filter(resubmitted_at__isnull=True).order_by("-requested_at", "-pk").first()
    )
    return end_of_day_in_paris(correction.due_on) if correction else None


def verdict_for(application, at=None, check_documents=True):
    """The engine's verdict on the dossier as it stands at `at` (default: now), against its call and wave.

    During a correction, the dossier is judged as when it was filed (the members' seniority, the project's
    start), and the Region's due date stands for the wave's closing: it passes if `at` is not later."""
    at = at or timezone.now()
    wave = application.wave
    rules = rules_from_call(wave.call, wave)
    facts = application_facts(application, check_documents)
    due_at = correction_due_at(application)
    if due_at is None:
        return evaluate(facts, rules, at)
    rules = dataclasses.replace(rules, wave_closes_at=due_at)
    verdict = evaluate(facts, rules, application.submitted_at or at)
    return with_due_date(verdict, due_at, at)


def with_due_date(verdict, due_at, at):
    """The wave's rule, said as what it checks during a correction: sent back by the Region's due date."""
    rules = []
    for rule in verdict.rules:
        if rule.code == "wave.open":
            limit = f"le {fmt.datetime(due_at)} (heure de Paris)"
            if at <= due_at:
                status = Status.PASS
                message = f"Le dossier corrigé est à renvoyer au plus tard {limit}, date limite fixée par la Région."
            else:
                status = Status.FAIL
                message = f"La date limite de renvoi fixée par la Région, {limit}, est dépassée."
            rule = RuleResult(rule.code, status, message, {**rule.details, "due_at": due_at.isoformat()}, rule.field)
        rules.append(rule)
    return dataclasses.replace(verdict, rules=tuple(rules))
