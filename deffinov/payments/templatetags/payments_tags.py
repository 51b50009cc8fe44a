from decimal import Decimal

from django import template
from django.urls import reverse

from deffinov.payments import workflow
from deffinov.payments.models import RecoveryOrder

register = template.Library()


@register.simple_tag
def tranche_rows(project, user):
    """The project's tranches with the links `user` may follow, its recovery orders and what was paid."""
    tranches = list(project.tranches.order_by("position"))
    rows = []
    for tranche in tranches:
        actions = {t.name for t in workflow.available(tranche, user)}
        url = reverse("payments:tranche", args=[project.number, tranche.position])
        links = []
        if "request" in actions:
            links.append(
                {"label": "Demander", "url": reverse("payments:request", args=[project.number, tranche.position])}
            )
        if tranche.state != "locked":
            links.append({"label": "Voir", "url": url})
        rows.append({"tranche": tranche, "links": links})
    recoveries = list(project.recoveries.all())
    return {
        "rows": rows,
        "recoveries": recoveries,
        "paid": sum((t.amount_paid or 0 for t in tranches), Decimal(0)),
        "recovered": sum((r.amount for r in recoveries if r.state == RecoveryOrder.State.RECOVERED), Decimal(0)),
    }
