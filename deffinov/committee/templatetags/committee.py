from django import template

from deffinov.committee.models import Decision, DecisionLetter

register = template.Library()


@register.simple_tag
def applicant_decision(application):
    """The dossier's current decision and its letter, as the consortium sees them (never scores nor opinions)."""
    decision = (
        Decision.objects.filter(application=application).order_by("-decided_at", "-pk").first()
        if application.state in {"accepted", "rejected", "dismissed"}
        else None
    )
    letter = DecisionLetter.objects.filter(decision=decision).first() if decision else None
    return {"decision": decision, "letter": letter}
