"""Who gets what on every page of the expertise and the committee.

Roles: anonymous, applicant (a person of the dossiers' lead structure), outsider, instructor (Region role),
invited expert (on the dossier), other expert (invited on another dossier), committee member (the role, sitting on
the session), functional administrator (the role), staff only (`is_staff` without any role: it only opens the admin),
admin (superuser)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from deffinov.committee.decisions import record_decision
from deffinov.committee.models import AgendaItem, CommitteeMember
from deffinov.organisations.models import Membership
from deffinov.reviews import experts
from deffinov.reviews.models import ExpertInvitation
from tests.applications.factories import UserFactory
from tests.committee.conftest import held, new_session, validated
from tests.reviews.helpers import admin_user, in_review, quick_dossier

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "applicant",
    "outsider",
    "instructor",
    "expert",
    "other_expert",
    "member",
    "functional_admin",
    "staff_only",
    "admin",
]
LOGIN = "login"  # redirected to the login page


def invited(application, email, declared=True):
    user = UserFactory(email=email)
    invitation = ExpertInvitation.objects.create(
        application=application, email=email, deadline=timezone.now().date() + dt.timedelta(days=9)
    )
    experts.take_up(invitation, user)
    if declared:
        experts.declare(invitation, user, no_conflict=True)
    return user, invitation


@pytest.fixture
def world(decidable, instructor, functional_admin, run_tasks, django_capture_on_commit_callbacks):
    """The session (held) has two dossiers on its agenda: one undecided, one with a decision awaiting validation.
    Another dossier was accepted in an earlier session, validated: its letter went out."""
    application, session = decidable["application"], decidable["session"]
    decided = in_review(wave=application.wave, instructor=instructor)
    Membership.objects.create(user=decidable["lead_admin"], organisation=decided["lead"].organisation)
    earlier = new_session(application.wave, title="Comité précédent")
    AgendaItem.objects.create(session=earlier, application=decided["application"])
    held(earlier, instructor)
    with django_capture_on_commit_callbacks(execute=True):
        record_decision(decided["application"], instructor, "accepted", amount=Decimal(90_000), session=earlier)
        validated(earlier, functional_admin)
    run_tasks()
    pending_dossier = quick_dossier(application.wave, "Décision à valider", Decimal(60_000), Decimal(100_000))
    pending_item = AgendaItem.objects.create(session=session, application=pending_dossier)
    record_decision(pending_dossier, instructor, "rejected", motivation="Hors sujet.", session=session)
    expert, invitation = invited(application, "expert@exemple.fr")
    other = quick_dossier(application.wave, "Autre dossier", Decimal(50_000), Decimal(100_000))
    other_expert, _ = invited(other, "autre.expert@exemple.fr")
    member = UserFactory(email="membre.dreets@exemple.fr", committee_member=True)
    CommitteeMember.objects.create(session=session, name="Membre DREETS", institution="dreets", user=member)
    pending = ExpertInvitation.objects.create(
        application=application, email="pending@exemple.fr", deadline=timezone.now().date() + dt.timedelta(days=9)
    )
    item = session.agenda.get(application=application)
    document = decidable["lead"].documents.first()
    number = application.number
    return {
        "users": {
            "anonymous": None,
            "applicant": decidable["lead_admin"],
            "outsider": UserFactory(),
            "instructor": instructor,
            "expert": expert,
            "other_expert": other_expert,
            "member": member,
            "functional_admin": functional_admin,
            "staff_only": UserFactory(is_staff=True),
            "admin": admin_user(),
        },
        "urls": {
            "expertise_index": reverse("reviews:index"),
            "take_up": reverse("reviews:take_up", args=[pending.token]),
            "opinion": reverse("reviews:opinion", args=[invitation.pk]),
            "expert_document": reverse("reviews:document", args=[invitation.pk, document.pk]),
            "scoring": reverse("reviews:scoring", args=[number]),
            "dossier_experts": reverse("reviews:dossier_experts", args=[number]),
            "revoke": reverse("reviews:revoke", args=[pending.pk]),
            "committee_index": reverse("committee:index"),
            "session": reverse("committee:session", args=[session.pk]),
            "add_member": reverse("committee:add_member", args=[session.pk]),
            "add_to_agenda": reverse("committee:add_to_agenda", args=[session.pk]),
            "proposed_amount": reverse("committee:proposed_amount", args=[session.pk, item.pk]),
            "remove_from_agenda": reverse("committee:remove_from_agenda", args=[session.pk, pending_item.pk]),
            "decide": reverse("committee:decide", args=[session.pk, number]),
            "cancel_decision": reverse("committee:cancel_decision", args=[session.pk, number]),
            "hold": reverse("committee:hold", args=[session.pk]),
            "validate": reverse("committee:validate", args=[session.pk]),
            "minutes": reverse("committee:minutes", args=[session.pk]),
            "export": reverse("committee:export", args=[application.wave.slug, "csv"]),
            "dossier_pdf": reverse("committee:dossier_pdf", args=[number]),
            "dossier_zip": reverse("committee:dossier_zip", args=[number]),
            "letter": reverse("committee:letter", args=[decided["application"].number]),
        },
    }


def everyone(status, **overrides):
    return {role: overrides.get(role, status) for role in ROLES}


STAFF_ONLY = everyone(404, anonymous=LOGIN, instructor=200, admin=200)  # instructors only (and the superuser)
COMMITTEE = STAFF_ONLY | {"member": 200, "functional_admin": 200}
MATRIX = [
    ("expertise_index", "get", everyone(200, anonymous=LOGIN)),
    ("take_up", "get", everyone(403, anonymous=200)),  # nobody here holds the invited address
    ("opinion", "get", everyone(404, anonymous=LOGIN, expert=200)),
    ("expert_document", "get", everyone(404, anonymous=LOGIN, expert=200)),
    ("scoring", "get", STAFF_ONLY),
    ("dossier_experts", "get", STAFF_ONLY),
    ("revoke", "post", STAFF_ONLY | {"instructor": 302, "admin": 302}),
    ("committee_index", "get", COMMITTEE),
    ("session", "get", COMMITTEE),
    ("add_member", "post", STAFF_ONLY | {"instructor": 422, "admin": 422}),
    ("add_to_agenda", "post", STAFF_ONLY | {"instructor": 302, "admin": 302}),  # held: the agenda is closed
    ("proposed_amount", "post", STAFF_ONLY | {"instructor": 302, "admin": 302}),
    ("remove_from_agenda", "post", STAFF_ONLY | {"instructor": 302, "admin": 302}),
    ("decide", "get", STAFF_ONLY | {"member": 200}),
    ("cancel_decision", "post", STAFF_ONLY | {"instructor": 302, "member": 302, "admin": 302}),
    ("hold", "post", STAFF_ONLY | {"instructor": 422, "admin": 422}),  # already held: the page says why
    ("validate", "post", everyone(404, anonymous=LOGIN, functional_admin=422, admin=422)),  # empty form
    ("minutes", "get", COMMITTEE),
    ("export", "get", STAFF_ONLY),
    ("dossier_pdf", "get", STAFF_ONLY),
    ("dossier_zip", "get", STAFF_ONLY),
    ("letter", "get", everyone(404, anonymous=LOGIN, applicant=200, instructor=200, admin=200)),
]


@pytest.mark.parametrize(("name", "method", "expected"), MATRIX, ids=[row[0] for row in MATRIX])
def test_permission_matrix(client, world, name, method, expected):
    url = world["urls"][name]
    for role in ROLES:
        client.logout()
        user = world["users"][role]
        if user is not None:
            client.force_login(user)
        response = getattr(client, method)(url)
        if expected[role] == LOGIN:
            assert response.status_code == 302 and "/comptes/login/" in response.url, (name, role)
        else:
            assert response.status_code == expected[role], (name, role, response.status_code)
        if response.streaming:
            b"".join(response.streaming_content)  # read to the end: the test client then closes the file


def test_a_revoked_invitation_link_says_so(client, world):
    ExpertInvitation.objects.filter(email="pending@exemple.fr").update(status="revoked")
    response = client.get(world["urls"]["take_up"])
    assert response.status_code == 410
    assert "n'est plus valable" in response.text
