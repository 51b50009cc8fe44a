"""The daily command: overdue loans flagged, reminders the day before the end and when overdue, each sent once."""

import datetime as dt
from io import StringIO

from django.core import mail
from django.core.management import call_command

from deffinov.formatting import PARIS
from deffinov.loans.models import Loan, LoanState
from tests.loans.conftest import TODAY
from tests.loans.factories import days, loan_in_state


def run(*args):
    out = StringIO()
    call_command("send_loan_reminders", *args, stdout=out)
    return out.getvalue()


def test_reminders_are_sent_once_the_day_before_and_when_overdue(
    frozen, item, borrower, borrower_admin, lead_admin, run_tasks
):
    loan = loan_in_state(item, borrower, borrower_admin, lead_admin, *days(TODAY, 0, 3), state="active")
    run_tasks()
    mail.outbox.clear()  # the request, its acceptance and the pick-up
    # A dry run says what it would do and does nothing.
    frozen.move_to(dt.datetime(2026, 12, 1, 8, 0, tzinfo=PARIS))
    assert "rappel la veille du retour à envoyer (dry run)" in run()
    run_tasks()
    assert mail.outbox == []
    assert "1 rappel(s), 1 courriel(s)." in run("--wet-run")
    assert "0 rappel(s), 0 courriel(s)." in run("--wet-run")
    run_tasks()
    assert [m.subject for m in mail.outbox] == [
        "Rappel : Casque Meta Quest 3 n° 1 est à rendre demain, 2 décembre 2026"
    ]
    assert mail.outbox[0].to == ["admin@ateliers-falaise.fr"]
    # Not returned on the 2nd: on the 3rd the loan is overdue, flagged once and reminded once.
    frozen.move_to(dt.datetime(2026, 12, 3, 8, 0, tzinfo=PARIS))
    assert "À signaler en retard (dry run)" in run()
    assert Loan.objects.get(pk=loan.pk).state == LoanState.ACTIVE
    output = run("--wet-run")
    assert "En retard : « Casque Meta Quest 3 n° 1 » chez Les Ateliers de Falaise." in output
    run("--wet-run")
    run_tasks()
    assert Loan.objects.get(pk=loan.pk).state == LoanState.OVERDUE
    assert loan.transitions.filter(to_state=LoanState.OVERDUE, by=None).count() == 1
    assert [m.subject for m in mail.outbox[1:]] == [
        "En retard : rendez Casque Meta Quest 3 n° 1, attendu le 2 décembre 2026"
    ]
    assert "devait être rendu le 2 décembre 2026" in mail.outbox[1].body


def test_a_returned_or_cancelled_loan_gets_no_reminder(frozen, item, borrower, borrower_admin, lead_admin):
    loan_in_state(item, borrower, borrower_admin, lead_admin, *days(TODAY, 0, 2), state="returned")
    loan_in_state(item, borrower, borrower_admin, lead_admin, *days(TODAY, 0, 2), state="cancelled")
    assert "0 rappel(s) à envoyer" in run()
