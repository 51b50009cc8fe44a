"""The pages of payments: who gets what, the lead's request form, the queue of the Region."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from deffinov.payments.models import SupportingDocument, TrancheState
from tests.applications.factories import UserFactory
from tests.payments.conftest import PDF
from tests.payments.helpers import tranche

pytestmark = pytest.mark.django_db
LOGIN = "login"


def test_permission_matrix(client, funded, instructor, finance_officer, functional_admin):
    project, data = funded
    number = project.number
    users = {
        "anonymous": None,
        "outsider": UserFactory(),
        "lead_admin": data["lead_admin"],
        "instructor": instructor,
        "finance_officer": finance_officer,
        "functional_admin": functional_admin,
    }
    matrix = [
        (reverse("payments:tranche", args=[number, 1]), "get", [LOGIN, 404, 200, 200, 200, 200]),
        (reverse("payments:request", args=[number, 1]), "get", [LOGIN, 404, 200, 403, 403, 403]),
        (reverse("payments:pay", args=[number, 1]), "get", [LOGIN, 404, 403, 403, 200, 403]),
        (reverse("payments_queue:index"), "get", [LOGIN, 404, 404, 200, 200, 200]),
    ]
    for url, method, expected in matrix:
        for (role, user), status in zip(users.items(), expected, strict=True):
            client.logout()
            if user:
                client.force_login(user)
            response = getattr(client, method)(url)
            if status == LOGIN:
                assert response.status_code == 302 and "/comptes/login/" in response.url, (url, role)
            else:
                assert response.status_code == status, (url, role, response.status_code)


def test_a_form_error_keeps_every_field_and_file_then_submits_once(client, funded):
    project, data = funded
    lines = list(project.application.expenses.order_by("pk"))
    client.force_login(data["lead_admin"])
    url = reverse("payments:request", args=[project.number, 1])
    posted = {
        f"spent_{lines[0].pk}": "30 000",
        f"spent_{lines[1].pk}": "NaN",
        "amount": "45 000,01",
        "comment": "Factures de l'animatrice",
        "documents": SimpleUploadedFile("facture.pdf", PDF, content_type="application/pdf"),
    }
    response = client.post(url, posted)
    assert response.status_code == 422
    page = response.text
    assert 'value="30 000"' in page and 'value="NaN"' in page and "Factures de l&#x27;animatrice" in page
    assert "facture.pdf (déjà déposé)" in page
    kept = SupportingDocument.objects.get()
    posted |= {f"spent_{lines[1].pk}": "10 000", "amount": "", "kept": [kept.pk]}
    del posted["documents"]
    response = client.post(url, posted)
    assert response.status_code == 302
    t = tranche(project, 1)
    assert t.state == TrancheState.REQUESTED
    request = t.requests.get()
    assert request.amount == Decimal(45_000) and list(request.documents.all()) == [kept]
    assert client.post(url, posted).status_code == 422  # the second click: already requested, said so
    assert t.requests.count() == 1


def test_an_amount_above_what_is_unlocked_is_refused_in_french(client, funded):
    project, data = funded
    lines = list(project.application.expenses.order_by("pk"))
    client.force_login(data["lead_admin"])
    response = client.post(
        reverse("payments:request", args=[project.number, 1]),
        {f"spent_{lines[0].pk}": "0", f"spent_{lines[1].pk}": "0", "amount": "50 000"},
    )
    assert response.status_code == 422
    assert "dépasse ce qui est débloqué pour cette tranche" in response.text


def test_the_queue_shows_who_must_act_in_constant_queries(client, funded, instructor):
    from deffinov.payments import requests
    from tests.payments.helpers import spent_as

    project, data = funded
    requests.submit(tranche(project, 1), data["lead_admin"], spent=spent_as(project, 0, 0))
    client.force_login(instructor)
    url = reverse("payments_queue:index")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        response = client.get(url)
    assert "Validation par l&#x27;instruction" in response.text or "Validation par l'instruction" in response.text
    from tests.grants.helpers import funded_project
    from tests.payments.conftest import countersigned

    other, other_data = funded_project(instructor, UserFactory(functional_admin=True))
    countersigned(other, other_data, UserFactory(functional_admin=True))
    requests.submit(tranche(other, 1), other_data["lead_admin"], spent=spent_as(other, 0, 0))
    with CaptureQueriesContext(connection) as more:
        client.get(url)
    assert len(more) == len(few)


def requested(project, data):
    from deffinov.payments import requests
    from tests.payments.helpers import spent_as

    t = tranche(project, 1)
    requests.submit(t, data["lead_admin"], spent=spent_as(project, 0, 0))
    return t


def test_only_the_right_role_may_act_on_a_request(client, funded, instructor, finance_officer):
    project, data = funded
    requested(project, data)
    url = reverse("payments:tranche", args=[project.number, 1])
    client.force_login(UserFactory())
    assert client.post(url, {"action": "instruct"}).status_code == 404
    client.force_login(data["lead_admin"])
    assert client.post(url, {"action": "instruct"}).status_code == 403
    client.force_login(finance_officer)
    assert client.post(url, {"action": "instruct"}).status_code == 403
    response = client.post(url, {"action": "approve"})
    assert response.status_code == 422 and "d&#x27;abord être validée par un instructeur" in response.text
    client.force_login(instructor)
    assert client.post(url, {"action": "instruct"}).status_code == 302
    client.force_login(finance_officer)
    assert client.post(url, {"action": "approve"}).status_code == 302
    assert tranche(project, 1).state == TrancheState.VALIDATED


def test_sending_back_without_a_motivation_says_so(client, funded, instructor):
    project, data = funded
    requested(project, data)
    client.force_login(instructor)
    response = client.post(
        reverse("payments:tranche", args=[project.number, 1]), {"action": "send_back", "send_back-motivation": " "}
    )
    assert response.status_code == 422
    assert "Indiquez au porteur ce qu&#x27;il doit corriger" in response.text
    assert tranche(project, 1).state == TrancheState.REQUESTED


def test_a_file_of_another_kind_is_refused_and_the_figures_stay(client, funded):
    project, data = funded
    lines = list(project.application.expenses.order_by("pk"))
    client.force_login(data["lead_admin"])
    response = client.post(
        reverse("payments:request", args=[project.number, 1]),
        {
            f"spent_{lines[0].pk}": "12 500,50",
            f"spent_{lines[1].pk}": "0",
            "documents": SimpleUploadedFile("facture.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"),
        },
    )
    assert response.status_code == 422
    assert "« facture.pdf » : Ce fichier n&#x27;est pas d&#x27;un format accepté" in response.text
    assert 'value="12 500,50"' in response.text
    assert tranche(project, 1).state == TrancheState.REQUESTABLE


def test_the_finance_officer_records_the_payment_and_the_lead_reads_it(client, funded, instructor, finance_officer):
    from deffinov.payments import workflow

    project, data = funded
    t = requested(project, data)
    workflow.apply(t, "instruct", instructor)
    workflow.apply(t, "approve", finance_officer)
    client.force_login(finance_officer)
    url = reverse("payments:pay", args=[project.number, 1])
    response = client.post(url, {"engagement": "EJ-77", "mandate": "", "paid_on": "2999-01-01"})
    assert response.status_code == 422
    assert 'value="EJ-77"' in response.text
    today = project.convention_date.isoformat()
    assert client.post(url, {"engagement": "EJ-77", "mandate": "M-12", "paid_on": today}).status_code == 302
    client.force_login(data["lead_admin"])
    page = client.get(reverse("payments:tranche", args=[project.number, 1])).text
    assert "M-12" in page and "45\u00a0000\u00a0€" in page


def test_a_recovery_is_recorded_from_the_queue(client, funded, finance_officer, instructor, functional_admin):
    from deffinov.grants import workflow as projects
    from deffinov.payments.models import RecoveryOrder
    from tests.payments.helpers import paid

    project, data = funded
    paid(project, 1, data["lead_admin"], instructor, finance_officer)
    project.refresh_from_db()
    projects.apply(project, "terminate", functional_admin, motivation="Structure dissoute.")
    order = RecoveryOrder.objects.get()
    client.force_login(instructor)
    assert client.post(reverse("payments_queue:recovered", args=[order.pk]), {}).status_code == 403
    client.force_login(finance_officer)
    page = client.get(reverse("payments_queue:index")).text
    assert "-45\u00a0000\u00a0€" in page and "Structure dissoute." in page
    response = client.post(
        reverse("payments_queue:recovered", args=[order.pk]),
        {"recovered_on": project.convention_date.isoformat(), "reference": "T-9"},
        follow=True,
    )
    assert "reversement enregistré" in response.text
    order.refresh_from_db()
    assert order.state == RecoveryOrder.State.RECOVERED and order.reference == "T-9"
