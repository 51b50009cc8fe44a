import datetime as dt
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from deffinov.audit.models import AuditEvent
from deffinov.reviews import experts
from deffinov.reviews.models import ExpertInvitation, Review
from tests.applications.factories import UserFactory
from tests.reviews.helpers import in_review

pytestmark = pytest.mark.django_db

SIGNUP = {
    "first_name": "Élise",
    "last_name": "Experte",
    "email": "elise.experte@exemple.fr",
    "password1": "Avis-Expert-Normand-50",
    "password2": "Avis-Expert-Normand-50",
}


def link(message, pattern):
    return re.search(rf"https?://[^/\s]+({pattern}[^\s\"<]*)", message.body).group(1)


def deadline(days=10):
    return timezone.now().date() + dt.timedelta(days=days)


def invite(client, instructor, application, email="elise.experte@exemple.fr", confidential=False):
    client.force_login(instructor)
    data = {"email": email, "deadline": deadline().isoformat()}
    if confidential:
        data["confidential"] = "on"
    response = client.post(reverse("reviews:dossier_experts", args=[application.number]), data, follow=True)
    assert "est invité à donner son avis" in response.text
    client.logout()
    return ExpertInvitation.objects.get(application=application, email=email)


def expert_with_account(application, email, confidential=False, declared=True):
    user = UserFactory(email=email)
    invitation = ExpertInvitation.objects.create(
        application=application, email=email, deadline=deadline(), confidential=confidential
    )
    experts.take_up(invitation, user)
    if declared:
        experts.declare(invitation, user, no_conflict=True)
    invitation.refresh_from_db()
    return user, invitation


def test_an_outsider_invited_creates_an_account_declares_no_conflict_and_gives_an_opinion(
    client, dossier, instructor, run_tasks
):
    application = dossier["application"]
    invitation = invite(client, instructor, application)
    run_tasks()
    [message] = [m for m in mail.outbox if m.to == ["elise.experte@exemple.fr"]]
    assert application.number in message.subject
    take_up_url = link(message, "/expertise/invitation/")

    page = client.get(take_up_url)
    assert "Créer un compte" in page.text
    # The link was sent to the invited address: an account created with exactly that address needs no other proof.
    signup = client.post(f"{reverse('account_signup')}?next={take_up_url}", SIGNUP)
    assert signup.status_code == 302 and signup.url == take_up_url

    # Back on the invitation link, now signed in: accept it.
    response = client.post(take_up_url, follow=True)
    assert response.status_code == 200
    assert "Déclaration d'absence de conflit d'intérêts" in response.text
    assert application.snapshot["budget"]["expenses"][0]["label"] not in response.text  # nothing before the declaration

    opinion_url = reverse("reviews:opinion", args=[invitation.pk])
    response = client.post(opinion_url, {"form": "declaration", "declaration-choice": "no_conflict"}, follow=True)
    assert "vous pouvez consulter le dossier" in response.text
    assert "Animatrice" in response.text  # the frozen budget
    assert "Formations du Calvados" in response.text

    response = client.post(
        opinion_url,
        {
            "form": "opinion",
            "opinion-verdict": "reserved",
            "opinion-opinion": "Projet solide, budget de communication à préciser.",
            "scores-score_partenariat": "4",
        },
        follow=True,
    )
    assert "Votre avis est enregistré" in response.text
    invitation.refresh_from_db()
    assert invitation.status == "answered"
    assert invitation.get_verdict_display() == "Réservé"
    review = Review.objects.get(application=application, reviewer__email="elise.experte@exemple.fr")
    assert review.is_expert
    assert review.scores.get(criterion__code="partenariat").value == 4
    # The instructor sees it on the dossier's expertise page.
    client.force_login(instructor)
    staff_page = client.get(reverse("reviews:dossier_experts", args=[application.number]))
    assert "Projet solide, budget de communication à préciser." in staff_page.text


def test_an_opinion_without_text_is_refused_and_the_choice_kept(client, dossier):
    user, invitation = expert_with_account(dossier["application"], "expert@exemple.fr")
    client.force_login(user)
    response = client.post(
        reverse("reviews:opinion", args=[invitation.pk]),
        {"form": "opinion", "opinion-verdict": "favourable", "opinion-opinion": "  "},
    )
    assert response.status_code == 422
    assert "Rédigez votre avis motivé." in response.text
    assert re.search(r'value="favourable"[^>]* checked', response.text)
    invitation.refresh_from_db()
    assert invitation.status == "accepted"


def test_a_staff_member_with_an_account_just_logs_in_and_takes_up_the_invitation(client, dossier, instructor):
    application = dossier["application"]
    colleague = UserFactory(email="agent.dreets@exemple.fr", is_staff=True)
    invitation = invite(client, instructor, application, email="agent.dreets@exemple.fr")
    client.force_login(colleague)
    response = client.post(reverse("reviews:take_up", args=[invitation.token]), follow=True)
    assert response.status_code == 200
    invitation.refresh_from_db()
    assert invitation.user == colleague
    # The link cannot be used by somebody else afterwards.
    client.force_login(UserFactory())
    assert client.get(reverse("reviews:take_up", args=[invitation.token])).status_code == 403


def test_a_recusal_needs_a_reason_and_then_hides_the_dossier(client, dossier):
    user, invitation = expert_with_account(dossier["application"], "expert@exemple.fr", declared=False)
    client.force_login(user)
    url = reverse("reviews:opinion", args=[invitation.pk])
    response = client.post(url, {"form": "declaration", "declaration-choice": "recuse"})
    assert response.status_code == 422
    assert "Indiquez le motif de votre déport." in response.text
    response = client.post(
        url,
        {"form": "declaration", "declaration-choice": "recuse", "declaration-reason": "J'administre un membre."},
        follow=True,
    )
    assert "Votre déport est enregistré" in response.text
    assert "Animatrice" not in response.text
    document = dossier["lead"].documents.first()
    assert client.get(reverse("reviews:document", args=[invitation.pk, document.pk])).status_code == 404


def test_a_revoked_expert_loses_access(client, dossier, instructor):
    user, invitation = expert_with_account(dossier["application"], "expert@exemple.fr")
    client.force_login(instructor)
    response = client.post(reverse("reviews:revoke", args=[invitation.pk]), follow=True)
    assert "est révoquée" in response.text
    client.force_login(user)
    assert client.get(reverse("reviews:opinion", args=[invitation.pk])).status_code == 404
    assert "Révoqué" in client.get(reverse("reviews:index")).text


def test_a_confidential_opinion_is_hidden_from_the_other_experts(client, dossier):
    application = dossier["application"]
    secret_user, secret = expert_with_account(application, "secret@exemple.fr", confidential=True)
    open_user, public = expert_with_account(application, "public@exemple.fr")
    third_user, third = expert_with_account(application, "third@exemple.fr")
    experts.answer(secret, secret_user, "unfavourable", "Avis confidentiel très critique.", {})
    experts.answer(public, open_user, "favourable", "Avis partagé enthousiaste.", {})
    client.force_login(third_user)
    page = client.get(reverse("reviews:opinion", args=[third.pk])).text
    assert "Avis partagé enthousiaste." in page
    assert "Avis confidentiel très critique." not in page


def test_document_downloads_are_checked_and_audited(client, dossier):
    user, invitation = expert_with_account(dossier["application"], "expert@exemple.fr")
    document = dossier["partner"].documents.first()
    client.force_login(user)
    response = client.get(reverse("reviews:document", args=[invitation.pk, document.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    event = AuditEvent.objects.filter(action="expertise.document_downloaded").get()
    assert event.actor == user
    other = in_review()
    foreign = other["lead"].documents.first()
    assert client.get(reverse("reviews:document", args=[invitation.pk, foreign.pk])).status_code == 404


def test_an_expert_reaches_only_the_dossiers_they_are_invited_on(client, dossier):
    user, _invitation = expert_with_account(dossier["application"], "expert@exemple.fr")
    other = in_review(instructor=None)
    _other_user, other_invitation = expert_with_account(other["application"], "autre@exemple.fr")
    client.force_login(user)
    assert client.get(reverse("reviews:opinion", args=[other_invitation.pk])).status_code == 404
    index = client.get(reverse("reviews:index")).text
    assert dossier["application"].number in index
    assert other["application"].number not in index
    # The staff pages are not theirs either.
    assert client.get(reverse("reviews:scoring", args=[dossier["application"].number])).status_code == 404
    assert client.get(reverse("instruction:dossier", args=[dossier["application"].number])).status_code == 404


def test_applicants_never_see_opinions_nor_scores(client, dossier):
    application = dossier["application"]
    user, invitation = expert_with_account(application, "expert@exemple.fr")
    experts.answer(invitation, user, "unfavourable", "Avis réservé aux instructeurs.", {})
    client.force_login(dossier["lead_admin"])
    page = client.get(reverse("applications:detail", args=[application.number])).text
    assert "Avis réservé aux instructeurs." not in page
    for url in (
        reverse("reviews:opinion", args=[invitation.pk]),
        reverse("reviews:scoring", args=[application.number]),
        reverse("reviews:dossier_experts", args=[application.number]),
    ):
        assert client.get(url).status_code == 404


def test_reminders_go_two_days_before_the_deadline_once(dossier, run_tasks):
    from django.core.management import call_command

    application = dossier["application"]
    due = ExpertInvitation.objects.create(application=application, email="due@exemple.fr", deadline=deadline(2))
    ExpertInvitation.objects.create(application=application, email="later@exemple.fr", deadline=deadline(5))
    call_command("send_expert_reminders")  # dry run
    run_tasks()
    assert not [m for m in mail.outbox if "Rappel" in m.subject]
    call_command("send_expert_reminders", wet_run=True)
    call_command("send_expert_reminders", wet_run=True)
    run_tasks()
    reminders = [m for m in mail.outbox if "Rappel" in m.subject]
    assert [m.to for m in reminders] == [["due@exemple.fr"]]
    assert application.number in reminders[0].subject
    due.refresh_from_db()
    assert due.reminded_at is not None


def test_an_opinion_can_be_amended_until_the_deadline_only(client, dossier, time_machine):
    user, invitation = expert_with_account(dossier["application"], "expert@exemple.fr")
    experts.answer(invitation, user, "reserved", "Premier avis.", {})
    experts.answer(invitation, user, "favourable", "Avis complété.", {})
    time_machine.move_to(timezone.now() + dt.timedelta(days=12))
    client.force_login(user)
    response = client.post(
        reverse("reviews:opinion", args=[invitation.pk]),
        {"form": "opinion", "opinion-verdict": "unfavourable", "opinion-opinion": "Trop tard."},
        follow=True,
    )
    assert "La date limite est passée" in response.text
    invitation.refresh_from_db()
    assert (invitation.verdict, invitation.opinion) == ("favourable", "Avis complété.")
