"""The learner's side: a place's slots, booking a seat (with an account or an email), the links of the emails,
« Mes réservations » and booking for a group."""

import datetime as dt

from csp.decorators import csp_replace
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from deffinov.bookings import booking as booking_service
from deffinov.bookings import links, slots
from deffinov.bookings.access import get_bookable_place, get_booking_for_user
from deffinov.bookings.forms import BookForm, GroupForm
from deffinov.bookings.models import Booking, BookingState, Slot
from deffinov.bookings.workflow import BookingError, apply
from deffinov.formatting import PARIS
from deffinov.organisations.kinds import Kind
from deffinov.organisations.models import Organisation

DAYS_SHOWN = 7


def week_start(request):
    today = timezone.now().astimezone(PARIS).date()
    try:
        start = dt.date.fromisoformat(request.GET.get("du", ""))
    except ValueError:
        start = today
    return min(max(start, today), today + dt.timedelta(days=366))


def days_of(place, start):
    """[(date, [slots])] for the days shown, only the days with slots."""
    found = slots.open_slots(place, start, start + dt.timedelta(days=DAYS_SHOWN - 1))
    days = {}
    for slot in found:
        days.setdefault(slot.starts_at.astimezone(PARIS).date(), []).append(slot)
    return sorted(days.items())


def training_organisations(user):
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user, kinds__icontains=Kind.ORGANISME_FORMATION.value)


def place_context(request, place, form=None, error=None, chosen=None):
    start = week_start(request)
    return {
        "place": place,
        "days": days_of(place, start),
        "start": start,
        "next_start": start + dt.timedelta(days=DAYS_SHOWN),
        "previous_start": start - dt.timedelta(days=DAYS_SHOWN)
        if start > timezone.now().astimezone(PARIS).date()
        else None,
        "form": form or BookForm(user=request.user, label_suffix=""),
        "error": error,
        "chosen": chosen,
        "can_book_for_group": training_organisations(request.user).exists(),
        "has_resources": place.resources.filter(active=True).exists(),
    }


# Public: the slots of a visible place (404 for an unpublished one, but for its structure's members).
@require_GET
def place_slots(request, pk):
    place = get_bookable_place(request.user, pk)
    return render(request, "bookings/place.html", place_context(request, place))


# Public, allowed in a frame on the place's own website; no cookie needed (the buttons open the full page).
@require_GET
@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})
def embed(request, pk):
    place = get_bookable_place(request.user, pk)
    start = week_start(request)
    return render(request, "bookings/embed.html", {"place": place, "days": days_of(place, start), "start": start})


# Public: anybody may book a seat; without an account the email is confirmed through a link.
@require_POST
def book(request, pk):
    place = get_bookable_place(request.user, pk)
    form = BookForm(request.POST, user=request.user, label_suffix="")
    chosen = request.POST.get("slot", "")
    slot = None
    if chosen.isdigit() and len(chosen) < 12:
        slot = Slot.objects.filter(pk=int(chosen), resource__place=place).select_related("resource").first()
    if not form.is_valid() or slot is None:
        error = None if slot else "Choisissez un créneau parmi ceux proposés (celui-ci n'existe pas pour ce lieu)."
        context = place_context(request, place, form, error=error, chosen=chosen)
        return render(request, "bookings/place.html", context, status=400)
    user = request.user if request.user.is_authenticated else None
    try:
        booking = booking_service.book(
            slot.pk,
            email=user.email if user else form.cleaned_data["email"],
            learner=user,
            name=user.get_full_name() if user else form.cleaned_data["name"],
            public=form.cleaned_data["public"],
            by=user,
        )
    except BookingError as error:
        context = place_context(request, place, form, error=error.message, chosen=chosen)
        return render(request, "bookings/place.html", context, status=409)
    if booking.email_confirmed_at is None:
        return render(request, "bookings/check_email.html", {"booking": booking, "place": place})
    if booking.state == BookingState.REQUESTED:
        messages.success(request, f"Demande enregistrée : {booking.slot.period_text}. Le lieu va la valider.")
    else:
        messages.success(request, f"Place réservée : {booking.slot.period_text}. Un courriel vous le confirme.")
    return redirect("bookings:mine")


# The link of the email: a page with a button, since following a link must not change anything by itself.
@require_http_methods(["GET", "POST"])
def confirm_email(request, token):
    booking = links.read(token, "confirm")
    if booking is None:
        return render(request, "bookings/link_invalid.html", status=404)
    if request.method == "POST":
        booking_service.confirm_email(booking)
        booking.refresh_from_db()
        return render(request, "bookings/confirmed.html", {"booking": booking})
    return render(request, "bookings/confirm_email.html", {"booking": booking, "token": token})


@require_http_methods(["GET", "POST"])
def cancel_link(request, token):
    booking = links.read(token, "cancel")
    if booking is None:
        return render(request, "bookings/link_invalid.html", status=404)
    error = None
    if request.method == "POST":
        try:
            apply(booking, "cancel", by=request.user, via_link=True)
            return render(request, "bookings/cancelled.html", {"booking": booking})
        except BookingError as refusal:
            error = refusal.message
    return render(
        request,
        "bookings/cancel.html",
        {"booking": booking, "token": token, "error": error},
        status=409 if error else 200,
    )


@login_required
@require_GET
def mine(request):
    now = timezone.now()
    bookings = (
        Booking.objects.filter(learner=request.user)
        .select_related("slot__resource__place__commune")
        .order_by("slot__starts_at")
    )
    upcoming = [b for b in bookings if b.slot.ends_at >= now and b.state != BookingState.CANCELLED]
    past = [b for b in bookings if b not in upcoming][-20:]
    return render(request, "bookings/mine.html", {"upcoming": upcoming, "past": past, "now": now})


@login_required
@require_POST
def cancel(request, pk):
    booking = get_booking_for_user(request.user, pk)
    name = "cancel" if booking.learner_id == request.user.pk or booking.organisation_id else "host_cancel"
    try:
        apply(booking, name, by=request.user)
        messages.success(request, f"Réservation annulée : {booking.slot.period_text}.")
    except BookingError as error:
        messages.error(request, error.message)
    return redirect(
        request.POST.get("next") if request.POST.get("next", "").startswith("/") else reverse("bookings:mine")
    )


# Members of a training organisation book seats of one slot for several of its learners at once.
@login_required
@require_http_methods(["GET", "POST"])
def group(request, slot_id):
    organisations = training_organisations(request.user)
    if not organisations.exists():
        raise Http404("Réservé aux organismes de formation.")
    slot = get_object_or_404(Slot.objects.select_related("resource__place"), pk=slot_id)
    place = get_bookable_place(request.user, slot.resource.place_id)
    form = GroupForm(request.POST or None, organisations=organisations, label_suffix="")
    errors = []
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data["organisation"]
        learners = form.cleaned_data["learners"]
        made = []
        with transaction.atomic():
            for name, email in learners:
                try:
                    made.append(
                        booking_service.book(
                            slot.pk, email=email, name=name, organisation=organisation, by=request.user
                        )
                    )
                except BookingError as error:
                    errors.append(f"{email} : {error.message}")
            if errors:
                transaction.set_rollback(True)
        if not errors:
            plural = "s" if len(made) > 1 else ""
            messages.success(
                request,
                f"{len(made)} place{plural} réservée{plural} : {slot.period_text}.",
            )
            return redirect("bookings:place", place.pk)
    return render(request, "bookings/group.html", {"form": form, "slot": slot, "place": place, "errors": errors})
