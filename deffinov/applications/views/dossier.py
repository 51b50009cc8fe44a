"""The dossier page: every section on one page, saved one section at a time, with the live eligibility panel."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET, require_POST

from deffinov.applications import sections
from deffinov.applications.access import get_application_for_user
from deffinov.applications.views.common import (
    dossier_context,
    eligibility_context,
    refuse_if_not_draft,
    render_dossier,
    section_list,
)
from deffinov.formatting import time as paris_time


@login_required
@require_GET
def detail(request, number):
    """People of the consortium's structures, and Region staff (read only)."""
    application = get_application_for_user(request.user, number, "applications.view_application")
    return render_dossier(request, application)


@login_required
@require_GET
def eligibility(request, number):
    """The eligibility panel alone, for HTMX refreshes. Same audience as the dossier."""
    application = get_application_for_user(request.user, number, "applications.view_application")
    return render(request, "applications/partials/eligibility.html", eligibility_context(application))


def _partial_response(request, application, key, form, result):
    """HTMX answer to a section save: a status line, plus out-of-band updates of the panel and the outline."""
    context = {
        "application": application,
        "key": key,
        "result": result,
        "form": form,
        "oob": True,
        "sections": section_list(application, dict.fromkeys(sections.TITLES)),
        **eligibility_context(application),
    }
    return render(request, "applications/partials/section_saved.html", context)


@login_required
@require_POST
def save_section(request, number, key):
    """Save one section. People of the consortium's structures, while the dossier is a draft."""
    if key not in sections.TITLES:
        raise Http404("Section inconnue.")
    application = get_application_for_user(request.user, number, "applications.change_application")
    refusal = refuse_if_not_draft(request, application)
    if refusal:
        if request.htmx:
            return render(request, "applications/partials/not_editable.html", {"application": application}, status=409)
        return refusal
    form = sections.build_form(application, key, data=request.POST, files=request.FILES)
    if not form.is_valid():
        return _refused(request, application, key, form, None, status=422)
    try:
        result = sections.save_section(application, key, form, request.user)
    except sections.NotEditableError as error:
        messages.error(request, error.message)
        return redirect(application)
    if not result.saved:
        # Keep what the person typed; the next save knowingly replaces the other value.
        data = request.POST.copy()
        data[f"{key}-version"] = result.version
        data[f"{key}-fingerprint"] = result.fingerprint
        form = sections.build_form(application, key, data=data, files=request.FILES)
        form.is_valid()
        return _refused(request, application, key, form, result, status=409)
    application.refresh_from_db()
    if request.htmx:
        fresh = get_application_for_user(request.user, number, "applications.view_application")
        return _partial_response(request, fresh, key, form, result)
    messages.success(request, f"Partie « {sections.TITLES[key]} » enregistrée à {paris_time(result.at)}.")
    return redirect(f"{application.get_absolute_url()}#{key}")


def _refused(request, application, key, form, conflict, status):
    if request.htmx:
        context = dossier_context(request, application, bound=(key, form), conflict=conflict)
        section = next(s for s in context["sections"] if s["key"] == key)
        html = render_to_string(
            "applications/partials/section.html", {**context, "section": section, "autosave": conflict is None}, request
        )
        response = HttpResponse(html)
        response["HX-Retarget"] = f"#{key}"
        response["HX-Reswap"] = "outerHTML"
        return response
    return render_dossier(request, application, status=status, bound=(key, form), conflict=conflict)
