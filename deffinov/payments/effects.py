"""What a tranche's moves do to the rest: the balance's recovery, shares, emails and the project's state."""

from django.db import transaction

from deffinov.formatting import euros
from deffinov.grants import workflow as projects
from deffinov.grants.models import FundedProject, ProjectState
from deffinov.payments import notifications
from deffinov.payments.balance import already_paid, pro_rata
from deffinov.payments.models import RecoveryOrder, TrancheState
from deffinov.payments.recoveries import issue
from deffinov.payments.requests import balance_explanation
from deffinov.payments.shares import write_shares


def approved(tranche, by, at, request):
    """Both levels validated: the lead is told; a balance below what was paid issues a recovery order; a balance
    of 0 € is settled without payment."""
    from deffinov.payments.workflow import apply

    notifications.validated(tranche, request)
    if tranche.is_balance and request.overpaid > 0:
        project = tranche.project
        balance = pro_rata(project.amount_granted, request.planned, request.justified, already_paid(project))
        reason = f"Solde négatif : {balance_explanation(balance)}, soit {euros(request.overpaid)} à reverser."
        issue(project, request.overpaid, reason, by, at)
    if request.amount == 0:
        apply(tranche, "settle", by, at, system=True)


def move_project(project, name, by, at):
    """A project move that follows from a payment; refused quietly by the project's own guards (a savepoint)."""
    try:
        with transaction.atomic():
            projects.apply(project, name, by, at, system=True)
    except projects.ProjectError:
        return False
    return True


def maybe_close(project, by, at):
    """A project in closing closes once its balance is paid and no recovery is waiting."""
    project = FundedProject.objects.get(pk=project.pk)
    if project.state != ProjectState.CLOSING:
        return
    balance_paid = project.tranches.filter(is_balance=True, state=TrancheState.PAID).exists()
    waiting = project.recoveries.filter(state=RecoveryOrder.State.ISSUED).exists()
    if balance_paid and not waiting:
        move_project(project, "close", by, at)


def paid(tranche, by, at):
    write_shares(tranche.project, tranche.amount_paid, tranche=tranche)
    notifications.paid(tranche)
    project = FundedProject.objects.get(pk=tranche.project_id)
    if project.state == ProjectState.SIGNED:
        move_project(project, "start", by, at)
    if tranche.is_balance:
        maybe_close(project, by, at)
