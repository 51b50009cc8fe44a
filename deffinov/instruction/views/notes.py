"""The Region's private tools on a dossier: labels and annotations. The consortium never sees them."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from deffinov.audit.models import record
from deffinov.instruction.access import staff_required
from deffinov.instruction.forms import AnnotationForm, LabelsForm, NewLabelForm
from deffinov.instruction.models import Annotation, ApplicationLabel
from deffinov.instruction.views.dossier import dossier_page, load_dossier


@staff_required
@require_POST
def set_labels(request, number):
    application = load_dossier(request.user, number)
    form = LabelsForm(request.POST, call=application.wave.call)
    if not form.is_valid():
        return dossier_page(request, application, labels_form=form)
    wanted = set(form.cleaned_data["labels"])
    current = set(application.labels.all())
    names = ", ".join(sorted(str(label) for label in wanted)) or "aucune"
    with transaction.atomic():
        ApplicationLabel.objects.filter(application=application, label__in=current - wanted).delete()
        ApplicationLabel.objects.bulk_create(
            [
                ApplicationLabel(application=application, label=label, added_by=request.user)
                for label in wanted - current
            ]
        )
        if wanted != current:
            record(
                "instruction.labels_changed",
                actor=request.user,
                target=application,
                summary=f"{application.number} : étiquettes « {names} »",
                data={
                    "number": application.number,
                    "added": sorted(str(x) for x in wanted - current),
                    "removed": sorted(str(x) for x in current - wanted),
                },
            )
    messages.success(request, "Les étiquettes du dossier sont enregistrées.")
    return redirect("instruction:dossier", application.number)


@staff_required
@require_POST
def new_label(request, number):
    application = load_dossier(request.user, number)
    form = NewLabelForm(request.POST, call=application.wave.call)
    if not form.is_valid():
        return dossier_page(request, application, new_label_form=form)
    with transaction.atomic():
        label = form.save(commit=False)
        label.call = application.wave.call
        label.created_by = request.user
        label.save()
        ApplicationLabel.objects.create(application=application, label=label, added_by=request.user)
        record(
            "instruction.labels_changed",
            actor=request.user,
            target=application,
            summary=f"{application.number} : nouvelle étiquette « {label} » posée",
            data={"number": application.number, "added": [label.name], "removed": [], "created": True},
        )
    messages.success(request, f"L'étiquette « {label} » est créée et posée sur le dossier.")
    return redirect("instruction:dossier", application.number)


@staff_required
@require_POST
def annotate(request, number):
    application = load_dossier(request.user, number)
    form = AnnotationForm(request.POST)
    if not form.is_valid():
        return dossier_page(request, application, annotation_form=form)
    with transaction.atomic():
        annotation = Annotation.objects.create(application=application, author=request.user, **form.cleaned_data)
        record(
            "instruction.annotated",
            actor=request.user,
            target=annotation,
            summary=f"{application.number} : annotation ajoutée",
            data={"number": application.number, "annotation": annotation.pk},
        )
    messages.success(request, "Votre annotation est enregistrée.")
    return redirect("instruction:dossier", application.number)
