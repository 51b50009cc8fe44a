"""Who instructs a dossier."""

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from deffinov.audit.models import record
from deffinov.instruction.access import staff_required
from deffinov.instruction.forms import AssignmentForm
from deffinov.instruction.models import Assignment
from deffinov.instruction.views.dossier import dossier_page, load_dossier


@staff_required
@require_POST
def assign(request, number):
    application = load_dossier(request.user, number)
    form = AssignmentForm(request.POST)
    if not form.is_valid():
        return dossier_page(request, application, assignment_form=form)
    instructor = form.cleaned_data["instructor"]
    try:
        with transaction.atomic():
            Assignment.objects.create(application=application, instructor=instructor, assigned_by=request.user)
            record(
                "instruction.assigned",
                actor=request.user,
                target=application,
                summary=f"{application.number} : attribué à {instructor}",
                data={"number": application.number, "instructor": instructor.pk},
            )
    except IntegrityError:
        messages.info(request, f"{instructor} instruit déjà ce dossier.")
    else:
        messages.success(request, f"Le dossier est attribué à {instructor}.")
    return redirect("instruction:dossier", application.number)


@staff_required
@require_POST
def unassign(request, number, pk):
    application = load_dossier(request.user, number)
    assignment = get_object_or_404(Assignment.objects.select_related("instructor"), application=application, pk=pk)
    with transaction.atomic():
        assignment.delete()
        record(
            "instruction.unassigned",
            actor=request.user,
            target=application,
            summary=f"{application.number} : {assignment.instructor} n'instruit plus le dossier",
            data={"number": application.number, "instructor": assignment.instructor_id},
        )
    messages.success(request, f"{assignment.instructor} n'instruit plus ce dossier.")
    return redirect("instruction:dossier", application.number)
