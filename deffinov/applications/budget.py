"""Budget lines, added, changed and removed one at a time, each under the dossier's lock (see `editing`).

An in-kind contribution (time, premises) is entered once, as an expense marked « apport en nature »: the
resource that balances it is written with it, follows its changes and goes with it."""

from django.http import Http404

from deffinov.applications import editing
from deffinov.applications.models import ExpenseLine, ResourceLine


def add_line(application, form, user):
    """Store the line of a valid ExpenseForm or ResourceForm; NotEditableError once the dossier is frozen."""
    with editing.editable(application):
        form.instance.application_id = application.pk
        line = form.save()
        if isinstance(line, ExpenseLine):
            follow_in_kind(line)
        editing.bump_version(application, user)
    return line


def change_line(application, form, user):
    """Store the changes of a valid form bound to a line of the dossier; NotEditableError once frozen."""
    with editing.editable(application):
        if not type(form.instance).objects.filter(application_id=application.pk, pk=form.instance.pk).exists():
            raise Http404("Ligne de budget introuvable.")
        line = form.save()
        if isinstance(line, ExpenseLine):
            follow_in_kind(line)
        editing.bump_version(application, user)
    return line


def follow_in_kind(expense):
    """The resource of an in-kind expense: same label and amount; none once the expense is no longer in kind."""
    if not expense.in_kind:
        ResourceLine.objects.filter(in_kind_expense=expense).delete()
        return
    ResourceLine.objects.update_or_create(
        in_kind_expense=expense,
        defaults={
            "application_id": expense.application_id,
            "kind": ResourceLine.Kind.IN_KIND,
            "label": expense.label,
            "amount": expense.amount,
        },
    )


def line_of(application, kind, pk):
    """An expense (`kind` « depense ») or a resource line of the dossier; 404 for a line of another one."""
    model = ExpenseLine if kind == "depense" else ResourceLine
    line = model.objects.filter(application_id=application.pk, pk=pk).first()
    if line is None:
        raise Http404("Ligne de budget introuvable.")
    return line


def delete_line(application, kind, pk, user):
    """Remove an expense (`kind` « depense ») or a resource line of the dossier; 404 for a line of another one."""
    with editing.editable(application):
        line = line_of(application, kind, pk)
        if getattr(line, "in_kind_expense_id", None):
            raise Http404("Cette ressource suit sa dépense en nature : supprimez la dépense.")
        line.delete()
        editing.bump_version(application, user)
    return line
