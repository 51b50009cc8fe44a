"""The sections of the dossier: what each one holds, how it is saved, and when it counts as complete.

Saving is optimistic: a form carries the dossier's `version` and a fingerprint of the values it showed.
When the dossier moved on meanwhile, the save still goes through if nobody else changed the fields of
this section; otherwise it is refused with, field by field, their value and yours.
"""

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from deffinov.applications import editing, questions
from deffinov.applications.bounds import sane_date
from deffinov.applications.editing import NotEditableError  # noqa: F401 (the views catch it from here)
from deffinov.applications.facts import with_dossier
from deffinov.applications.forms.questions import QuestionsForm
from deffinov.applications.forms.sections import (
    SECTION_FORMS,
    CriteriaForm,
    MoneyForm,
    communes_text,
    criterion_field_name,
    tiers_lieu_participations,
)
from deffinov.applications.models import (
    EDITABLE_STATES,
    Application,
    CriterionDeclaration,
    Participation,
    Public,
)

TITLES = {
    "identite": "Identité du projet",
    "territoire": "Territoire",
    "publics": "Publics visés",
    "pedagogie": "Approche pédagogique et innovation",
    "mutualisation": "Mutualisation",
    "espaces": "Espaces et équipements",
    "calendrier": "Calendrier",
    "criteres": "Critères des tiers-lieux",
    "repartition": "Répartition de la subvention et aides de minimis",
    "questions": "Questions complémentaires",
}
# Sections a dossier shows only when its call asks for them.
OPTIONAL = {"questions": questions.has_questions}
SIMPLE_FIELDS = {
    "identite": ["title", "summary"],
    "publics": ["publics", "publics_other"],
    "pedagogie": ["pedagogy", "innovation"],
    "mutualisation": ["pooling"],
    "espaces": ["spaces"],
    "calendrier": ["start_on", "end_on"],
    "territoire": ["epci"],
}
REQUIRED_FOR_COMPLETENESS = {
    "identite": ["title", "summary"],
    "territoire": ["communes"],
    "publics": ["publics"],
    "pedagogie": ["pedagogy", "innovation"],
    "mutualisation": ["pooling"],
    "espaces": ["spaces"],
    "calendrier": ["start_on", "end_on"],
}


def titles_for(application):
    """The sections of this dossier, in order: {key: title}."""
    return {key: title for key, title in TITLES.items() if key not in OPTIONAL or OPTIONAL[key](application)}


def text_of(value):
    """A value as people read it, also used to compare values."""
    if value is None:
        return ""
    if isinstance(value, Model):
        return str(value)
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value else "0"
    if isinstance(value, list | tuple):
        if all(code in Public.values for code in value):
            return ", ".join(Public(code).label for code in value)
        return "\n".join(text_of(item) for item in value)
    return str(value).replace("\r\n", "\n").strip()


def current_values(application, key):
    """The section's values as stored, keyed by form field name, as text."""
    if key in SIMPLE_FIELDS:
        values = {name: text_of(getattr(application, name)) for name in SIMPLE_FIELDS[key]}
        if key == "territoire":
            values["communes"] = communes_text(application.communes.all())
        return values
    if key == "questions":
        return questions.current_values(application)
    if key == "criteres":
        values = {}
        criteria = list(application.wave.call.tiers_lieu_criteria.all())
        for participation in tiers_lieu_participations(application):
            declared = {d.criterion_id: d.justification for d in participation.declarations.all()}
            for criterion in criteria:
                values[criterion_field_name(participation, criterion)] = text_of(declared.get(criterion.pk, ""))
        return values
    values = {}
    for participation in application.accepted_participations():
        values[f"share_{participation.pk}"] = text_of(participation.grant_share * 100)
        values[f"minimis_{participation.pk}"] = text_of(participation.de_minimis_received)
    return values


def submitted_values(form):
    if isinstance(form, QuestionsForm):
        return questions.submitted_values(form)
    values = {}
    for name in form.fields:
        if name in {"version", "fingerprint"}:
            continue
        value = form.cleaned_data.get(name)
        if name == "communes":
            value = communes_text(value or [])
        elif name.startswith(("share_", "minimis_")):
            value = value or Decimal(0)
        values[name] = text_of(value)
    return values


def digest(text):
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def fingerprint(values):
    return json.dumps({name: digest(text) for name, text in values.items()}, separators=(",", ":"))


def initial_for(application, key, answers=None):
    form_class = SECTION_FORMS.get(key, QuestionsForm)
    values = current_values(application, key)
    initial = {"version": application.version, "fingerprint": fingerprint(values)}
    if key == "questions":
        initial.update(questions.initial_values(application, answers))
    if key in SIMPLE_FIELDS:
        initial.update({name: getattr(application, name) for name in SIMPLE_FIELDS[key]})
    if key == "territoire":
        initial["communes"] = values["communes"]
    if form_class in {CriteriaForm, MoneyForm}:
        initial.update(values)
    return initial


def build_form(application, key, data=None, files=None):
    if key == "questions":
        answers = questions.answers_of(application)
        initial = initial_for(application, key, answers)
        return QuestionsForm(data, files, application=application, answers=answers, initial=initial, prefix=key)
    initial = initial_for(application, key)
    if (
        data is None
        and key == "calendrier"
        and not all(map(within_widest_window, [application.start_on, application.end_on]))
    ):
        # A date stored before the bounds existed (« 9999-12-31 »): shown with its error, to be corrected.
        data = {f"{key}-{name}": "" if value is None else str(value) for name, value in initial.items()}
    return SECTION_FORMS[key](data, application=application, initial=initial, prefix=key)


def within_widest_window(value):
    return value is None or sane_date(value) is not None


@dataclass
class Change:
    label: str
    theirs: str
    yours: str


@dataclass
class SaveResult:
    saved: bool
    version: int
    fingerprint: str
    at: dt.datetime | None = None
    conflicts: list[Change] = field(default_factory=list)
    by: object = None


def _apply(application, key, cleaned):
    """Write the section: returns the Application fields to update; related rows are written here."""
    updates = {name: cleaned.get(name) for name in SIMPLE_FIELDS.get(key, [])}
    if key == "publics":
        updates["publics"] = list(cleaned["publics"])
    if key == "territoire":
        application.communes.set(cleaned["communes"])
    if key == "criteres":
        for participation in tiers_lieu_participations(application):
            for criterion in application.wave.call.tiers_lieu_criteria.all():
                CriterionDeclaration.objects.update_or_create(
                    participation=participation,
                    criterion=criterion,
                    defaults={"justification": cleaned.get(criterion_field_name(participation, criterion), "")},
                )
    if key == "repartition":
        for participation in application.accepted_participations():
            Participation.objects.filter(pk=participation.pk).update(
                grant_share=(cleaned.get(f"share_{participation.pk}") or Decimal(0)) / 100,
                de_minimis_received=cleaned.get(f"minimis_{participation.pk}") or Decimal(0),
            )
    return updates


def save_section(application, key, form, user):
    """Save a valid section form; refuse it when someone else changed the same fields since it was loaded,
    or when the dossier was submitted meanwhile (NotEditableError)."""
    loaded_version = form.cleaned_data["version"]
    try:
        loaded = json.loads(form.cleaned_data.get("fingerprint") or "{}")
    except ValueError:
        loaded = {}
    mine = submitted_values(form)
    new_files = []
    try:
        return _save(application, key, form, user, loaded_version, loaded, mine, new_files)
    except BaseException:
        _delete_files(new_files)
        raise


def _delete_files(files):
    for storage, name in files:
        storage.delete(name)


def _save(application, key, form, user, loaded_version, loaded, mine, new_files):
    with editing.editable(application):
        current = with_dossier(Application.objects.filter(pk=application.pk)).get()
        stored = current_values(current, key)
        if current.version != loaded_version:
            conflicts = [
                Change(form.fields[name].label, stored.get(name, ""), mine[name])
                for name in mine
                if digest(stored.get(name, "")) != loaded.get(name) and stored.get(name, "") != mine[name]
            ]
            if conflicts:
                return SaveResult(
                    False, current.version, fingerprint(stored), current.updated_at, conflicts, current.updated_by
                )
        now = timezone.now()
        if mine == stored:
            return SaveResult(True, current.version, fingerprint(stored), now)
        updates = _apply(current, key, form.cleaned_data)
        if key == "questions":
            questions.write(current, form, user, new_files)
        updated = Application.objects.filter(pk=current.pk, version=current.version, state__in=EDITABLE_STATES).update(
            **updates, version=current.version + 1, updated_by=user, updated_at=now
        )
        if not updated:
            # Someone saved between our read and our write: start again from their version.
            transaction.set_rollback(True)
            _delete_files(new_files)
            return SaveResult(False, current.version, fingerprint(stored), current.updated_at, [], current.updated_by)
    return SaveResult(True, current.version + 1, fingerprint(mine), now)


def completeness(application):
    """For each section, whether it is complete: {key: bool}."""
    status = {}
    for key, names in REQUIRED_FOR_COMPLETENESS.items():
        values = current_values(application, key)
        status[key] = all(values.get(name) for name in names)
    criteria = current_values(application, "criteres")
    status["criteres"] = bool(criteria) and all(criteria.values())
    participations = application.accepted_participations()
    status["repartition"] = sum(p.grant_share for p in participations) == 1
    if questions.has_questions(application):
        status["questions"] = not questions.missing_required(application)
    return status
