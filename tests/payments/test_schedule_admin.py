"""A functional administrator edits a call's payment schedule in the admin: checked in French."""

from decimal import Decimal

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory

from deffinov.payments.models import CallSchedule, PaymentStep
from deffinov.payments.schedule import ensure_default_steps
from tests.applications.factories import UserFactory, WaveFactory

pytestmark = pytest.mark.django_db


def formset_for(call, rows):
    admin = site._registry[CallSchedule]
    request = RequestFactory().post("/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    inline = admin.get_inline_instances(request, call)[0]
    FormSet = inline.get_formset(request, call)
    steps = list(call.payment_steps.order_by("position"))
    data = {
        "payment_steps-TOTAL_FORMS": str(len(rows)),
        "payment_steps-INITIAL_FORMS": str(len(steps)),
        "payment_steps-MIN_NUM_FORMS": "0",
        "payment_steps-MAX_NUM_FORMS": "1000",
    }
    for i, (position, label, percent, condition, balance) in enumerate(rows):
        data |= {
            f"payment_steps-{i}-position": str(position),
            f"payment_steps-{i}-label": label,
            f"payment_steps-{i}-percentage": percent,
            f"payment_steps-{i}-condition": condition,
            f"payment_steps-{i}-call": str(call.pk),
        }
        if i < len(steps):
            data[f"payment_steps-{i}-id"] = str(steps[i].pk)
        if balance:
            data[f"payment_steps-{i}-is_balance"] = "on"
    return FormSet(data, instance=call, prefix="payment_steps")


@pytest.fixture
def call():
    call = CallSchedule.objects.get(pk=WaveFactory().call.pk)
    ensure_default_steps(call)
    return call


def test_a_schedule_of_40_40_20_is_saved_as_fractions(call):
    formset = formset_for(
        call,
        [
            (1, "Avance", "40", "convention_signed", False),
            (2, "Acompte", "40", "interim_report_accepted", False),
            (3, "Solde", "20", "final_report_accepted", True),
        ],
    )
    assert formset.is_valid(), formset.errors
    formset.save()
    assert list(PaymentStep.objects.filter(call=call).values_list("percentage", flat=True)) == [
        Decimal("0.4"),
        Decimal("0.4"),
        Decimal("0.2"),
    ]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            [
                (1, "A", "50", "convention_signed", False),
                (2, "B", "30", "interim_report_accepted", False),
                (3, "S", "10", "final_report_accepted", True),
            ],
            "totalisent 90\u00a0%",
        ),
        (
            [
                (1, "A", "50", "convention_signed", False),
                (2, "B", "30", "interim_report_accepted", True),
                (3, "S", "20", "final_report_accepted", True),
            ],
            "exactement une étape de solde",
        ),
        (
            [
                (1, "A", "50", "convention_signed", False),
                (1, "B", "30", "interim_report_accepted", False),
                (3, "S", "20", "final_report_accepted", True),
            ],
            "même ordre",
        ),
    ],
)
def test_a_schedule_that_breaks_the_rules_is_refused_in_french(call, rows, message):
    formset = formset_for(call, rows)
    assert not formset.is_valid()
    assert any(message in error for error in formset.non_form_errors())


def test_a_functional_admin_opens_the_schedule_an_instructor_does_not(client, call):
    from django.urls import reverse

    url = reverse("admin:payments_callschedule_change", args=[call.pk])
    client.force_login(UserFactory(is_staff=True, functional_admin=True))
    response = client.get(url)
    assert response.status_code == 200
    assert "Avance à la signature (50 %)" in response.text
    client.force_login(UserFactory(is_staff=True, instructor=True))
    assert client.get(url).status_code == 403
