"""One cofinancing rate, computed by the engine, written the same way on every page that shows it."""

import re
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from deffinov.applications import workflow
from deffinov.applications.facts import verdict_for, with_dossier
from deffinov.applications.models import Application, ExpenseLine, ResourceLine
from deffinov.applications.receipts import receipt_html
from tests.accounts.factories import UserFactory

NBSP = "\xa0"


def set_budget(application, grant):
    """100 000 € of expenses, `grant` requested from the Region, the rest from the members' own funds."""
    lines = list(ExpenseLine.objects.filter(application=application).order_by("pk"))
    ExpenseLine.objects.filter(pk=lines[0].pk).update(amount=Decimal(70_000))
    ExpenseLine.objects.filter(pk=lines[1].pk).update(amount=Decimal(30_000))
    ResourceLine.objects.filter(application=application, kind="requested_grant").update(amount=grant)
    ResourceLine.objects.filter(application=application, kind="own_funds").update(amount=Decimal(100_000) - grant)


def budget_block_rate(html):
    return re.search(r'data-total="cofinancing">([^<]*)<', html).group(1)


def panel_rate(application):
    fresh = with_dossier(Application.objects.filter(pk=application.pk)).get()
    message = verdict_for(fresh).result("budget.cofinancing").message
    return re.search(r"(\d+(?:,\d)?\xa0%) du budget", message).group(1)


@pytest.mark.parametrize(
    ("grant", "shown"),
    [
        (Decimal(70_420), f"29,5{NBSP}%"),  # 29,58 %: the budget block said 29,6 %, the panel 29,5 %.
        (Decimal(70_040), f"29,9{NBSP}%"),  # 29,96 %: below the 30 % floor, the budget block said « 30 % ».
        (Decimal(69_740), f"30,2{NBSP}%"),  # 30,26 %
    ],
)
def test_the_budget_block_and_the_eligibility_panel_show_the_same_rate(consortium, client, grant, shown):
    application = consortium["application"]
    set_budget(application, grant)
    client.force_login(consortium["lead_admin"])
    html = client.get(application.get_absolute_url()).content.decode()
    assert budget_block_rate(html) == shown
    assert panel_rate(application) == shown


def test_the_receipt_and_its_email_show_the_rate_of_the_stored_verdict(consortium, client, run_tasks):
    application = consortium["application"]
    set_budget(application, Decimal(69_740))
    assert workflow.submit(application, consortium["lead_admin"]) is True
    application.refresh_from_db()
    stored = next(r for r in application.eligibility_at_submission["rules"] if r["code"] == "budget.cofinancing")
    assert f"30,2{NBSP}% du budget" in stored["message"]
    html = receipt_html(application)
    assert f"taux de cofinancement : <strong>30,2{NBSP}%</strong>" in html
    assert "30,3" not in html
    run_tasks()
    assert f"taux de cofinancement : 30,2{NBSP}%" in mail.outbox[0].body
    # The Region's page of the frozen dossier says the same.
    client.force_login(UserFactory(instructor=True))
    staff_page = client.get(reverse("instruction:dossier", args=[application.number])).content.decode()
    assert f"30,2{NBSP}%" in staff_page
    assert "30,3" not in staff_page
