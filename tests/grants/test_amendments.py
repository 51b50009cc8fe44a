"""Amendments (« avenants »): within the call's rules, with their history, their PDF and a redrawn schedule."""

import datetime as dt
import html
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from deffinov.applications.models import Participation
from deffinov.audit.models import AuditEvent
from deffinov.grants import amendments, workflow
from deffinov.payments.models import Tranche, TrancheState
from tests.grants.helpers import signed

pytestmark = pytest.mark.django_db


def form(project, **changes):
    """What the amendment form posts, unchanged but for `changes` (percentages typed the French way)."""
    data = {
        "signed_on": timezone.localdate().isoformat(),
        "motivation": "Retard de livraison du matériel.",
        "amount": "90000",
        "ends_on": project.ends_on.isoformat(),
    }
    for participation in Participation.objects.filter(application=project.application, role="member"):
        data[f"share_{participation.pk}"] = format((participation.grant_share * 100).normalize(), "f").replace(".", ",")
    return data | changes


def post(client, project, data):
    return client.post(reverse("grants:new_amendment", args=[project.number]), data)


def test_an_amendment_changes_amount_end_and_shares_and_redraws_the_unpaid_tranches(client, opened, functional_admin):
    project, data = opened
    signed(project, functional_admin)
    client.force_login(functional_admin)
    new_end = project.ends_on + dt.timedelta(days=60)
    lead, partner = data["lead"], data["partner"]
    response = post(
        client,
        project,
        form(
            project,
            amount="80 000",
            ends_on=new_end.isoformat(),
            **{f"share_{lead.pk}": "70", f"share_{partner.pk}": "30"},
        ),
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.amount_granted == Decimal(80_000) and project.ends_on == new_end
    assert [t.amount for t in project.tranches.all()] == [Decimal(40_000), Decimal(24_000), Decimal(16_000)]
    lead.refresh_from_db()
    assert lead.grant_share == Decimal("0.7")
    amendment = project.amendments.get()
    assert (amendment.number, amendment.old_amount, amendment.new_amount) == (1, Decimal(90_000), Decimal(80_000))
    assert AuditEvent.objects.filter(action="grants.project.amend").exists()
    page = client.get(project.get_absolute_url()).text.replace("\u202f", " ").replace("\u00a0", " ")
    assert "Avenant n° 1" in page and "90 000 € → 80 000 €" in page  # on the timeline and in the list
    assert "Retard de livraison du matériel." in page
    response = client.get(reverse("grants:amendment_pdf", args=[project.number, 1]))
    content = b"".join(response.streaming_content)
    assert content.startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-", "-"], input=content, capture_output=True, check=True).stdout.decode()
        text = " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())
        assert "Avenant n° 1" in text and "80 000 €" in text and "70 %" in text


@pytest.mark.parametrize(
    ("changes", "field_message"),
    [
        ({"amount": "100 000,01"}, "dépasse la subvention demandée par le collectif (100 000 €)"),
        ({"amount": "250 000"}, "dépasse la subvention maximale de l'appel (200 000 €)"),
        ({"motivation": ""}, "Indiquez le motif de l'avenant."),
        ({"amount": "12,345"}, "au plus deux décimales"),
        ({"amount": "1e9"}, "Écrivez le montant en chiffres"),
    ],
    ids=["over_requested", "over_call_max", "no_motivation", "rounded", "exponent"],
)
def test_amendments_that_break_the_rules_are_refused_in_french_and_nothing_is_lost(
    client, opened, functional_admin, changes, field_message
):
    project, _ = opened
    client.force_login(functional_admin)
    data = form(project, **changes)
    response = post(client, project, data)
    assert response.status_code == 422
    text = html.unescape(response.text).replace("\u202f", " ").replace("\u00a0", " ")
    assert field_message in text
    assert data["motivation"] in text  # what was typed is shown again
    project.refresh_from_db()
    assert project.amount_granted == Decimal(90_000) and not project.amendments.exists()


def test_an_end_beyond_the_waves_end_or_the_calls_duration_is_refused(client, opened, functional_admin):
    project, _ = opened
    client.force_login(functional_admin)
    too_late = amendments.latest_end(project) + dt.timedelta(days=1)
    response = post(client, project, form(project, ends_on=too_late.isoformat()))
    assert response.status_code == 422
    assert "La fin dépasse le" in html.unescape(response.text)


def test_shares_must_sum_to_one_hundred_percent(client, opened, functional_admin):
    project, data = opened
    client.force_login(functional_admin)
    response = post(client, project, form(project, **{f"share_{data['lead'].pk}": "70"}))
    assert response.status_code == 422
    text = html.unescape(response.text).replace("\u00a0", " ")
    assert "doivent faire 100 % au total ; elles font 110 %" in text


def test_the_amount_cannot_fall_below_what_was_paid(opened, functional_admin):
    project, _ = opened
    signed(project, functional_admin)
    Tranche.objects.filter(project=project, position=1).update(state=TrancheState.PAID, amount_paid=Decimal(45_000))
    with pytest.raises(workflow.ProjectError, match="déjà versé"):
        amendments.record_amendment(
            project,
            functional_admin,
            motivation="Réduction du périmètre.",
            signed_on=timezone.localdate(),
            amount=Decimal(40_000),
        )


def test_an_amendment_that_changes_nothing_or_on_a_closed_project_is_refused(opened, functional_admin):
    project, _ = opened
    with pytest.raises(workflow.ProjectError, match="ne change rien"):
        amendments.record_amendment(
            project, functional_admin, motivation="Rien.", signed_on=timezone.localdate(), amount=Decimal(90_000)
        )
    signed(project, functional_admin)
    workflow.apply(project, "terminate", functional_admin, motivation="Abandon du projet.")
    project.refresh_from_db()
    with pytest.raises(workflow.ProjectError, match="clos"):
        amendments.record_amendment(
            project, functional_admin, motivation="Trop tard.", signed_on=timezone.localdate(), amount=Decimal(1)
        )


def test_only_a_functional_administrator_records_an_amendment(opened, instructor):
    project, _ = opened
    with pytest.raises(workflow.ProjectError, match="administrateur fonctionnel"):
        amendments.record_amendment(
            project, instructor, motivation="Essai.", signed_on=timezone.localdate(), amount=Decimal(80_000)
        )
