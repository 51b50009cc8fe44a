from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from deffinov.applications.models import State
from deffinov.organisations.models import Membership
from tests.accounts.factories import UserFactory
from tests.applications.factories import draft
from tests.calls.factories import WaveFactory
from tests.instruction.factories import make_application
from tests.organisations.factories import InvitationFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def register_url():
    return reverse("organisations:register")


def test_the_dashboard_lists_my_structures_with_my_role(client, user, django_assert_max_num_queries):
    vire = OrganisationFactory(name="Tiers-lieu de Vire", admins=[user])
    OrganisationFactory(name="Formations du Bocage", organisme_formation=True, members=[user])
    OrganisationFactory(name="Structure d'un autre", members=[UserFactory()])
    client.force_login(user)

    # Session, user, roles, memberships, addresses, invitations, dossiers and their prefetches, open waves: no query
    # per structure.
    with django_assert_max_num_queries(12):
        response = client.get(reverse("accounts:dashboard"))

    html = response.text
    assert "Bonjour Camille" in html
    assert f'<a href="{vire.get_absolute_url()}">Tiers-lieu de Vire</a>' in html
    assert "Formations du Bocage" in html
    assert html.index("Formations du Bocage") < html.index("Tiers-lieu de Vire")
    assert Membership.Role.ADMIN.label in html
    assert Membership.Role.MEMBER.label in html
    assert "Structure d&#x27;un autre" not in html


def test_once_registered_the_main_button_creates_a_dossier(client, user):
    OrganisationFactory(name="Tiers-lieu de Vire", admins=[user])
    wave = WaveFactory(title="Vague de printemps")
    client.force_login(user)

    html = client.get(reverse("accounts:dashboard")).text

    assert f'<a class="button" href="{reverse("applications:create")}">Créer un dossier</a>' in html
    assert ">Inscrire une structure</a>" not in html
    assert f'<a href="{register_url()}">Inscrire une autre structure</a>' in html
    assert f'<a href="{wave.call.get_absolute_url()}">Vague de printemps</a>' in html


@pytest.mark.parametrize("role", ["instructor", "committee_member", "functional_admin", "finance_officer", "expert"])
def test_agents_and_experts_are_not_told_to_register_a_structure(client, role):
    client.force_login(UserFactory(**{role: True}))

    html = client.get(reverse("accounts:dashboard")).text

    assert "Inscrire une structure" not in html
    assert "Mes structures" not in html
    assert "Vous n'êtes membre d'aucune structure" not in html


def test_a_newcomer_is_invited_to_register_a_structure(client, user):
    client.force_login(user)

    html = client.get(reverse("accounts:dashboard")).text

    assert "Vous n'êtes membre d'aucune structure pour l'instant." in html
    assert f'<a class="button" href="{register_url()}">Inscrire une structure</a>' in html


def test_pending_invitations_for_my_address_are_shown(client, user):
    InvitationFactory(organisation=OrganisationFactory(name="Campus connecté de Saint-Lô"), email=user.email.upper())
    InvitationFactory(
        organisation=OrganisationFactory(name="Fablab expiré"),
        email=user.email,
        expires_at=timezone.now() - timedelta(days=1),
    )
    InvitationFactory(organisation=OrganisationFactory(name="Invitation pour un autre"), email="autre@example.fr")
    client.force_login(user)

    html = client.get(reverse("accounts:dashboard")).text

    assert "Invitations en attente" in html
    assert "Campus connecté de Saint-Lô" in html
    assert "Fablab expiré" not in html
    assert "Invitation pour un autre" not in html


def test_without_invitations_the_section_is_absent(client, user):
    client.force_login(user)

    assert "Invitations en attente" not in client.get(reverse("accounts:dashboard")).text


def test_only_staff_see_the_link_to_the_administration(client, user):
    client.force_login(user)
    assert "Administration de la plateforme" not in client.get(reverse("accounts:dashboard")).text

    client.force_login(UserFactory(staff=True))
    assert f'<a href="{reverse("admin:index")}">Administration de la plateforme</a>' in (
        client.get(reverse("accounts:dashboard")).text
    )


# The navigation per role ------------------------------------------------------------------------------------------


def navigation(client, user):
    client.force_login(user)
    html = client.get(reverse("accounts:dashboard")).text
    return html[html.index('<nav class="site-nav"') : html.index("</nav>")]


def test_an_applicant_has_their_dossiers_and_no_region_entry(client, user):
    menu = navigation(client, user)

    assert f'href="{reverse("applications:list")}"' in menu
    assert "Expertise" not in menu
    assert "Instruction" not in menu
    assert "Comité" not in menu


def test_an_expert_has_the_expertise_entry(client):
    menu = navigation(client, UserFactory(expert=True))

    assert f'<a href="{reverse("reviews:index")}" >Expertise</a>' in menu
    assert "Mes dossiers" not in menu
    assert "Instruction" not in menu


def test_an_instructor_has_the_instruction_and_the_committee_not_the_applicants_dossiers(client):
    menu = navigation(client, UserFactory(instructor=True))

    assert f'href="{reverse("instruction:index")}"' in menu
    assert f'href="{reverse("committee:index")}"' in menu
    assert "Mes dossiers" not in menu
    assert "Expertise" not in menu


def test_a_committee_member_has_the_committee_only(client):
    menu = navigation(client, UserFactory(committee_member=True))

    assert f'href="{reverse("committee:index")}"' in menu
    assert "Instruction" not in menu
    assert "Mes dossiers" not in menu


# Drafts are their consortium's own ----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["instructor", "committee_member", "functional_admin", "finance_officer"])
def test_region_agents_never_see_an_applicants_draft(client, role):
    application, _lead, _admin = draft(WaveFactory(), title="Brouillon confidentiel")
    submitted = make_application(title="Dossier déposé")
    client.force_login(UserFactory(**{role: True}))

    listing = client.get(reverse("applications:list")).text
    assert "Brouillon confidentiel" not in listing
    assert application.number not in listing
    assert "Dossier déposé" not in listing  # « Mes dossiers » is the dossiers of my structures
    assert client.get(application.get_absolute_url()).status_code == 404
    assert client.get(submitted.get_absolute_url()).status_code == 200


def test_a_region_agent_who_belongs_to_a_structure_sees_its_draft(client):
    agent = UserFactory(instructor=True)
    application, _lead, _admin = draft(WaveFactory(), title="Brouillon de ma structure")
    application.participations.get().organisation.memberships.create(user=agent, role=Membership.Role.MEMBER)
    client.force_login(agent)

    assert "Brouillon de ma structure" in client.get(reverse("applications:list")).text
    assert client.get(application.get_absolute_url()).status_code == 200
    assert application.state == State.DRAFT
