import datetime as dt
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from stdnum.fr import siret

from deffinov.accounts.models import User
from deffinov.accounts.roles import Role, has_role
from deffinov.calls.models import PARIS, Call, Event, Resource, TiersLieuCriterion, Wave
from deffinov.demo.accounts import DEMO_PASSWORD
from deffinov.demo.call import CALL_SLUG, DEMO_WAVE_SLUG
from deffinov.organisations.kinds import PARTNER_KINDS, Kind
from deffinov.organisations.models import Membership, Organisation
from deffinov.organisations.validators import validate_nda, validate_uai

MODELS = [Call, Wave, Event, Resource, TiersLieuCriterion, Organisation, User, Membership, EmailAddress, Group]


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def load(*args):
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def today(time_machine):
    time_machine.move_to(dt.datetime(2026, 9, 15, 10, 0, tzinfo=PARIS), tick=False)
    return dt.date(2026, 9, 15)


def test_loading_twice_gives_the_same_data(normandy, today):
    output = load("--wet-run")
    first = counts()
    load("--wet-run")

    assert counts() == first
    assert first["Call"] == 1
    assert first["Wave"] == 3
    assert first["Event"] == 3
    assert first["TiersLieuCriterion"] == 5
    assert first["Organisation"] >= 30
    assert first["User"] == 48  # seven demo accounts (one per role), the demo expert and 40 learners
    assert "candidat@demo.deffinov.fr" in output
    assert DEMO_PASSWORD in output
    assert "Données de démonstration chargées." in output


def test_without_wet_run_nothing_is_saved(normandy, today):
    output = load()

    assert "Simulation : rien n'a été enregistré" in output
    assert "structures : 35 créé(s)" in output
    assert Organisation.objects.count() == 0
    assert Call.objects.count() == 0


def test_refused_in_production(normandy, settings):
    settings.PRODUCTION = True

    with pytest.raises(CommandError, match="jamais en production"):
        load("--wet-run")
    assert Organisation.objects.count() == 0


def test_without_the_communes_it_says_to_load_the_territories(db):
    with pytest.raises(CommandError, match="load_territories --wet-run"):
        load("--wet-run")


def test_the_waves_of_the_normandy_call(normandy, today):
    load("--wet-run")
    call = Call.objects.get(slug=CALL_SLUG)
    waves = {wave.slug: wave for wave in call.waves.all()}

    assert waves["vague-1-2023"].opens_at == dt.datetime(2023, 1, 26, 0, 0, tzinfo=PARIS)
    assert waves["vague-1-2023"].closes_at == dt.datetime(2023, 4, 28, 23, 59, 59, tzinfo=PARIS)
    assert waves["vague-1-2023"].laureates_count == 9
    assert waves["vague-2-2024"].opens_at == dt.datetime(2024, 1, 8, 0, 0, tzinfo=PARIS)
    assert waves["vague-2-2024"].closes_at == dt.datetime(2024, 3, 11, 23, 59, 59, tzinfo=PARIS)
    assert sum(wave.envelope for wave in waves.values() if not wave.is_demo) == 2_900_000
    assert "indicatif" in waves["vague-2-2024"].envelope_note
    demo_wave = waves[DEMO_WAVE_SLUG]
    assert demo_wave.is_demo
    assert demo_wave.number == 3
    assert demo_wave.title == "Vague de démonstration"
    assert demo_wave.opens_at == dt.datetime(2026, 9, 15, 0, 0, tzinfo=PARIS)
    assert demo_wave.closes_at == dt.datetime(2026, 11, 14, 23, 59, 59, tzinfo=PARIS)
    assert demo_wave.status() == Wave.Status.OPEN
    assert call.eligible_department_codes() == ["14", "27", "50", "61", "76"]


def test_the_demo_wave_keeps_its_dates_while_open_and_moves_forward_once_closed(normandy, time_machine):
    time_machine.move_to(dt.datetime(2026, 9, 15, 10, 0, tzinfo=PARIS), tick=False)
    load("--wet-run")
    time_machine.move_to(dt.datetime(2026, 10, 1, 10, 0, tzinfo=PARIS), tick=False)
    load("--wet-run")

    wave = Wave.objects.get(slug=DEMO_WAVE_SLUG)
    assert wave.opens_at == dt.datetime(2026, 9, 15, 0, 0, tzinfo=PARIS)

    time_machine.move_to(dt.datetime(2026, 12, 1, 10, 0, tzinfo=PARIS), tick=False)
    load("--wet-run")

    wave.refresh_from_db()
    assert wave.opens_at == dt.datetime(2026, 12, 1, 0, 0, tzinfo=PARIS)
    assert wave.closes_at == dt.datetime(2027, 1, 30, 23, 59, 59, tzinfo=PARIS)
    assert Wave.objects.count() == 3


def test_every_structure_has_valid_identifiers_and_passes_the_model_rules(normandy, today):
    load("--wet-run")

    for organisation in Organisation.objects.all():
        assert siret.is_valid(organisation.siret), organisation
        assert organisation.siren == organisation.siret[:9]
        organisation.full_clean()
        if Kind.ORGANISME_FORMATION in organisation.kinds:
            validate_nda(organisation.nda)
        if {Kind.CFA, Kind.LYCEE_PROFESSIONNEL} & set(organisation.kinds):
            validate_uai(organisation.uai)
        if Kind.TIERS_LIEU in organisation.kinds:
            assert organisation.place_opened_on
        assert "(démo)" in organisation.name


def test_structures_cover_every_department_and_kind_with_one_young_one(normandy, today):
    load("--wet-run")
    organisations = list(Organisation.objects.select_related("commune"))

    assert {organisation.commune.department_id for organisation in organisations} == {"14", "27", "50", "61", "76"}
    kinds = {kind for organisation in organisations for kind in organisation.kinds}
    assert {
        Kind.TIERS_LIEU,
        Kind.EPN,
        Kind.ORGANISME_FORMATION,
        Kind.CFA,
        Kind.LYCEE_PROFESSIONNEL,
        Kind.EDTECH,
    } <= kinds
    assert kinds & PARTNER_KINDS
    assert any({Kind.TIERS_LIEU, Kind.ORGANISME_FORMATION} <= set(o.kinds) for o in organisations)
    one_year_ago = today - dt.timedelta(days=365)
    young = [organisation for organisation in organisations if organisation.created_on > one_year_ago]
    assert len(young) == 1
    assert young[0].commune.department_id == "50"


def test_demo_accounts_sign_in_with_their_roles(client, normandy, today):
    load("--wet-run")

    for email in ["candidat", "formation", "instructeur", "admin"]:
        address = EmailAddress.objects.get(email=f"{email}@demo.deffinov.fr")
        assert address.verified and address.primary
        assert client.login(username=address.email, password=DEMO_PASSWORD)
    candidate = User.objects.get(email="candidat@demo.deffinov.fr")
    [vire] = Organisation.objects.administered_by(candidate)
    assert vire.commune.name == "Vire Normandie"
    assert vire.is_tiers_lieu
    trainer = User.objects.get(email="formation@demo.deffinov.fr")
    [training] = Organisation.objects.administered_by(trainer)
    assert Kind.ORGANISME_FORMATION in training.kinds
    assert training.commune.name in {"Vire Normandie", "Caen"}
    instructor = User.objects.get(email="instructeur@demo.deffinov.fr")
    assert has_role(instructor, Role.INSTRUCTOR) and not instructor.is_superuser
    assert instructor.has_perm("calls.view_wave")
    assert instructor.has_perm("organisations.view_organisation")
    assert not instructor.has_perm("calls.change_wave")
    assert User.objects.get(email="admin@demo.deffinov.fr").is_superuser
