"""The programme's dashboard for the Region, and the public page of the projects it supports."""

import tempfile

from django.conf import settings
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from deffinov.committee.access import permission_required
from deffinov.dashboards import figures
from deffinov.dashboards.charts import bar_chart
from deffinov.formatting import PARIS
from deffinov.grants.models import FundedProject, ProjectState
from deffinov.utils.spreadsheets import csv_lines, write_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def map_context(places, link):
    """The map's points (read by the network's map script, over the same list of projects) and its tiles."""
    return {
        "places": places,
        "points": [
            {
                "id": place.number,
                "name": place.title,
                "commune": place.commune,
                "latitude": place.latitude,
                "longitude": place.longitude,
                "url": reverse("grants:detail", args=[place.number]) if link else f"#projet-{place.number}",
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
        **map_context(places, link=True),
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
    """Public: the key figures, the list and the map of the laureates, and the way to the open data."""
    projects = (
        FundedProject.objects.exclude(state=ProjectState.TERMINATED)
        .select_related("application__wave")
        .prefetch_related("application__participations__organisation__commune")
        .order_by("application__wave__number", "application__title")
    )
    projects = list(projects)
    places = figures.project_places(FundedProject.objects.exclude(state=ProjectState.TERMINATED))
    structures = {p.organisation_id for project in projects for p in project.application.accepted_participations()}
    communes = {place.commune for place in places}
    context = {
        "projects": projects,
        **map_context(places, link=False),
        "key_figures": {
            "projects": len(projects),
            "granted": sum((project.amount_granted for project in projects), figures.ZERO),
            "structures": len(structures),
            "communes": len(communes),
        },
    }
    return render(request, "dashboards/supported.html", context)
