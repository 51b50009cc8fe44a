"""While the Region waits for a correction, the dossier is judged as for a first submission by the due date."""

import datetime as dt

from django.utils import timezone

from deffinov.applications import workflow
from deffinov.applications.facts import verdict_for, with_dossier
from deffinov.applications.models import Application, ExpenseLine, ResourceLine
from deffinov.calls.models import PARIS, Wave, end_of_day_in_paris
from deffinov.instruction import transitions
from tests.accounts.factories import UserFactory
from tests.applications.factories import eligible_application
from tests.organisations.helpers import page_text


def test_after_the_waves_closing_the_panel_judges_the_correction_by_its_due_date(db, client, time_machine):
    data = eligible_application()
    application = data["application"]
    instructor = UserFactory(instructor=True)
    assert workflow.submit(application, data["lead_admin"]) is True
    transitions.start_review(application, instructor)
    due_on = timezone.localdate() + dt.timedelta(days=20)
    transitions.request_correction(application, instructor, "incorrect", "Le budget est à revoir.", due_on)
    Wave.objects.filter(pk=application.wave_id).update(closes_at=end_of_day_in_paris(timezone.localdate()))
    time_machine.move_to(timezone.now() + dt.timedelta(days=2))
    fresh = with_dossier(Application.objects.filter(pk=application.pk)).get()
    rule = verdict_for(fresh).result("wave.open")
    assert rule.status == "pass"
    assert "date limite fixée par la Région" in rule.message
    client.force_login(data["lead_admin"])
    text = page_text(client.get(application.get_absolute_url()))
    assert "Le dossier corrigé est à renvoyer au plus tard le " in text
    assert "La vague a été clôturée" not in text


def test_a_project_that_started_after_the_filing_can_still_be_corrected(db, time_machine):
    """Judged as when it was filed: the project may not start before the first filing, not before the resubmission."""
    data = eligible_application()
    application = data["application"]
    instructor = UserFactory(instructor=True)
    assert workflow.submit(application, data["lead_admin"]) is True
    transitions.start_review(application, instructor)
    due_on = application.start_on + dt.timedelta(days=30)
    transitions.request_correction(application, instructor, "incorrect", "Le titre est erroné.", due_on)
    time_machine.move_to(dt.datetime.combine(application.start_on + dt.timedelta(days=10), dt.time(12), tzinfo=PARIS))
    Application.objects.filter(pk=application.pk).update(title="Titre corrigé")
    transitions.resubmit(application, data["lead_admin"])
    application.refresh_from_db()
    assert application.state == "in_review"
    assert application.eligibility_at_submission["eligible"] is True
    assert application.snapshot["title"] == "Titre corrigé"


def test_the_instructor_sees_the_communication_expenses_change(db):
    data = eligible_application()
    application = data["application"]
    instructor = UserFactory(instructor=True)
    assert workflow.submit(application, data["lead_admin"]) is True
    transitions.start_review(application, instructor)
    due_on = timezone.localdate() + dt.timedelta(days=10)
    transitions.request_correction(application, instructor, "incorrect", "Détaillez la communication.", due_on)
    ExpenseLine.objects.create(
        application=application, participation=data["lead"], category="communication", label="Affiches", amount=1_000
    )
    ResourceLine.objects.filter(application=application, kind="own_funds").update(amount=51_000)
    correction = transitions.resubmit(application, data["lead_admin"])
    changes = {change["label"]: change for change in correction.changes}
    assert (changes["Dépenses de communication"]["before"], changes["Dépenses de communication"]["after"]) == (
        "0\xa0€",
        "1\xa0000\xa0€",
    )
