"""The staff view of one dossier: the frozen submission, its eligibility, its history and the instruction tools."""

from django.shortcuts import render

from deffinov.applications.facts import with_dossier
from deffinov.instruction import eligibility
from deffinov.instruction.access import get_application, instruction_queryset, staff_required
from deffinov.instruction.forms import (
    AnnotationForm,
    AssignmentForm,
    CorrectionRequestForm,
    LabelsForm,
    MotivationForm,
    NewLabelForm,
)
from deffinov.instruction.models import Label
from deffinov.instruction.transitions import available


def load_dossier(user, number):
    return get_application(user, number, queryset=with_dossier(instruction_queryset()))


def dossier_page(request, application, status=200, **forms):
    """Render the dossier page; a form that failed is passed bound, so its errors and input show."""
    call = application.wave.call
    current_labels = list(application.labels.all())
    recalculated = None
    if request.GET.get("recalculer"):
        recalculated = eligibility.recalculate(application)
    context = {
        "application": application,
        "s": application.snapshot or {},
        "stored_verdict": application.eligibility_at_submission,
        "recalculated": recalculated,
        "comparison": eligibility.side_by_side(application.eligibility_at_submission, recalculated)
        if recalculated
        else None,
        "documents": [d for p in application.accepted_participations() for d in p.documents.all()],
        "history": application.transitions.select_related("by").order_by("at", "pk"),
        "actions": available(application, request.user),
        "assignments": application.assignments.select_related("instructor"),
        "labels": current_labels,
        "annotations": application.annotations.select_related("author"),
        "corrections": application.correction_requests.select_related("requested_by", "resubmitted_by"),
        "message_count": application.messages.count(),
        "correction_form": forms.get("correction_form") or CorrectionRequestForm(prefix="correction"),
        "dismiss_form": forms.get("dismiss_form") or MotivationForm(prefix="dismiss"),
        "reopen_form": forms.get("reopen_form") or MotivationForm(prefix="reopen"),
        "assignment_form": forms.get("assignment_form") or AssignmentForm(),
        "labels_form": forms.get("labels_form")
        or LabelsForm(call=call, initial={"labels": [label.pk for label in current_labels]}),
        "new_label_form": forms.get("new_label_form") or NewLabelForm(call=call),
        "annotation_form": forms.get("annotation_form") or AnnotationForm(),
        "has_call_labels": Label.objects.filter(call=call).exists(),
    }
    return render(request, "instruction/dossier.html", context, status=status)


@staff_required
def dossier(request, number):
    return dossier_page(request, load_dossier(request.user, number))
