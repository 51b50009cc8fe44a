"""« Équipements mutualisés »: what a funded project's members lent, for the indicator of its reports."""

from deffinov.applications.models import Participation
from deffinov.loans.models import LENT_STATES, Item


def pooled_equipment(project, start, end):
    """How many items of the project's members were lent (to a member or to anyone) over [start, end].

    An item counts once however many times it was lent; a loan counts when accepted (reserved, picked up,
    overdue or returned) and its dates meet the period."""
    members = Participation.objects.filter(
        application_id=project.application_id, status=Participation.Status.ACCEPTED
    ).values("organisation_id")
    return (
        Item.objects.filter(
            organisation_id__in=members,
            loans__state__in=LENT_STATES,
            loans__starts_on__lte=end,
            loans__ends_on__gte=start,
        )
        .distinct()
        .count()
    )
