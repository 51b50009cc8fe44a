"""The eligibility verdict as the instruction reads it: stored at submission, or recomputed on request."""


def recalculate(application):
    """The verdict on the dossier as it stands now, under the call's current rules, at the submission date
    (so that the wave's window and the members' seniority are judged as they were on that day)."""
    from deffinov.applications.facts import verdict_for, with_dossier
    from deffinov.applications.models import Application

    fresh = with_dossier(Application.objects.filter(pk=application.pk)).get()
    return verdict_for(fresh, at=application.submitted_at, check_documents=True).as_dict()


def side_by_side(stored, current):
    """One row per rule: the rule, its status at submission and now."""
    stored_rules = {rule["code"]: rule for rule in (stored or {}).get("rules", [])}
    current_rules = {rule["code"]: rule for rule in (current or {}).get("rules", [])}
    codes = list(dict.fromkeys([*stored_rules, *current_rules]))
    return [{"code": code, "stored": stored_rules.get(code), "current": current_rules.get(code)} for code in codes]
