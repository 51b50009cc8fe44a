"""Budget lines, added and removed one at a time, each under the dossier's lock (see `editing`)."""

from django.http import Http404

from deffinov.applications import editing
from deffinov.applications.models import ExpenseLine, ResourceLine


def add_line(application, form, user):
    """Store the line of a valid ExpenseForm or ResourceForm; NotEditableError once the dossier is frozen."""
    with editing.editable(application):
        form.instance.application_id = application.pk
        line = form.save()
        editing.bump_version(application, user)
    return line


def delete_line(application, kind, pk, user):
    """Remove an expense (`kind` « depense ») or a resource line of the dossier; 404 for a line of another one."""
    model = ExpenseLine if kind == "depense" else ResourceLine
    with editing.editable(application):
        line = model.objects.filter(application_id=application.pk, pk=pk).first()
        if line is None:
            raise Http404("Ligne de budget introuvable.")
        line.delete()
        editing.bump_version(application, user)
    return line
