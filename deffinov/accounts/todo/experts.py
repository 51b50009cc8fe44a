"""The expert's to-do: invitations to take up and opinions due."""

from django.urls import reverse

from deffinov import formatting
from deffinov.accounts.todo.items import Block, Item, dated
from deffinov.reviews.models import ExpertInvitation


def expert_block(user, now, addresses):
    items = []
    for invitation in (
        ExpertInvitation.objects.pending_for_addresses(addresses)
        .select_related("application")
        .order_by("deadline", "pk")
    ):
        when, iso = dated("avis attendu avant le", invitation.deadline)
        items.append(
            Item(
                title=f"Dossier {invitation.application.number}",
                url=reverse("reviews:take_up", args=[invitation.token]),
                action="Invitation à donner un avis d'expert : l'accepter ou la décliner.",
                when=when,
                machine_when=iso,
                urgent=True,
            )
        )
    due = (
        ExpertInvitation.objects.of_expert(user)
        .filter(status__in=[ExpertInvitation.Status.INVITED, ExpertInvitation.Status.ACCEPTED])
        .select_related("application")
        .order_by("deadline", "pk")
    )
    for invitation in due:
        when, iso = dated("avant le", invitation.deadline)
        items.append(
            Item(
                title=f"Dossier {invitation.application.number} – {invitation.application.title}",
                url=invitation.get_absolute_url(),
                action="Avis à rendre.",
                when=when,
                machine_when=iso,
                urgent=invitation.deadline < now.astimezone(formatting.PARIS).date(),
            )
        )
    return Block(
        "Expertise",
        items,
        empty="Aucune invitation ni aucun avis en attente.",
        more="Toutes mes expertises",
        more_url=reverse("reviews:index"),
    )
