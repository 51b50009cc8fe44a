from django.core.cache import cache
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.csrf import csrf_exempt

from deffinov.calls.models import Call
from deffinov.calls.pages import CACHE_SECONDS, body_cache_key
from deffinov.eligibility.adapters import default_wave, rules_from_call
from deffinov.eligibility.engine import evaluate
from deffinov.eligibility.forms import (
    MEMBER_ROWS,
    VISIBLE_ROWS,
    MemberForm,
    SimulatorForm,
    empty_facts,
    simulated_facts,
)
from deffinov.eligibility.presentation import verdict_rows, verdict_summary
from deffinov.www.cache import cached_for_visitors

# The sections of the simulator that the rules' links may point to.
ANCHORS = frozenset({"#membres", "#territoire", "#budget", "#calendrier"})


def published_call():
    call = Call.objects.published().prefetch_related("waves", "tiers_lieu_criteria", "eligible_departments").first()
    if call is None:
        raise Http404("Aucun appel à projets n'est publié.")
    return call


# No CSRF token: the simulator stores nothing and reads nobody's data, so a forged post can do no harm, and its page
# is the same for every visitor (served from the cache, see deffinov.www.cache).
@csrf_exempt
@cached_for_visitors
def simulator(request):
    """« Suis-je éligible ? »: public, no account needed; nothing is stored.

    Without JavaScript the form posts to this page, which answers with the verdict and every field kept;
    with HTMX, each change posts the form and only the result panel comes back. The blank page is the same for
    everybody: its fields and first verdict are rendered once per version of the call, wave status and day.
    """
    if request.method != "POST":
        call = Call.objects.published().first()
        if call is None:
            raise Http404("Aucun appel à projets n'est publié.")
        return render(request, "eligibility/simulator.html", blank_page(call))
    return render_simulator(request, published_call())


def blank_page(call):
    """The context of the page before any input: the call and its fields and verdict, as cached HTML."""
    key = f"eligibility:blank:{body_cache_key(call, timezone.now())}"
    blank = cache.get(key)
    if blank is None:
        prefetch_related_objects([call], "waves", "tiers_lieu_criteria", "eligible_departments")
        context = simulator_context(call, None)
        blank = {
            "fields": str(render_to_string("eligibility/_fields.html", context)),
            "result": str(render_to_string("eligibility/_result.html", context)),
            "summary": context["summary"],
        }
        cache.set(key, blank, CACHE_SECONDS)
    parts = {"fields": mark_safe(blank["fields"]), "result": mark_safe(blank["result"])}  # noqa: S308 - our templates
    return {"call": call, "blank": parts, "summary": blank["summary"], "errors": []}


def render_simulator(request, call):
    context = simulator_context(call, request.POST)
    if request.htmx and not request.htmx.boosted:
        return render(request, "eligibility/_result.html", {**context, "oob": True})
    return render(request, "eligibility/simulator.html", context)


def simulator_context(call, data):
    now = timezone.now()
    waves = sorted(call.waves.all(), key=lambda wave: wave.opens_at)
    criteria = list(call.tiers_lieu_criteria.all())
    current = default_wave(call, now)
    form_options = {"waves": waves, "departments": call.eligible_departments.all(), "call": call}
    form = SimulatorForm(data, initial={"wave": current.slug if current else ""}, **form_options)
    member_forms = [
        MemberForm(data, prefix=f"membre-{number}", criteria=criteria, number=number)
        for number in range(1, MEMBER_ROWS + 1)
    ]

    wave, verdict, errors = current, None, []
    if data is None:
        verdict = evaluate(empty_facts(), rules_from_call(call, wave), now)
    else:
        valid = form.is_valid()
        valid = all(member_form.is_valid() for member_form in member_forms) and valid
        for each in (form, *member_forms):
            errors.extend(error_links(each))
        if valid:
            wave = next(wave for wave in waves if wave.slug == form.cleaned_data["wave"])
            verdict = evaluate(simulated_facts(form, member_forms), rules_from_call(call, wave), now)

    leads = list(form["lead"])
    context = {
        "call": call,
        "form": form,
        "rows": [
            {"form": member_form, "lead": lead, "hidden": member_form.number > VISIBLE_ROWS}
            for member_form, lead in zip(member_forms, leads, strict=True)
        ],
        "more_rows_open": any(member_form.has_input() for member_form in member_forms[VISIBLE_ROWS:]),
        "criteria": criteria,
        "wave": wave,
        "wave_status": wave.status(now) if wave else "",
        "rules": verdict_rows(verdict, ANCHORS) if verdict else [],
        "summary": verdict_summary(verdict) if verdict else None,
        "errors": errors,
    }
    return context


def error_links(form):
    return [
        {"id": form[name].auto_id, "label": form.fields[name].label, "messages": messages}
        for name, messages in form.errors.items()
        if name in form.fields
    ]
