"""Pages of payments: a tranche (its request, statement, documents, history and the Region's actions), the lead's
request, the payment's recording, and the Region's queue. Outsiders get 404; people who may only read, 403."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from deffinov.grants.access import get_project_for_user
from deffinov.payments import requests, workflow
from deffinov.payments.balance import already_paid, pro_rata
from deffinov.payments.forms import MotivationForm, PaymentForm, RecoveryForm, RequestForm
from deffinov.payments.models import PaymentRequest, RecoveryOrder, SupportingDocument, Tranche, TrancheState
from deffinov.payments.recoveries import record_recovered

ACTIONS = {"instruct", "approve", "send_back", "fail"}


def get_tranche(project, position):
    return get_object_or_404(project.tranches, position=position)


def tranche_url(project, tranche):
    return reverse("payments:tranche", args=[project.number, tranche.position])


@login_required
def tranche(request, number, position):
    project = get_project_for_user(request.user, number)
    tranche = get_tranche(project, position)
    forms = {"send_back": MotivationForm(prefix="send_back"), "fail": MotivationForm(prefix="fail")}
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        if action not in ACTIONS:
            raise Http404
        if not request.user.has_perm(workflow.TRANSITIONS[action].permission, project):
            raise PermissionDenied
        form = forms.get(action)
        motivation = ""
        if form is not None:
            form = forms[action] = MotivationForm(request.POST, prefix=action)
            motivation = form.data.get(f"{action}-motivation", "")
        try:
            workflow.apply(tranche, action, request.user, motivation=motivation)
        except workflow.PaymentError as error:
            if form is not None and error.field == "motivation":
                form.add_error("motivation", error.message)
            else:
                messages.error(request, error.message)
            status = 422
        else:
            messages.success(request, f"« {tranche.label} » : {workflow.TRANSITIONS[action].label.lower()} – fait.")
            return redirect(tranche_url(project, tranche))
    history = (
        tranche.requests.select_related("submitted_by", "instructed_by", "approved_by", "returned_by")
        .prefetch_related("lines", "documents")
        .order_by("-submitted_at", "-pk")
    )
    actions = [t.name for t in workflow.available(tranche, request.user)]
    return render(
        request,
        "payments/tranche.html",
        {
            "project": project,
            "tranche": tranche,
            "requests": history,
            "transitions": tranche.transitions.select_related("by"),
            "actions": actions,
            "forms": forms,
            "may_request": "request" in actions,
        },
        status=status,
    )


@login_required
def request_payment(request, number, position):
    project = get_project_for_user(request.user, number, "grants.act_for_project")
    tranche = get_tranche(project, position)
    lines = requests.budget_lines(project)
    kept = requests.staged_documents(project, request.user, request.POST.getlist("kept"))
    file_errors, preview, status = [], None, 200
    if request.method == "POST":
        form = RequestForm(request.POST, lines=lines, tranche=tranche)
        for upload in request.FILES.getlist("documents"):
            try:
                kept.append(requests.stage_document(project, request.user, upload))
            except ValidationError as error:
                file_errors.append(f"« {upload.name} » : {error.messages[0]}")
        if form.is_valid() and not file_errors:
            try:
                done = requests.submit(
                    tranche,
                    request.user,
                    amount=form.cleaned_data["amount"],
                    spent=form.spent(),
                    comment=form.cleaned_data["comment"],
                    documents=kept,
                )
            except workflow.PaymentError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                if done:
                    messages.success(request, f"Votre demande « {tranche.label} » est envoyée à la Région.")
                return redirect(tranche_url(project, tranche))
        if tranche.is_balance and all(f"spent_{line.pk}" in form.cleaned_data for line in lines):
            justified = sum(form.spent().values())
            preview = pro_rata(
                project.amount_granted, sum(line.amount for line in lines), justified, already_paid(project)
            )
        status = 422
    else:
        form = RequestForm(lines=lines, tranche=tranche)
    return render(
        request,
        "payments/request.html",
        {
            "project": project,
            "tranche": tranche,
            "form": form,
            "kept": kept,
            "file_errors": file_errors,
            "preview": preview,
            "preview_text": requests.balance_explanation(preview) if preview else "",
            "requestable": tranche.state == TrancheState.REQUESTABLE,
        },
        status=status,
    )


@login_required
def record_payment(request, number, position):
    project = get_project_for_user(request.user, number)
    if not request.user.has_perm("payments.record_payment", project):
        raise PermissionDenied
    tranche = get_tranche(project, position)
    live = workflow.live_request(tranche)
    status = 200
    if request.method == "POST":
        form = PaymentForm(request.POST)
        if form.is_valid():
            name = "repay" if tranche.state == TrancheState.FAILED else "pay"
            try:
                workflow.apply(tranche, name, request.user, **form.cleaned_data)
            except workflow.PaymentError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(request, f"Paiement de « {tranche.label} » enregistré.")
                return redirect(tranche_url(project, tranche))
        status = 422
    else:
        form = PaymentForm(initial={"paid_on": timezone.localdate()})
    payable = tranche.state in (TrancheState.VALIDATED, TrancheState.FAILED)
    return render(
        request,
        "payments/pay.html",
        {"project": project, "tranche": tranche, "form": form, "live": live, "payable": payable},
        status=status,
    )


@login_required
def document(request, number, pk):
    project = get_project_for_user(request.user, number)
    document = get_object_or_404(SupportingDocument, pk=pk, project=project)
    if document.request_id is None and document.uploaded_by_id != request.user.pk:
        raise Http404
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )


WAITING = {
    "instruction": "Validation par l'instruction",
    "finance": "Validation financière",
    "payment": "Paiement à enregistrer",
    "failed": "Paiement à renouveler",
}


def waiting_for(tranche):
    if tranche.state == TrancheState.REQUESTED:
        live = next((r for r in tranche.live_requests if r.status == PaymentRequest.Status.SUBMITTED), None)
        return "finance" if live and live.instructed_by_id else "instruction"
    return "payment" if tranche.state == TrancheState.VALIDATED else "failed"


@login_required
def queue(request):
    if not request.user.has_perm("payments.view_queue"):
        raise Http404
    tranches = list(
        Tranche.objects.filter(state__in=[TrancheState.REQUESTED, TrancheState.VALIDATED, TrancheState.FAILED])
        .select_related("project__application")
        .prefetch_related(
            Prefetch(
                "requests",
                queryset=PaymentRequest.objects.exclude(status=PaymentRequest.Status.RETURNED),
                to_attr="live_requests",
            )
        )
        .order_by("unlocked_at", "pk")
    )
    rows = []
    for t in tranches:
        live = t.live_requests[0] if t.live_requests else None
        rows.append({"tranche": t, "request": live, "waiting": WAITING[waiting_for(t)], "key": waiting_for(t)})
    recoveries = RecoveryOrder.objects.filter(state=RecoveryOrder.State.ISSUED).select_related("project__application")
    return render(
        request,
        "payments/queue.html",
        {
            "rows": rows,
            "recoveries": list(recoveries),
            "recovery_form": RecoveryForm(initial={"recovered_on": timezone.localdate()}),
            "may_record": request.user.has_perm("payments.record_recovery"),
        },
    )


@login_required
@require_POST
def recovered(request, pk):
    if not request.user.has_perm("payments.view_queue"):
        raise Http404
    if not request.user.has_perm("payments.record_recovery"):
        raise PermissionDenied
    order = get_object_or_404(RecoveryOrder.objects.select_related("project__application"), pk=pk)
    form = RecoveryForm(request.POST)
    if form.is_valid():
        try:
            record_recovered(order, request.user, form.cleaned_data["recovered_on"], form.cleaned_data["reference"])
        except workflow.PaymentError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"{order.project.number} : reversement enregistré.")
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("payments_queue:index")
