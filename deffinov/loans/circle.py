"""Who may borrow an item: its conditions (« qui peut emprunter ») against the borrowing structure or person."""

from deffinov.applications.models import Participation
from deffinov.loans.models import Audience


def consortium_partners(organisation_id):
    """Ids of the structures sharing a dossier (or the funded project it became) with this one, both accepted."""
    applications = Participation.objects.filter(
        organisation_id=organisation_id, status=Participation.Status.ACCEPTED
    ).values("application_id")
    return set(
        Participation.objects.filter(application_id__in=applications, status=Participation.Status.ACCEPTED)
        .exclude(organisation_id=organisation_id)
        .values_list("organisation_id", flat=True)
    )


def refusal(item, borrower):
    """Why `borrower` (a structure, or None for a person in their own name) may not borrow `item`; "" if it may."""
    if borrower is not None and borrower.pk == item.organisation_id:
        return "Cet objet appartient à votre structure : inutile de l'emprunter."
    if item.audience == Audience.PUBLIC:
        return ""
    if borrower is None:
        return (
            "Cet objet se prête seulement à des structures : choisissez la structure qui emprunte "
            "(vous devez en être administrateur)."
        )
    if item.audience == Audience.NETWORK:
        return ""
    if borrower.pk in consortium_partners(item.organisation_id):
        return ""
    return (
        f"Cet objet est réservé au collectif de {item.organisation.name} : les structures qui partagent un dossier "
        f"ou un projet financé avec elle. {borrower.name} n'en fait pas partie."
    )
