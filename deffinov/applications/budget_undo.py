"""Undoing the removal of a budget line: for ten minutes, by the person who removed it, while the dossier is editable.

The removal hands back a token: the line as it was (member, category, label, amount, in-kind flag), signed and
bound to the dossier and to the person. Undoing puts the line back under the dossier's lock (`editing`), with its
own number, so that a token used twice never puts it back twice; the resource that follows an in-kind expense is
rebuilt with it (`budget.follow_in_kind`)."""

from decimal import Decimal

from django.core import signing

from deffinov.applications import budget, editing
from deffinov.applications.models import ExpenseLine, Participation, ResourceLine

SALT = "deffinov.applications.budget-undo"
MAX_AGE = 10 * 60  # seconds
SESSION_KEY = "budget_notices"  # what the budget section says once, per dossier (see the `budget` template tags)
NOT_VALID = "Ce lien d'annulation n'est pas valable : aucune ligne n'a été rétablie."
EXPIRED = "Le délai de 10 minutes pour annuler cette suppression est passé : ajoutez la ligne à nouveau."


class UndoError(Exception):
    """Why a line could not be put back, in French; nothing was stored."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def token_for(application, user, kind, pk, line):
    """The signed token that puts `line`, removed a moment ago, back with its number `pk` (Django forgets it on
    removal); for `user` and this dossier only."""
    data = {
        "a": application.pk,
        "u": user.pk,
        "k": kind,
        "id": pk,
        "label": line.label,
        "amount": str(line.amount),
    }
    if isinstance(line, ExpenseLine):
        data.update(participation=line.participation_id, category=line.category, in_kind=line.in_kind)
    else:
        data.update(kind=line.kind)
    return signing.dumps(data, salt=SALT, compress=True)


def read(token, application, user):
    """The line a token stands for; UndoError when it is forged, too old, or for another dossier or person."""
    try:
        data = signing.loads(str(token), salt=SALT, max_age=MAX_AGE)
    except signing.SignatureExpired as error:
        raise UndoError(EXPIRED) from error
    except signing.BadSignature as error:
        raise UndoError(NOT_VALID) from error
    if data.get("a") != application.pk or data.get("u") != user.pk or data.get("k") not in ("depense", "ressource"):
        raise UndoError(NOT_VALID)
    return data


def undo(application, user, token):
    """Put back the line of `token`; returns it. UndoError (nothing stored) when it cannot be, NotEditableError
    once the dossier is frozen."""
    data = read(token, application, user)
    model = ExpenseLine if data["k"] == "depense" else ResourceLine
    with editing.editable(application):
        if model.objects.filter(pk=data["id"]).exists():
            raise UndoError(f"Cette suppression a déjà été annulée : « {data['label']} » est au budget.")
        fields = {"application_id": application.pk, "label": data["label"], "amount": Decimal(data["amount"])}
        if model is ExpenseLine:
            member = Participation.objects.filter(
                pk=data["participation"], application_id=application.pk, status=Participation.Status.ACCEPTED
            )
            if not member.exists():
                raise UndoError(
                    f"« {data['label']} » était portée par un membre qui a quitté le collectif : "
                    "elle ne peut pas être rétablie."
                )
            fields.update(participation_id=data["participation"], category=data["category"], in_kind=data["in_kind"])
        else:
            fields.update(kind=data["kind"])
        line = model.objects.create(pk=data["id"], **fields)
        if model is ExpenseLine:
            budget.follow_in_kind(line)
        editing.bump_version(application, user)
    return line
