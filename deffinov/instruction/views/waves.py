"""The instructors' entry points: the waves, and each wave's list of dossiers."""

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render

from deffinov.applications.models import State
from deffinov.calls.models import Wave
from deffinov.instruction.access import staff_required
from deffinov.instruction.forms import WorkspaceFilterForm
from deffinov.instruction.workspace import (
    PAGE_SIZE,
    counts_by_state,
    filter_dossiers,
    sort_dossiers,
    wave_dossiers,
    with_list_columns,
)


@staff_required
def index(request):
    """Every wave with its number of dossiers per state (drafts are the consortia's business)."""
    counts = {
        f"count_{state}": Count("applications", filter=Q(applications__state=state))
        for state in State.values
        if state != State.DRAFT
    }
    waves = (
        Wave.objects.select_related("call")
        .annotate(total=Count("applications", filter=~Q(applications__state=State.DRAFT)), **counts)
        .order_by("-opens_at")
    )
    rows = [
        {
            "wave": wave,
            "total": wave.total,
            "states": [
                (label, getattr(wave, f"count_{state}")) for state, label in State.choices if state != State.DRAFT
            ],
        }
        for wave in waves
    ]
    return render(request, "instruction/index.html", {"rows": rows})


@staff_required
def workspace(request, slug):
    wave = get_object_or_404(Wave.objects.select_related("call"), slug=slug)
    form = WorkspaceFilterForm(request.GET or None, call=wave.call)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    dossiers = wave_dossiers(wave)
    counts = counts_by_state(filter_dossiers(dossiers, data, request.user, with_state=False))
    listed = sort_dossiers(
        with_list_columns(filter_dossiers(dossiers, data, request.user)), data.get("sort") or "number"
    )
    page = Paginator(listed, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "instruction/workspace.html",
        {
            "wave": wave,
            "form": form,
            "page": page,
            "counts": counts,
            "current_sort": data.get("sort") or "number",
            "current_state": data.get("state") or "",
        },
    )
