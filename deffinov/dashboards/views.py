"""The programme's dashboard for the Region, and the public page of the projects it supports."""

import tempfile

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Sum
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from deffinov.applications.models import Participation
from deffinov.committee.access import permission_required
from deffinov.dashboards import figures
from deffinov.dashboards.charts import bar_chart
from deffinov.formatting import PARIS, euros
from deffinov.grants.models import FundedProject, ProjectState
from deffinov.utils.spreadsheets import csv_lines, write_xlsx

PER_PAGE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def map_context(places):
    """The map's points (read by the network's map script, beside the table of the same communes) and its tiles."""
    return {
        "places": places,
        "points": [
            {
                "id": place.code,
                "name": f"{place.commune} : {place.projects} projet{'s' if place.projects > 1 else ''}",
                "commune": euros(place.amount),
                "latitude": place.latitude,
                "longitude": place.longitude,
                "url": f"#commune-{place.code}",
            }
            for place in places
        ],
        "map_tiles": {"url": settings.MAP_TILE_URL, "attribution": settings.MAP_ATTRIBUTION},
    }


def charted(table):
    return {"table": table, "chart": bar_chart(table, f"graphique-{table.key}")}


@permission_required("grants.view_projects")
def index(request):
    """Dossiers and grants per wave and département, committed and paid against the envelope, the projects' map."""
    places = figures.project_places()
    money = figures.totals()
    context = {
        "sections": [
            charted(figures.by_wave(money)),
            charted(figures.by_department(money)),
            charted(figures.by_state()),
        ],
        "tables": [figures.by_indicator(), figures.indicators_by_month(), figures.late_reports()],
        **map_context(places),
    }
    return render(request, "dashboards/index.html", context)


@permission_required("grants.view_projects")
def export(request, key, extension):
    build = figures.TABLES.get(key)
    if build is None or extension not in {"csv", "xlsx"}:
        raise Http404("Tableau introuvable.")
    table = build()
    stamp = timezone.now().astimezone(PARIS).strftime("%Y-%m-%d")
    name = f"deffinov-{table.key}-{stamp}.{extension}"
    if extension == "csv":
        response = StreamingHttpResponse(csv_lines(table.columns, table.rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 (FileResponse closes it)
    write_xlsx(table.caption, table.columns, table.rows, handle)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=name, content_type=XLSX)


def supported(request):
    """Public: the key figures, the list (paginated) and the map of the laureates, and the way to the open data."""
    supported_projects = FundedProject.objects.exclude(state=ProjectState.TERMINATED)
    listed = (
        supported_projects.select_related("application__wave")
        .prefetch_related(
            Prefetch(
                "application__participations",
                queryset=Participation.objects.filter(status="accepted").select_related("organisation__commune"),
            )
        )
        .order_by("application__wave__number", "application__title", "pk")
    )
    page = Paginator(listed, PER_PAGE).get_page(request.GET.get("page"))
    places = figures.project_places(supported_projects)
    totals = supported_projects.aggregate(projects=Count("pk"), granted=Sum("amount_granted"))
    structures = (
        Participation.objects.filter(application__funded_project__in=supported_projects, status="accepted")
        .values("organisation")
        .distinct()
        .count()
    )
    context = {
        "page": page,
        **map_context(places),
        "key_figures": {
            "projects": totals["projects"],
            "granted": totals["granted"] or figures.ZERO,
            "structures": structures,
            "communes": len(places),
        },
    }
    return render(request, "dashboards/supported.html", context)
