"""The API: the public list of funded projects, and the staff endpoints opened by a personal access token, each
paginated, filtered, and refused in French to whoever may not use it."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from deffinov.api import tokens
from deffinov.payments import requests as payment_requests
from deffinov.payments import workflow as payments_workflow
from tests.applications.factories import UserFactory
from tests.committee.conftest import score
from tests.grants.helpers import funded_project
from tests.opendata.helpers import countersigned
from tests.reviews.helpers import in_review

pytestmark = pytest.mark.django_db


def bearer(user, *scopes):
    _token, secret = tokens.create_token(user, "Système", list(scopes), timezone.now() + dt.timedelta(days=30))
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


@pytest.fixture
def two_projects(instructor, functional_admin):
    """Two projects in two waves: one countersigned (90 000 €), one whose convention is still to sign (40 000 €)."""
    signed_project, data = countersigned(instructor, functional_admin)
    unsigned_project, _ = funded_project(instructor, functional_admin, amount=Decimal(40_000))
    return signed_project, unsigned_project, data


def test_the_public_list_tells_who_is_funded_how_much_where_and_how_it_is_paid(client, two_projects):
    signed_project, _unsigned_project, _data = two_projects

    response = client.get("/api/v1/grants")

    assert response.status_code == 200
    body = response.json()
    assert (body["count"], body["page"], body["pages"]) == (2, 1, 1)
    first = body["items"][0]
    assert first["number"] == signed_project.number
    assert first["amount_granted"] == 90000
    assert first["state"] == "signed"
    assert first["convention_date"] == signed_project.convention_date.isoformat()
    assert first["lead"] == signed_project.lead.organisation.name
    assert [(m["role"], m["share"]) for m in first["members"]] == [("lead", 0.6), ("member", 0.4)]
    assert first["departements"] == ["14"]
    schedule = first["schedule"]
    assert [t["percentage"] for t in schedule] == [0.5, 0.3, 0.2]
    assert sum(Decimal(str(t["amount"])) for t in schedule) == Decimal(90000)
    assert [t["state"] for t in schedule] == ["requestable", "locked", "locked"]
    assert body["items"][1]["convention_date"] is None


def test_the_public_list_is_filtered_and_paginated(client, two_projects):
    _signed_project, unsigned_project, _data = two_projects

    by_wave = client.get("/api/v1/grants", {"wave": unsigned_project.application.wave.slug}).json()
    assert [item["number"] for item in by_wave["items"]] == [unsigned_project.number]
    by_state = client.get("/api/v1/grants", {"state": "convention_to_sign"}).json()
    assert [item["number"] for item in by_state["items"]] == [unsigned_project.number]
    second = client.get("/api/v1/grants", {"per_page": 1, "page": 2}).json()
    assert (second["count"], second["pages"], [i["number"] for i in second["items"]]) == (
        2,
        2,
        [unsigned_project.number],
    )
    assert client.get("/api/v1/grants", {"page": 3, "per_page": 1}).json()["items"] == []

    wrong = client.get("/api/v1/grants", {"state": "payé", "per_page": 1000})
    assert wrong.status_code == 422
    messages = {tuple(error["loc"]): error["msg"] for error in wrong.json()["detail"]}
    assert messages[("state",)] == "Cette valeur ne fait pas partie des choix possibles."
    assert messages[("per_page",)] == "Cette valeur doit être inférieure ou égale à 200."


def test_the_public_list_reads_in_a_constant_number_of_queries(client, two_projects, instructor, functional_admin):
    with CaptureQueriesContext(connection) as two:
        client.get("/api/v1/grants")
    funded_project(instructor, functional_admin)
    with CaptureQueriesContext(connection) as three:
        assert client.get("/api/v1/grants").json()["count"] == 3
    assert len(three) == len(two)


def test_a_wave_s_dossiers_come_with_their_states_scores_and_decisions(client, instructor, functional_admin):
    project, _data = funded_project(instructor, functional_admin)
    wave = project.application.wave
    score(project.application, instructor, 4)
    waiting = in_review(wave, instructor=instructor)["application"]
    headers = bearer(UserFactory(committee_member=True), "read")

    body = client.get(f"/api/v1/waves/{wave.slug}/applications", **headers).json()

    assert body["count"] == 2
    by_number = {item["number"]: item for item in body["items"]}
    accepted = by_number[project.number]
    assert (accepted["state"], accepted["score"]) == ("accepted", 4.0)
    assert accepted["decision"]["outcome"] == "accepted"
    assert accepted["decision"]["amount_granted"] == 90000
    assert accepted["decision"]["final"] is True
    assert by_number[waiting.number]["decision"] is None
    assert by_number[waiting.number]["state"] == "in_review"

    filtered = client.get(f"/api/v1/waves/{wave.slug}/applications", {"state": "in_review"}, **headers).json()
    assert [item["number"] for item in filtered["items"]] == [waiting.number]
    missing = client.get("/api/v1/waves/inconnue/applications", **headers)
    assert (missing.status_code, missing.json()) == (404, {"detail": "Vague introuvable."})
    assert client.get(f"/api/v1/waves/{wave.slug}/applications").status_code == 401


def test_tranches_are_read_by_the_region_s_followers_only(client, two_projects, instructor):
    signed_project, _unsigned, _data = two_projects

    body = client.get("/api/v1/payments", {"state": "requestable"}, **bearer(instructor, "read")).json()

    assert [(item["project"], item["position"], item["amount"]) for item in body["items"]] == [
        (signed_project.number, 1, 45000)
    ]
    everything = client.get("/api/v1/payments", {"per_page": 2}, **bearer(instructor, "read")).json()
    assert (everything["count"], everything["pages"], len(everything["items"])) == (6, 3, 2)
    refused = client.get("/api/v1/payments", **bearer(UserFactory(committee_member=True), "read"))
    assert refused.status_code == 403
    assert refused.json()["detail"].startswith("Accès refusé")


def paid_body(**changes):
    return {
        "engagement_reference": "EJ-2026-001",
        "mandate_reference": "M-4512",
        "paid_on": timezone.localdate().isoformat(),
    } | changes


def test_a_finance_officer_records_the_payment_of_a_validated_tranche(
    client, instructor, functional_admin, finance_officer
):
    project, data = countersigned(instructor, functional_admin)
    advance = project.tranches.get(position=1)
    url = f"/api/v1/payments/{advance.pk}/paid"
    headers = bearer(finance_officer, "payments")

    early = client.post(url, paid_body(), content_type="application/json", **headers)
    assert early.status_code == 409
    assert early.json() == {"detail": "Seule une tranche validée peut être payée : celle-ci est « Demandable »."}

    spent = {line.pk: Decimal(0) for line in payment_requests.budget_lines(project)}
    assert payment_requests.submit(advance, data["lead_admin"], spent=spent)
    assert payments_workflow.apply(advance, "instruct", instructor)
    assert payments_workflow.apply(advance, "approve", finance_officer)

    by_instructor = client.post(url, paid_body(), content_type="application/json", **bearer(instructor, "payments"))
    assert by_instructor.status_code == 403
    future = (timezone.localdate() + dt.timedelta(days=2)).isoformat()
    too_soon = client.post(url, paid_body(paid_on=future), content_type="application/json", **headers)
    assert too_soon.status_code == 409
    assert too_soon.json()["detail"] == "La date du paiement ne peut pas être dans le futur."
    blank = client.post(url, paid_body(mandate_reference="   "), content_type="application/json", **headers)
    assert blank.status_code == 422
    assert blank.json()["detail"][0]["msg"] == "Ce champ est obligatoire."

    response = client.post(url, paid_body(), content_type="application/json", **headers)

    assert response.status_code == 200
    assert (response.json()["state"], response.json()["amount_paid"]) == ("paid", 45000)
    advance.refresh_from_db()
    assert advance.state == "paid"
    request = advance.requests.get()
    assert (request.engagement, request.mandate) == ("EJ-2026-001", "M-4512")
    again = client.post(url, paid_body(), content_type="application/json", **headers)
    assert again.status_code == 409
    missing = client.post("/api/v1/payments/999999/paid", paid_body(), content_type="application/json", **headers)
    assert (missing.status_code, missing.json()) == (404, {"detail": "Tranche introuvable."})
