from decimal import Decimal

from deffinov.applications.facts import application_facts, budget_totals, verdict_for, with_dossier
from deffinov.applications.models import Application, Document, ExpenseLine, ResourceLine
from deffinov.applications.views.common import eligibility_context


def load(application):
    return with_dossier(Application.objects.filter(pk=application.pk)).get()


def test_complete_dossier_is_eligible(consortium):
    verdict = verdict_for(load(consortium["application"]))
    assert verdict.eligible, [(r.code, r.message) for r in verdict.rules if r.blocking]


def test_facts_come_from_accepted_members_declarations_places_and_lines(consortium):
    facts = application_facts(load(consortium["application"]))
    lead, partner = facts.members
    assert lead.lead and lead.counted and "tiers_lieu" in lead.kinds
    assert len(lead.tiers_lieu_criteria) == 5
    assert partner.kinds == frozenset({"organisme_formation"})
    assert facts.departements == frozenset({"14"})
    assert facts.budget.expenses == Decimal(150_000)
    assert facts.budget.requested_grant == Decimal(100_000)
    assert lead.missing_documents == ()


def test_missing_document_blocks(consortium):
    Document.objects.filter(participation=consortium["partner"], kind="engagement").delete()
    verdict = verdict_for(load(consortium["application"]))
    documents = verdict.result("documents.complete")
    assert documents.blocking
    assert "Lettre d'engagement signée" in documents.message


def test_budget_totals_and_cofinancing(consortium):
    totals = budget_totals(load(consortium["application"]))
    assert totals["expenses"] == totals["resources"] == Decimal(150_000)
    assert totals["balance"] == 0
    assert round(totals["cofinancing_rate"], 3) == Decimal("0.333")


def test_communication_expenses_reach_the_engine_and_its_cap(consortium):
    application = consortium["application"]
    ExpenseLine.objects.create(
        application=application,
        participation=consortium["lead"],
        category="communication",
        label="Campagne d'affichage",
        amount=Decimal(24_500),
    )
    ResourceLine.objects.filter(application=application, kind="own_funds").update(amount=Decimal(74_500))
    facts = application_facts(load(application))
    assert facts.budget.communication == Decimal(24_500)
    assert facts.budget.expenses == Decimal(174_500)
    # 14 % of the budget on communication, over the call's 10 % cap: no longer « Éligible ».
    verdict = verdict_for(load(application))
    assert verdict.result("budget.communication_cap").status == "fail"
    assert not verdict.eligible


def test_the_panel_sends_the_new_rules_to_their_section(consortium):
    rows = {row["code"]: row for row in eligibility_context(load(consortium["application"]))["rules"]}
    assert rows["budget.communication_cap"]["field"] == "#budget"
    assert rows["schedule.start"]["field"] == "#calendrier"
