"""The attestation sur l'honneur given with a submission: its exact text, and the record of who gave it and when."""

from deffinov.applications.models import SwornStatement
from deffinov.utils.text import of

CHECKBOX_LABEL = (
    "J'atteste sur l'honneur l'exactitude des informations de ce dossier et l'accord de chaque structure membre "
    "du collectif pour son dépôt."
)
MISSING = (
    "Cochez l'attestation sur l'honneur pour déposer le dossier : rien n'a été déposé et votre dossier est conservé."
)


def signer_name(user):
    return user.get_full_name() or user.email


def statement_text(application, user):
    """The text the signer certifies, with their name and the chef de file's; recorded word for word."""
    lead = application.lead
    organisation = lead.organisation.name if lead else ""
    return (
        f"Je soussigné(e), {signer_name(user)}, agissant au nom {of(organisation)}, chef de file du collectif du "
        f"dossier {application.number} « {application.title} », certifie sur l'honneur l'exactitude des informations "
        "de ce dossier et de ses pièces justificatives, et que chaque structure membre du collectif a pris "
        "connaissance du dossier et a donné son accord à son dépôt."
    )


def record_statement(application, user, at):
    """The statement row for this submission (called inside the submission's transaction)."""
    lead = application.lead
    return SwornStatement.objects.create(
        application=application,
        signed_by=user,
        signer_name=signer_name(user),
        signer_email=user.email,
        organisation_name=lead.organisation.name if lead else "",
        signed_at=at,
        text=statement_text(application, user),
    )
