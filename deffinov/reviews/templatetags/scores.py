from decimal import ROUND_HALF_UP, Decimal

from django import template

register = template.Library()


@register.filter
def score(value):
    """« 3,45 » from a score on the 0–5 scale; « – » when there is none."""
    if value is None or value == "":
        return "–"
    rounded = Decimal(str(value)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return f"{rounded}".replace(".", ",")
