from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from deffinov.loans import calendar, circle, workflow
from deffinov.loans.access import ITEM_RELATED, get_item_for_admin, get_item_for_public, get_loan_for_user
from deffinov.loans.forms import CatalogueForm, ItemForm, LoanRequestForm
from deffinov.loans.models import HOLDING_STATES, Audience, Item, Loan
from deffinov.organisations.access import get_organisation_for_user
from deffinov.organisations.models import Organisation

LOAN_RELATED = ("item__organisation", "borrower", "requested_by")


@require_GET
def catalogue(request):
    """Every item offered for loan, filtered by kind, département and free dates; public."""
    today = timezone.localdate()
    form = CatalogueForm(request.GET or None, today=today)
    items = Item.objects.filter(available=True).select_related(*ITEM_RELATED).order_by("name", "pk")
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if data["kind"]:
            items = items.filter(kind=data["kind"])
        if data["department"]:
            items = items.filter(organisation__commune__department=data["department"])
        if data.get("free_from") and data.get("free_to"):
            held = Loan.objects.filter(
                state__in=HOLDING_STATES, starts_on__lte=data["free_to"], ends_on__gte=data["free_from"]
            ).values("item_id")
            items = items.exclude(pk__in=held)
    elif form.is_bound:
        items = items.none()
    page = Paginator(items, 24).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "loans/catalogue.html", {"form": form, "page": page, "query": query.urlencode()})


@require_GET
def item_detail(request, pk):
    item = get_item_for_public(request.user, pk)
    today = timezone.localdate()
    periods = calendar.holding_periods(item, today)
    can_manage = request.user.has_perm("loans.manage_items", item.organisation)
    context = {
        "item": item,
        "periods": periods,
        "months": calendar.months(periods, today),
        "weekdays": calendar.WEEKDAYS,
        "can_manage": can_manage,
        "history": item.loans.select_related(*LOAN_RELATED).order_by("-starts_on", "-pk") if can_manage else [],
    }
    return render(request, "loans/item.html", context)


@login_required
def loan_request(request, pk):
    item = get_item_for_public(request.user, pk)
    if not item.available:
        raise Http404("Objet introuvable.")
    structures = list(Organisation.objects.administered_by(request.user).exclude(pk=item.organisation_id))
    personal_allowed = item.audience == Audience.PUBLIC
    borrower_key = request.POST.get("borrower", "")
    if borrower_key.isdigit() and borrower_key not in {str(s.pk) for s in structures}:
        # Acting for a structure one does not administer (or a forged id): it does not exist for this person.
        raise Http404("Structure introuvable.")
    form = LoanRequestForm(
        request.POST or None, structures=structures, personal_allowed=personal_allowed, today=timezone.localdate()
    )
    if request.method == "POST" and form.is_valid():
        borrower = form.chosen_borrower()
        refusal = circle.refusal(item, borrower)
        if refusal:
            form.add_error("borrower", refusal)
        else:
            data = form.cleaned_data
            try:
                loan = workflow.request_loan(
                    item, request.user, borrower, data["starts_on"], data["ends_on"], data["message"]
                )
            except workflow.LoanError as error:
                form.add_error("starts_on", error.message)
            else:
                messages.success(request, "Votre demande est envoyée : la structure va l'accepter ou la refuser.")
                return redirect(loan.get_absolute_url())
    context = {"item": item, "form": form, "may_ask": bool(structures) or personal_allowed}
    return render(request, "loans/request.html", context)


@login_required
def loan_detail(request, pk):
    loan = get_loan_for_user(request.user, pk)
    context = {
        "loan": loan,
        "item": loan.item,
        "actions": workflow.available(loan, request.user),
        "transitions": loan.transitions.select_related("by"),
        "period": workflow.period(loan.starts_on, loan.ends_on),
    }
    return render(request, "loans/loan.html", context)


@login_required
@require_POST
def loan_transition(request, pk, name):
    loan = get_loan_for_user(request.user, pk)
    if name not in workflow.TRANSITIONS:
        raise Http404("Action inconnue.")
    motivation = request.POST.get("motivation", "")[:2000]
    try:
        done = workflow.apply(loan, name, request.user, motivation)
    except workflow.LoanError as error:
        messages.error(request, error.message)
    else:
        if done:
            messages.success(request, workflow.TRANSITIONS[name].done)
        else:
            messages.info(request, "Le prêt avait déjà changé d'état : voici où il en est.")
    return redirect(loan.get_absolute_url())


@login_required
def organisation_loans(request, pk):
    """« Prêts » of a structure, for its administrators: its items, the requests it received and made."""
    organisation = get_organisation_for_user(request.user, pk, "loans.manage_items")
    received = Loan.objects.filter(item__organisation=organisation).select_related(*LOAN_RELATED)
    context = {
        "organisation": organisation,
        "items": organisation.loan_items.select_related("pickup_place").order_by("name", "pk"),
        "pending": received.filter(state="pending").order_by("starts_on", "pk"),
        "received": received.exclude(state="pending").order_by("-starts_on", "-pk"),
        "made": Loan.objects.filter(borrower=organisation).select_related(*LOAN_RELATED).order_by("-starts_on"),
    }
    return render(request, "loans/organisation.html", context)


@login_required
def my_loans(request):
    """What the person asked for, in their name or for their structures, and the structures' pages."""
    administered = list(Organisation.objects.administered_by(request.user).order_by("name"))
    loans = (
        Loan.objects.filter(Q(requested_by=request.user) | Q(borrower__in=administered))
        .select_related(*LOAN_RELATED)
        .order_by("-starts_on", "-pk")
        .distinct()
    )
    return render(request, "loans/mine.html", {"loans": loans, "structures": administered})


@login_required
def item_create(request, pk):
    organisation = get_organisation_for_user(request.user, pk, "loans.manage_items")
    form = ItemForm(request.POST or None, instance=Item(organisation=organisation), organisation=organisation)
    if request.method == "POST" and form.is_valid():
        item = form.save()
        messages.success(request, f"« {item.name} » est proposé au prêt.")
        return redirect(item.get_absolute_url())
    return render(request, "loans/item_form.html", {"form": form, "organisation": organisation, "item": None})


@login_required
def item_edit(request, pk):
    item = get_item_for_admin(request.user, pk)
    form = ItemForm(request.POST or None, instance=item, organisation=item.organisation)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"« {item.name} » est enregistré.")
        return redirect(item.get_absolute_url())
    return render(request, "loans/item_form.html", {"form": form, "organisation": item.organisation, "item": item})
