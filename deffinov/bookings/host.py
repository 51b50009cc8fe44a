"""The host's side (administrators of the place's structure): the day's or week's bookings, attendance, export,
the bookable resources and the closures."""

import datetime as dt
import tempfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import FileResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from deffinov import formatting
from deffinov.bookings.access import get_booking_for_user, get_place_for_host
from deffinov.bookings.forms import ClosureForm, ResourceForm
from deffinov.bookings.models import Booking, Closure, Resource, Slot
from deffinov.bookings.workflow import BookingError, apply, is_host
from deffinov.formatting import PARIS
from deffinov.utils.spreadsheets import Column, csv_lines, write_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HOST_ACTIONS = {"confirm", "decline", "host_cancel", "attended", "no_show"}
COLUMNS = [
    Column("Début"),
    Column("Fin"),
    Column("Ressource"),
    Column("Apprenant"),
    Column("Courriel"),
    Column("Public"),
    Column("Structure"),
    Column("État"),
]


def period(request):
    """(first day, last day, "day" or "week") from ?jour=YYYY-MM-DD&vue=semaine; today by default."""
    today = timezone.now().astimezone(PARIS).date()
    try:
        day = dt.date.fromisoformat(request.GET.get("jour", ""))
    except ValueError:
        day = today
    day = min(max(day, today - dt.timedelta(days=3660)), today + dt.timedelta(days=366))
    if request.GET.get("vue") == "semaine":
        first = day - dt.timedelta(days=day.weekday())
        return first, first + dt.timedelta(days=6), "week"
    return day, day, "day"


def bookings_of(place, first, last):
    start = dt.datetime.combine(first, dt.time(), tzinfo=PARIS)
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), tzinfo=PARIS)
    return (
        Booking.objects.filter(slot__resource__place=place, slot__starts_at__gte=start, slot__starts_at__lt=end)
        .select_related("slot__resource", "organisation", "learner")
        .order_by("slot__starts_at", "slot__resource__name", "name", "email")
    )


def rows(bookings):
    for booking in bookings:
        yield [
            formatting.datetime(booking.slot.starts_at),
            formatting.time(booking.slot.ends_at),
            booking.slot.resource.name,
            booking.name,
            booking.email,
            booking.get_public_display(),
            booking.organisation.name if booking.organisation else "",
            booking.get_state_display(),
        ]


@login_required
@require_http_methods(["GET"])
def host_bookings(request, pk):
    place = get_place_for_host(request.user, pk)
    first, last, view = period(request)
    bookings = bookings_of(place, first, last)
    export = request.GET.get("format")
    if export in ("csv", "xlsx"):
        name = f"reservations-{place.pk}-{first.isoformat()}.{export}"
        if export == "csv":
            response = StreamingHttpResponse(csv_lines(COLUMNS, rows(bookings)), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="{name}"'
            return response
        handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 (FileResponse closes it)
        write_xlsx("Réservations", COLUMNS, rows(bookings), handle)
        handle.seek(0)
        return FileResponse(handle, as_attachment=True, filename=name, content_type=XLSX)
    step = dt.timedelta(days=7 if view == "week" else 1)
    context = {
        "place": place,
        "bookings": list(bookings),
        "first": first,
        "last": last,
        "view": view,
        "previous": (first - step).isoformat(),
        "next": (first + step).isoformat(),
        "now": timezone.now(),
    }
    return render(request, "bookings/host.html", context)


@login_required
@require_POST
def host_action(request, pk):
    booking = get_booking_for_user(request.user, pk)
    if not is_host(request.user, booking):
        return redirect("bookings:mine")
    action = request.POST.get("action")
    if action in HOST_ACTIONS:
        try:
            apply(booking, action, by=request.user)
            messages.success(request, f"{booking.name or booking.email} : {booking.get_state_display().lower()}.")
        except BookingError as error:
            messages.error(request, error.message)
    else:
        messages.error(request, "Action inconnue.")
    back = request.POST.get("next", "")
    return redirect(
        back
        if back.startswith("/") and not back.startswith("//")
        else reverse("bookings:host", args=[booking.slot.resource.place_id])
    )


@login_required
def resources(request, pk):
    place = get_place_for_host(request.user, pk)
    closure_form = ClosureForm(request.POST if "closure" in request.POST else None, label_suffix="")
    if request.method == "POST" and closure_form.is_valid():
        closure = closure_form.save(commit=False)
        closure.place = place
        closure.save()
        messages.success(request, f"Fermeture enregistrée : {closure}.")
        return redirect("bookings:resources", place.pk)
    context = {
        "place": place,
        "resources": place.resources.all(),
        "closures": Closure.objects.filter(place=place, ends_on__gte=timezone.now().astimezone(PARIS).date()),
        "closure_form": closure_form,
    }
    return render(request, "bookings/resources.html", context)


@login_required
def resource_edit(request, pk, resource_pk=None):
    place = get_place_for_host(request.user, pk)
    resource = get_object_or_404(Resource, pk=resource_pk, place=place) if resource_pk else Resource(place=place)
    form = ResourceForm(request.POST or None, instance=resource, label_suffix="")
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                resource = form.save()
                # Future slots take the new capacity (the form refused one below their bookings; the constraint
                # refuses one a booking made meanwhile would exceed).
                Slot.objects.filter(resource=resource, starts_at__gt=timezone.now()).update(capacity=resource.capacity)
        except IntegrityError:
            form.add_error("capacity", "Des réservations viennent d'arriver au-delà de cette capacité : réessayez.")
        else:
            messages.success(request, f"« {resource.name} » est enregistrée.")
            return redirect("bookings:resources", place.pk)
    return render(request, "bookings/resource_edit.html", {"place": place, "form": form, "resource": resource})
