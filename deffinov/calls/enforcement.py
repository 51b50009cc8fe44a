"""Which rule of the eligibility engine enforces each setting of a call (shown beside it in the admin)."""

from django.utils.html import format_html

# Setting -> the engine's rule code (deffinov.eligibility.engine.RULE_CODES) that checks it.
CALL_SETTING_RULES = {
    "grant_min": "budget.grant_range",
    "grant_max": "budget.grant_range",
    "cofinancing_floor": "budget.cofinancing",
    "communication_cap_rate": "budget.communication_cap",
    "de_minimis_ceiling": "state_aid.de_minimis",
    "duration_min_months": "schedule.duration",
    "duration_max_months": "schedule.duration",
    "programme_ends_on": "schedule.end",
    "project_start": "schedule.start",
    "eligible_departments": "territory.region",
    "min_tiers_lieu_members": "composition.tiers_lieu",
    "min_training_members": "composition.training_actor",
    "min_distinct_members": "composition.distinct_members",
    "seniority_months": "members.seniority",
}
# Settings applied by people rather than by the engine.
CALL_SETTING_NOTES = {
    "cofinancing_floor_exception": "Appliqué par le comité de sélection, qui seul peut accorder cette dérogation.",
}
WAVE_SETTING_RULES = {
    "opens_at": "wave.open",
    "closes_at": "wave.open",
    "projects_end_on": "schedule.end",
}
CRITERION_SETTING_RULES = {"code": "composition.tiers_lieu", "label": "composition.tiers_lieu"}


def with_rule(help_text, name, rules, notes=None):
    """The field's help text followed by the rule code that enforces it (or a note saying who applies it)."""
    if name in rules:
        suffix = format_html("Règle vérifiée : <code>{}</code>.", rules[name])
    elif notes and name in notes:
        suffix = notes[name]
    else:
        return help_text
    return format_html("{} {}", help_text, suffix) if help_text else suffix
