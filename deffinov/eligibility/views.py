from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from deffinov.calls.models import Call
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

# The sections of the simulator that the rules' links may point to.
ANCHORS = frozenset({"#membres", "#territoire", "#budget", "#calendrier"})


def published_call():
    call = Call.objects.published().prefetch_related("waves", "tiers_lieu_criteria", "eligible_departments").first()
    if call is None:
        raise Http404("Aucun appel à projets n'est publié.")
    return call


def simulator(request):
    """« Suis-je éligible ? »: public, no account needed; nothing is stored.

    Without JavaScript the form posts to this page, which answers with the verdict and every field kept;
    with HTMX, each change posts the form and only the result panel comes back.
    """
    call = published_call()
    now = timezone.now()
    waves = sorted(call.waves.all(), key=lambda wave: wave.opens_at)
    criteria = list(call.tiers_lieu_criteria.all())
    current = default_wave(call, now)
    form_options = {"waves": waves, "departments": call.eligible_departments.all(), "call": call}
    data = request.POST if request.method == "POST" else None
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
    if request.htmx and not request.htmx.boosted:
        return render(request, "eligibility/_result.html", {**context, "oob": True})
    return render(request, "eligibility/simulator.html", context)


def error_links(form):
    return [
        {"id": form[name].auto_id, "label": form.fields[name].label, "messages": messages}
        for name, messages in form.errors.items()
        if name in form.fields
    ]
