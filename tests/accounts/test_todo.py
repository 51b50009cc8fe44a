"""« Mon espace » says what each role has to do next: each item a link, with its date in Paris time."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from deffinov.applications.models import Participation, PartnerInvitation, State
from deffinov.committee.models import CommitteeSession, SessionState
from deffinov.instruction.models import Assignment, CorrectionRequest, Message, PendingNotification
from deffinov.organisations.claims import Claim
from deffinov.organisations.models import Membership
from deffinov.reviews.models import ExpertInvitation
from tests.accounts.factories import UserFactory
from tests.applications.factories import draft, person
from tests.calls.factories import WaveFactory
from tests.instruction.factories import make_application
from tests.organisations.factories import OrganisationFactory, siret

pytestmark = pytest.mark.django_db

NBSP = "\xa0"
UTC = dt.UTC
DASHBOARD = reverse("accounts:dashboard")


def home(client, user):
    client.force_login(user)
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    return response.text


def section(html, title):
    """The HTML of the block titled `title` (up to the next block)."""
    start = html.index(f">{title}</h2>")
    end = html.find("<h2", start)
    return html[start : end if end > 0 else len(html)]


def correction(application, due_on, by=None):
    return CorrectionRequest.objects.create(
        application=application,
        reason=CorrectionRequest.Reason.INCOMPLETE,
        details="Le RIB est illisible.",
        due_on=due_on,
        requested_by=by,
    )


def expert_opinion(application, answered_at):
    return ExpertInvitation.objects.create(
        application=application,
        email="avis@exemple.fr",
        user=UserFactory(expert=True),
        deadline=dt.date(2030, 5, 1),
        status=ExpertInvitation.Status.ANSWERED,
        verdict=ExpertInvitation.Verdict.FAVOURABLE,
        opinion="Projet solide.",
        answered_at=answered_at,
    )


# Applicants ---------------------------------------------------------------------------------------------------------


@pytest.fixture
def applicant():
    return UserFactory(first_name="Camille")


def test_a_draft_says_what_to_do_and_the_waves_deadline_in_paris(client, applicant):
    lead = OrganisationFactory(name="Le Tiers-Lieu du Bocage", admins=[applicant])
    wave = WaveFactory(closes_on=dt.date(2030, 3, 11))
    application, _lead, _admin = draft(wave, lead=lead, admin=applicant, title="Fablab de Vire")

    block = section(home(client, applicant), "Mes dossiers")

    assert f'<a href="{application.get_absolute_url()}">{application.number} – Fablab de Vire</a>' in block
    assert "Brouillon. Compléter le dossier, puis le déposer." in block
    assert (
        f'<time datetime="2030-03-11T23:59:59+01:00">À déposer avant le 11 mars 2030 à 23{NBSP}h{NBSP}59</time>'
        in block
    )


def test_a_member_who_cannot_submit_is_told_who_does(client, applicant):
    lead = OrganisationFactory(name="Le Tiers-Lieu du Bocage", members=[applicant])
    draft(WaveFactory(), lead=lead, admin=person(lead))

    block = section(home(client, applicant), "Mes dossiers")

    assert "Compléter le dossier ; l&#x27;administrateur du chef de file le dépose." in block


def test_a_correction_asked_shows_its_due_date(client, applicant):
    application = make_application(state=State.CORRECTION_REQUESTED, lead_admins=[applicant], title="Campus du Bocage")
    correction(application, dt.date(2030, 4, 1))

    block = section(home(client, applicant), "Mes dossiers")

    assert "À corriger. La Région demande des corrections : corriger le dossier et le renvoyer." in block
    assert '<time datetime="2030-04-01">À renvoyer avant le 1er avril 2030</time>' in block


def region_message(application, recipient, at):
    message = Message.objects.create(
        application=application,
        author=UserFactory(instructor=True),
        from_region=True,
        body="Merci de préciser le budget.",
        created_at=at,
    )
    PendingNotification.objects.create(recipient=recipient, message=message)
    return message


def test_unread_messages_are_counted_with_the_latest_date_until_the_thread_is_read(client, applicant):
    application = make_application(state=State.IN_REVIEW, lead_admins=[applicant])
    region_message(application, applicant, dt.datetime(2030, 1, 5, 9, 0, tzinfo=UTC))
    region_message(application, applicant, dt.datetime(2030, 1, 6, 15, 30, tzinfo=UTC))
    Message.objects.create(application=application, author=applicant, body="Notre propre message.")

    block = section(home(client, applicant), "Messages non lus")

    assert f'href="{reverse("applications:messages", args=[application.number])}"' in block
    assert "2 messages non lus." in block
    assert f"Dernier reçu le 6 janvier 2030 à 16{NBSP}h{NBSP}30" in block

    assert client.get(reverse("applications:messages", args=[application.number])).status_code == 200
    assert "Messages non lus" not in home(client, applicant)


def test_an_invitation_to_join_a_dossier_names_the_structure_and_the_dossier(client, applicant):
    invited = OrganisationFactory(name="Formations du Calvados", admins=[applicant])
    application, _lead, _admin = draft(WaveFactory(), title="Espace de compétences du Bocage")
    Participation.objects.create(application=application, organisation=invited, status="invited", role="member")

    block = section(home(client, applicant), "Invitations en attente")

    assert f"{application.number} – Espace de compétences du Bocage" in block
    assert "Formations du Calvados est invitée à rejoindre ce dossier : accepter ou décliner." in block
    assert reverse("applications:list") in block


def test_a_submitted_dossier_waits_for_the_region(client, applicant):
    make_application(lead_admins=[applicant], submitted_at=dt.datetime(2024, 3, 1, 9, 0, tzinfo=UTC))

    block = section(home(client, applicant), "Mes dossiers")

    assert "Déposé. En attente de l&#x27;instruction par la Région." in block
    assert f"Déposé le 1er mars 2024 à 10{NBSP}h{NBSP}00" in block


# The Region ---------------------------------------------------------------------------------------------------------


def test_an_instructor_sees_dossiers_to_start_corrections_overdue_and_opinions_received(client):
    instructor = UserFactory(instructor=True)
    someone_else = UserFactory(instructor=True)
    to_start = make_application(title="Dossier à instruire")
    taken = make_application(title="Dossier d'un collègue")
    Assignment.objects.create(application=taken, instructor=someone_else)
    late = make_application(state=State.CORRECTION_REQUESTED, title="Correction en retard")
    correction(late, timezone.localdate() - dt.timedelta(days=3))
    on_time = make_application(state=State.CORRECTION_REQUESTED, title="Correction dans les temps")
    correction(on_time, timezone.localdate() + dt.timedelta(days=3))
    reviewed = make_application(state=State.IN_REVIEW, title="Dossier expertisé")
    Assignment.objects.create(application=reviewed, instructor=instructor)
    expert_opinion(reviewed, dt.datetime(2030, 2, 2, 11, 0, tzinfo=UTC))

    block = section(home(client, instructor), "Instruction")

    assert reverse("instruction:dossier", args=[to_start.number]) in block
    assert "Dossier à prendre en instruction." in block
    assert "Dossier d&#x27;un collègue" not in block
    assert reverse("instruction:dossier", args=[late.number]) in block
    assert "Corrections en retard : relancer le collectif ou statuer." in block
    assert "Correction dans les temps" not in block
    assert reverse("reviews:dossier_experts", args=[reviewed.number]) in block
    assert "Avis d&#x27;expert reçu : favorable." in block
    assert f"Rendu le 2 février 2030 à 12{NBSP}h{NBSP}00" in block


def test_a_committee_member_sees_the_next_session(client):
    member = UserFactory(committee_member=True)
    wave = WaveFactory()
    now = timezone.now()
    CommitteeSession.objects.create(wave=wave, title="Comité passé", date=now - dt.timedelta(days=30))
    CommitteeSession.objects.create(wave=wave, title="Comité d'été", date=dt.datetime(2099, 7, 2, 7, 30, tzinfo=UTC))
    following = CommitteeSession.objects.create(
        wave=wave, title="Comité de juin", date=dt.datetime(2099, 6, 4, 12, 0, tzinfo=UTC)
    )

    block = section(home(client, member), "Comité de sélection")

    assert f'<a href="{following.get_absolute_url()}">Comité de juin</a>' in block
    assert f"Le 4 juin 2099 à 14{NBSP}h{NBSP}00" in block
    assert "Comité d&#x27;été" not in block
    assert "Comité passé" not in block


def test_a_functional_admin_sees_the_sessions_to_validate(client):
    admin = UserFactory(functional_admin=True)
    wave = WaveFactory()
    held = CommitteeSession.objects.create(
        wave=wave, title="Comité tenu", date=dt.datetime(2026, 5, 12, 8, 0, tzinfo=UTC), state=SessionState.HELD
    )
    CommitteeSession.objects.create(wave=wave, title="Comité prévu", date=timezone.now() + dt.timedelta(days=9))

    block = section(home(client, admin), "Séances à valider")

    assert f'<a href="{held.get_absolute_url()}">Comité tenu</a>' in block
    assert f"Tenue le 12 mai 2026 à 10{NBSP}h{NBSP}00" in block
    assert "Comité prévu" not in block


def test_a_finance_officer_is_told_there_is_nothing_yet(client):
    html = home(client, UserFactory(finance_officer=True))

    assert "le suivi des paiements n&#x27;est pas encore sur la plateforme" in section(html, "Suivi financier")


# Experts ------------------------------------------------------------------------------------------------------------


def test_an_expert_sees_invitations_and_opinions_due(client):
    expert = UserFactory(expert=True, email="elise.experte@exemple.fr")
    invited_on = make_application(title="Dossier à accepter")
    waiting = ExpertInvitation.objects.create(
        application=invited_on, email="Elise.Experte@exemple.fr", deadline=dt.date(2030, 6, 1)
    )
    due_on = make_application(title="Dossier à évaluer")
    due = ExpertInvitation.objects.create(
        application=due_on,
        email=expert.email,
        user=expert,
        deadline=dt.date(2030, 6, 15),
        status=ExpertInvitation.Status.ACCEPTED,
    )
    answered = ExpertInvitation.objects.create(
        application=make_application(title="Dossier évalué"),
        email=expert.email,
        user=expert,
        deadline=dt.date(2030, 6, 20),
        status=ExpertInvitation.Status.ANSWERED,
        verdict=ExpertInvitation.Verdict.RESERVED,
    )

    block = section(home(client, expert), "Expertise")

    assert reverse("reviews:take_up", args=[waiting.token]) in block
    assert "Avis attendu avant le 1er juin 2030" in block
    assert f'<a href="{due.get_absolute_url()}">Dossier {due_on.number} – Dossier à évaluer</a>' in block
    assert "Avant le 15 juin 2030" in block
    assert answered.get_absolute_url() not in block
    assert f'href="{reverse("reviews:index")}"' in block


# Several roles --------------------------------------------------------------------------------------------------------


def test_a_person_with_several_roles_gets_each_block(client):
    person_of_many_hats = UserFactory(instructor=True, functional_admin=True, expert=True)
    OrganisationFactory(name="Le Tiers-Lieu du Bocage", members=[person_of_many_hats])

    html = home(client, person_of_many_hats)

    for title in ("Mes dossiers", "Instruction", "Comité de sélection", "Séances à valider", "Expertise"):
        assert f">{title}</h2>" in html
    assert "Suivi financier" not in html
    assert "Le Tiers-Lieu du Bocage" in section(html, "Mes structures")


# Query counts -------------------------------------------------------------------------------------------------------


def count_queries(client, user):
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(DASHBOARD).status_code == 200
    return len(queries)


def applicant_with(count):
    user = UserFactory()
    wave = WaveFactory()
    for index in range(count):
        lead = OrganisationFactory(admins=[user])
        application, _lead, _admin = draft(wave, lead=lead, admin=user, title=f"Brouillon {index}")
        submitted = make_application(state=State.CORRECTION_REQUESTED, lead_admins=[user])
        correction(submitted, dt.date(2030, 4, 1))
        PendingNotification.objects.create(
            recipient=user,
            message=Message.objects.create(application=submitted, author=None, from_region=True, body="Une question."),
        )
        invited = OrganisationFactory(admins=[user])
        Participation.objects.create(application=application, organisation=invited, status="invited", role="member")
        PartnerInvitation.objects.create(
            application=application, email=f"atelier{index}@exemple.fr", siret=siret(), invited_by=user
        )
    return user


def region_agent_with(count):
    user = UserFactory(instructor=True, committee_member=True, functional_admin=True, finance_officer=True)
    wave = WaveFactory()
    for _index in range(count):
        make_application()
        correction(make_application(state=State.CORRECTION_REQUESTED), dt.date(2020, 1, 1))
        expert_opinion(make_application(state=State.IN_REVIEW), timezone.now())
        CommitteeSession.objects.create(wave=wave, title="Comité", date=timezone.now() + dt.timedelta(days=5))
        CommitteeSession.objects.create(
            wave=wave, title="Comité tenu", date=timezone.now() - dt.timedelta(days=5), state=SessionState.HELD
        )
        claim = Claim.request(OrganisationFactory(), UserFactory(), "Directrice.")
        Claim.objects.filter(pk=claim.pk).update(created_at=timezone.now() - dt.timedelta(days=60))
    return user


def expert_with(count):
    user = UserFactory(expert=True)
    for _index in range(count):
        application = make_application()
        ExpertInvitation.objects.create(application=application, email=user.email, deadline=dt.date(2030, 1, 1))
        ExpertInvitation.objects.create(
            application=make_application(),
            email=user.email,
            user=user,
            deadline=dt.date(2030, 1, 1),
            status=ExpertInvitation.Status.ACCEPTED,
        )
    return user


@pytest.mark.parametrize(
    ("build", "most"),
    [(applicant_with, 13), (region_agent_with, 13), (expert_with, 10)],
    ids=["applicant", "region_agent", "expert"],
)
def test_the_home_costs_the_same_queries_whatever_the_number_of_items(
    client, build, most, django_assert_max_num_queries
):
    few, many = build(1), build(4)
    assert Membership.objects.exists() or build is not applicant_with

    few_queries = count_queries(client, few)
    client.force_login(many)
    with django_assert_max_num_queries(most):
        html = client.get(DASHBOARD).text

    assert count_queries(client, many) == few_queries
    assert "card" in html
