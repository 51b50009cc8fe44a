from django import template

from deffinov import formatting
from deffinov.committee.models import Decision, DecisionLetter

register = template.Library()

# The platform's one formatter: a rate rounded down, never across a floor; days in Paris.
register.filter("rate", formatting.percent)
register.filter("day", formatting.day)


@register.simple_tag
def applicant_decision(application):
    """The dossier's final decision and its letter, as the collective sees them: only once the session's decisions
    are validated with the deliberation (never a pending decision, nor scores or opinions)."""
    decision = (
        Decision.objects.final()
        .filter(application=application)
        .select_related("session")
        .order_by("-session__validated_at", "-decided_at", "-pk")
        .first()
        if application.state in {"accepted", "rejected", "dismissed"}
        else None
    )
    letter = DecisionLetter.objects.filter(decision=decision).first() if decision else None
    return {"decision": decision, "letter": letter}
