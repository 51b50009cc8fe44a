"""The one way to write to a dossier: lock its row, check it may still be edited, write, in one transaction.

A submission takes the same row lock (`deffinov.applications.workflow.apply`) before it reads the dossier
to freeze it. Whatever comes first, the other waits: a write either lands before the submission, and is
in the snapshot and the receipt, or comes after it, and is refused with nothing stored. On PostgreSQL
the lock is `SELECT … FOR UPDATE`; on SQLite every transaction is IMMEDIATE (see the settings), which
serialises writers.
"""

from contextlib import contextmanager

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from deffinov import formatting
from deffinov.applications.models import EDITABLE_STATES, Application, State


class NotEditableError(Exception):
    """Raised, in French, when a write reaches a dossier that can no longer be edited; nothing was stored."""

    def __init__(self, application=None, message=None):
        if message is None:
            if application is not None and application.submitted_at:
                message = (
                    f"Ce dossier a été déposé le {formatting.datetime(application.submitted_at)} : "
                    "il ne peut plus être modifié. Votre modification n'a pas été enregistrée."
                )
            else:
                message = "Ce dossier ne peut plus être modifié. Votre modification n'a pas été enregistrée."
        super().__init__(message)
        self.message = message


def lock(application):
    """Lock the dossier's row until the end of the current transaction; return its state as stored."""
    return (
        Application.objects.select_for_update()
        .only("pk", "state", "submitted_at", "version")
        .get(pk=application.pk if isinstance(application, Application) else application)
    )


@contextmanager
def editable(application, states=EDITABLE_STATES, message=None):
    """Run the block in a transaction holding the dossier's lock, once checked that its state allows writes.

    `states`: the states in which this write is allowed (the consortium changes only in a draft).
    Raises NotEditableError, before anything is written, when the dossier is in another state."""
    with transaction.atomic():
        current = lock(application)
        if current.state not in states:
            raise NotEditableError(current, message)
        yield current


@contextmanager
def draft(application, message=None):
    """`editable`, for what may change only before the first submission (the consortium)."""
    with editable(application, states=(State.DRAFT,), message=message) as current:
        yield current


def bump_version(application, user):
    """Lines of the budget, documents and members change the dossier too: move its version on."""
    Application.objects.filter(pk=application.pk).update(
        version=F("version") + 1, updated_by=user, updated_at=timezone.now()
    )
