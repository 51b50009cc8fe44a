"""From the database to the engine's plain data: the call's rules and the wave to check against.

The API, the simulator and the applications app all go through these functions, so they give the
same verdict. They only use `.all()` on relations: a queryset with
`prefetch_related("tiers_lieu_criteria", "eligible_departments", "waves")` costs no further query.
"""

from django.utils import timezone

from deffinov.eligibility.facts import CallRules


def rules_from_call(call, wave=None) -> CallRules:
    """Every rule of `call`; with `wave`, its submission window too."""
    return CallRules(
        grant_min=call.grant_min,
        grant_max=call.grant_max,
        cofinancing_floor=call.cofinancing_floor,
        duration_min_months=call.duration_min_months,
        duration_max_months=call.duration_max_months,
        programme_ends_on=(wave.projects_end_on if wave else None) or call.programme_ends_on,
        eligible_departments=frozenset(department.pk for department in call.eligible_departments.all()),
        criteria=tuple((criterion.code, criterion.label) for criterion in call.tiers_lieu_criteria.all()),
        min_tiers_lieu_members=call.min_tiers_lieu_members,
        min_training_members=call.min_training_members,
        min_distinct_members=call.min_distinct_members,
        seniority_months=call.seniority_months,
        de_minimis_ceiling=call.de_minimis_ceiling,
        communication_cap_rate=call.communication_cap_rate,
        project_start=call.project_start,
        wave_opens_at=wave.opens_at if wave else None,
        wave_closes_at=wave.closes_at if wave else None,
        wave_title=wave.title if wave else "",
    )


def default_wave(call, at=None):
    """The call's wave open at `at` (default: now; a real wave before a demonstration one), else its latest one.

    None when the call has no wave.
    """
    at = at or timezone.now()
    waves = list(call.waves.all())
    open_waves = [wave for wave in waves if wave.is_open(at)]
    if open_waves:
        return min(open_waves, key=lambda wave: (wave.is_demo, wave.opens_at))
    return max(waves, key=lambda wave: wave.opens_at, default=None)
