"""The call's extra questions (« questions complémentaires »): answered in the dossier, required ones block the
submission, answers read everywhere the dossier is read."""

import io
from decimal import Decimal
from pathlib import Path

import factory
import pytest
from django.conf import settings
from django.contrib.admin.sites import site
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse

from deffinov.accounts.roles import Role, ensure_role_groups
from deffinov.applications import questions as questions_of
from deffinov.applications import sections, workflow
from deffinov.applications.admin_questions import ExtraQuestionInline
from deffinov.applications.dossier_pdf import dossier_html
from deffinov.applications.editing import NotEditableError
from deffinov.applications.facts import with_dossier
from deffinov.applications.models import Application, ExtraAnswer, ExtraQuestion, QuestionKind
from deffinov.applications.summary import live_summary
from deffinov.calls.models import Call
from deffinov.committee import exports
from deffinov.demo.applications import COMPLETE_TITLE, load_demo_applications
from tests.accounts.factories import UserFactory
from tests.applications.factories import OrganisationFactory, pdf_bytes, person
from tests.demo.fixtures import demo, normandy  # noqa: F401

pytestmark = pytest.mark.django_db


class ExtraQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExtraQuestion

    label = factory.Sequence(lambda n: f"Question {n}")
    position = factory.Sequence(int)
    kind = QuestionKind.TEXT


@pytest.fixture
def questions(consortium):
    call = consortium["application"].wave.call
    return {
        "text": ExtraQuestionFactory(call=call, label="Nom du lieu"),
        "long_text": ExtraQuestionFactory(call=call, label="Partenaires locaux", kind=QuestionKind.LONG_TEXT),
        "number": ExtraQuestionFactory(
            call=call,
            label="Nombre d'apprenants visés la première année",
            kind=QuestionKind.NUMBER,
            unit="apprenants",
            min_value=Decimal(1),
            max_value=Decimal(10_000),
            required=True,
        ),
        "choice": ExtraQuestionFactory(
            call=call,
            label="Comment avez-vous connu l'appel à projets ?",
            kind=QuestionKind.CHOICE,
            options="Site de la Région\nWebinaire\nBouche à oreille",
        ),
        "file": ExtraQuestionFactory(call=call, label="Plan des locaux", kind=QuestionKind.FILE),
    }


def page(application):
    return application.get_absolute_url()


def section_url(application):
    return reverse("applications:section", args=[application.number, "questions"])


def loaded(client, application):
    """The section's hidden fields as the dossier page gives them."""
    response = client.get(page(application))
    form = next(s for s in response.context["sections"] if s["key"] == "questions")["form"]
    return {"questions-version": form["version"].value(), "questions-fingerprint": form["fingerprint"].value()}


def field(question):
    return f"questions-q_{question.pk}"


def answers(questions, **overrides):
    values = {
        field(questions["text"]): "La Fabrique",
        field(questions["long_text"]): "La mission locale.\nTrois entreprises.",
        field(questions["number"]): "1 500,5",
        field(questions["choice"]): "Webinaire",
    }
    values.update({field(questions[key]): value for key, value in overrides.items()})
    return values


def plan(name="plan.pdf", content=None):
    return SimpleUploadedFile(name, content or pdf_bytes("Plan des locaux"), content_type="application/pdf")


def answer_of(application, question):
    return ExtraAnswer.objects.filter(application=application, question=question).first()


def test_the_section_shows_only_when_the_call_asks_questions(consortium, client):
    application = consortium["application"]
    client.force_login(consortium["lead_admin"])
    assert "Questions complémentaires" not in client.get(page(application)).content.decode()
    ExtraQuestionFactory(call=application.wave.call, label="Une question inactive", active=False)
    assert "Questions complémentaires" not in client.get(page(application)).content.decode()
    ExtraQuestionFactory(call=application.wave.call, label="Nom du lieu")
    html = client.get(page(application)).content.decode()
    assert 'href="#questions">Questions complémentaires</a>' in html
    assert "Nom du lieu" in html and "Une question inactive" not in html


def test_each_kind_is_saved_from_french_input_without_javascript(consortium, questions, client):
    application = consortium["application"]
    client.force_login(consortium["lead_admin"])
    data = {**loaded(client, application), **answers(questions), field(questions["file"]): plan()}
    response = client.post(section_url(application), data, follow=True)
    assert "Partie « Questions complémentaires » enregistrée" in response.content.decode()
    assert answer_of(application, questions["text"]).text == "La Fabrique"
    assert answer_of(application, questions["long_text"]).text == "La mission locale.\nTrois entreprises."
    assert answer_of(application, questions["number"]).number == Decimal("1500.5")
    assert answer_of(application, questions["choice"]).choice == "Webinaire"
    stored = answer_of(application, questions["file"])
    assert stored.original_name == "plan.pdf" and stored.content_type == "application/pdf"
    assert answer_of(application, questions["text"]).updated_by == consortium["lead_admin"]
    # The page shows the answers back, the file with its link.
    html = client.get(page(application)).content.decode()
    assert 'value="1500,50"' in html
    file_url = reverse("applications:question_file", args=[application.number, stored.pk])
    assert f'href="{file_url}">plan.pdf</a>' in html
    download = client.get(file_url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == pdf_bytes("Plan des locaux")
    assert 'filename="plan.pdf"' in download["Content-Disposition"]


def test_autosave_stores_an_answer_and_completes_the_outline(consortium, questions, client):
    application = consortium["application"]
    client.force_login(consortium["lead_admin"])
    data = {**loaded(client, application), field(questions["number"]): "120 apprenants"}
    response = client.post(section_url(application), data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Enregistré à" in html
    assert (
        'href="#questions">Questions complémentaires</a>\n        <span class="completeness completeness--done">'
        in html
    )
    assert answer_of(application, questions["number"]).number == 120


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("NaN", "Écrivez un nombre en chiffres, par exemple 1 500."),
        ("0", "Indiquez au moins 1\xa0apprenants."),
        ("10 001", "Indiquez au plus 10\xa0000\xa0apprenants."),
        ("1e9", "Écrivez un nombre en chiffres, par exemple 1 500."),
        ("-3", "Indiquez un nombre positif, sans signe moins."),
    ],
)
def test_a_number_out_of_bounds_or_not_a_number_is_refused_in_french_and_the_rest_kept(
    consortium, questions, client, typed, message
):
    application = consortium["application"]
    client.force_login(consortium["lead_admin"])
    data = {**loaded(client, application), **answers(questions, number=typed)}
    response = client.post(section_url(application), data)
    assert response.status_code == 422
    html = response.content.decode()
    assert message.replace("'", "&#x27;") in html
    # What the person typed is still in the form, nothing is stored.
    assert 'value="La Fabrique"' in html and f'value="{typed}"' in html
    assert "La mission locale.\nTrois entreprises." in html
    assert not ExtraAnswer.objects.filter(application=application).exists()
    assert Application.objects.get(pk=application.pk).version == application.version


def test_a_forged_choice_is_refused(consortium, questions, client):
    application = consortium["application"]
    client.force_login(consortium["lead_admin"])
    data = {**loaded(client, application), **answers(questions, choice="<script>alert(1)</script>")}
    response = client.post(section_url(application), data)
    assert response.status_code == 422
    assert "Choisissez l&#x27;une des réponses proposées." in response.content.decode()
    assert not ExtraAnswer.objects.filter(application=application).exists()


def test_a_file_of_another_type_is_refused_whatever_its_name(consortium, questions, client):
    application = consortium["application"]
    client.force_login(consortium["lead_admin"])
    forged = plan("plan.pdf", content=b"MZ\x90\x00 not a pdf at all")
    data = {**loaded(client, application), **answers(questions), field(questions["file"]): forged}
    response = client.post(section_url(application), data)
    assert response.status_code == 422
    assert "n&#x27;est pas d&#x27;un format accepté" in response.content.decode()
    assert not ExtraAnswer.objects.filter(application=application).exists()


def test_a_file_is_kept_replaced_or_removed(consortium, questions, client, django_capture_on_commit_callbacks):
    application = consortium["application"]
    client.force_login(consortium["lead_admin"])
    client.post(section_url(application), {**loaded(client, application), field(questions["file"]): plan()})
    first = answer_of(application, questions["file"])
    # Another answer saved without choosing a file again keeps the file.
    client.post(section_url(application), {**loaded(client, application), **answers(questions)})
    assert answer_of(application, questions["file"]).sha256 == first.sha256
    replacement = plan("plan-2.pdf", pdf_bytes("Plan révisé"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(section_url(application), {**loaded(client, application), field(questions["file"]): replacement})
    assert answer_of(application, questions["file"]).original_name == "plan-2.pdf"
    assert not first.file.storage.exists(first.file.name)
    remove = f"questions-q_{questions['file'].pk}_clear"
    second = answer_of(application, questions["file"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(section_url(application), {**loaded(client, application), remove: "on"})
    assert not answer_of(application, questions["file"]).file
    assert not second.file.storage.exists(second.file.name)


def test_a_required_question_without_answer_blocks_the_recap_and_the_submission(consortium, questions, client):
    application = consortium["application"]
    client.force_login(consortium["lead_admin"])
    recap = reverse("applications:recap", args=[application.number])
    html = client.get(recap).content.decode()
    anchor = f"{page(application)}#question-{questions['number'].pk}"
    assert f'<a href="{anchor}">Nombre d&#x27;apprenants visés la première année</a>' in html
    assert 'class="button" disabled' in html
    response = client.post(reverse("applications:submit", args=[application.number]), {"sworn": "yes"})
    assert response.status_code == 422
    assert Application.objects.get(pk=application.pk).state == "draft"
    # Once answered, nothing blocks (the other questions are optional) and the dossier goes.
    client.post(section_url(application), {**loaded(client, application), field(questions["number"]): "120"})
    assert "Questions complémentaires sans réponse" not in client.get(recap).content.decode()
    client.post(reverse("applications:submit", args=[application.number]), {"sworn": "yes"})
    submitted = Application.objects.get(pk=application.pk)
    assert submitted.state == "submitted"
    frozen = {row["label"]: row["answer"] for row in submitted.snapshot["extra_answers"]}
    assert frozen["Nombre d'apprenants visés la première année"] == "120\xa0apprenants"


def test_answers_are_in_the_summary_the_pdf_the_instructors_page_and_the_export(consortium, questions, client):
    application = consortium["application"]
    client.force_login(consortium["lead_admin"])
    data = {
        **loaded(client, application),
        **answers(questions, text='=HYPERLINK("http://x")'),
        field(questions["file"]): plan(),
    }
    client.post(section_url(application), data)
    assert workflow.submit(application, consortium["lead_admin"]) is True
    application.refresh_from_db()
    # The read-only summary once submitted, with the file's link.
    summary = client.get(page(application)).content.decode()
    assert "Questions complémentaires" in summary and "1\xa0500,50\xa0apprenants" in summary
    assert "Webinaire" in summary
    file_url = reverse(
        "applications:question_file", args=[application.number, answer_of(application, questions["file"]).pk]
    )
    assert f'href="{file_url}">plan.pdf</a>' in summary
    # The PDF's document.
    pdf = dossier_html(application)
    assert "Comment avez-vous connu l&#x27;appel à projets ?" in pdf and "Webinaire" in pdf
    assert "1\xa0500,50\xa0apprenants" in pdf
    # The instructor's page.
    instructor = UserFactory(instructor=True)
    client.force_login(instructor)
    staff_page = client.get(reverse("instruction:dossier", args=[application.number])).content.decode()
    assert "Questions complémentaires" in staff_page and "1\xa0500,50\xa0apprenants" in staff_page
    download = client.get(file_url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content)  # read to the end: the client then closes it
    # The staff export: one column per question, text cells disarmed.
    header, rows = exports.table(application.wave)
    row = dict(zip([column.header for column in header], next(iter(rows)), strict=True))
    assert row["Question – Nombre d'apprenants visés la première année"] == Decimal("1500.50")
    assert row["Question – Nom du lieu"] == '\'=HYPERLINK("http://x")'
    assert row["Question – Plan des locaux"] == "plan.pdf"


def test_outsiders_get_404_for_the_section_and_the_file(consortium, questions, client):
    application = consortium["application"]
    client.force_login(consortium["lead_admin"])
    client.post(section_url(application), {**loaded(client, application), field(questions["file"]): plan()})
    file_url = reverse(
        "applications:question_file", args=[application.number, answer_of(application, questions["file"]).pk]
    )
    client.force_login(person(OrganisationFactory()))
    assert client.post(section_url(application), answers(questions)).status_code == 404
    assert client.get(file_url).status_code == 404
    # A draft is its consortium's own, even for the Region.
    client.force_login(UserFactory(instructor=True))
    assert client.get(file_url).status_code == 404


def test_a_frozen_dossier_refuses_an_answer_and_stores_nothing(consortium, questions, client):
    application = consortium["application"]
    client.force_login(consortium["lead_admin"])
    hidden = loaded(client, application)
    ExtraAnswer.objects.create(application=application, question=questions["number"], number=120)
    loaded_before = Application.objects.get(pk=application.pk)
    assert workflow.submit(application, consortium["lead_admin"]) is True
    # The form loaded before the submission, posted after it.
    form = sections.build_form(
        loaded_before, "questions", data={**hidden, **answers(questions)}, files={field(questions["file"]): plan()}
    )
    assert form.is_valid(), form.errors
    with pytest.raises(NotEditableError) as error:
        sections.save_section(loaded_before, "questions", form, consortium["lead_admin"])
    assert error.value.message.startswith("Ce dossier a été déposé le ")
    assert list(ExtraAnswer.objects.filter(application=application).values_list("question", flat=True)) == [
        questions["number"].pk
    ]
    assert not list(Path(settings.MEDIA_ROOT).rglob("reponses/*"))
    # Through the page: refused with a message, nothing stored.
    response = client.post(section_url(application), {**hidden, **answers(questions)}, follow=True)
    assert "il ne peut plus être modifié" in response.content.decode()
    assert ExtraAnswer.objects.filter(application=application).count() == 1


def inline_formset(call, rows, deleted=()):
    """The call admin's inline of questions, posted with `rows` (existing questions)."""
    request = RequestFactory().post("/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    formset_class = ExtraQuestionInline(Call, site).get_formset(request, call)
    data = {
        "extra_questions-TOTAL_FORMS": str(len(rows)),
        "extra_questions-INITIAL_FORMS": str(len(rows)),
    }
    for index, question in enumerate(rows):
        for name in ["position", "label", "help_text", "kind", "unit", "options"]:
            data[f"extra_questions-{index}-{name}"] = getattr(question, name)
        data[f"extra_questions-{index}-id"] = question.pk
        data[f"extra_questions-{index}-call"] = call.pk
        data[f"extra_questions-{index}-active"] = "on"
        if question in deleted:
            data[f"extra_questions-{index}-DELETE"] = "on"
    return formset_class(data, instance=call, prefix="extra_questions")


def test_an_answered_question_cannot_change_its_kind_nor_be_deleted(consortium, questions):
    call = consortium["application"].wave.call
    question = questions["text"]
    ExtraAnswer.objects.create(application=consortium["application"], question=question, text="La Fabrique")
    question.kind = QuestionKind.LONG_TEXT
    formset = inline_formset(call, [question])
    assert not formset.is_valid()
    assert "son type de réponse ne peut plus changer" in str(formset.errors)
    question.kind = QuestionKind.TEXT
    formset = inline_formset(call, [question], deleted=[question])
    assert not formset.is_valid()
    assert "elle ne peut pas être supprimée. Décochez « active »" in str(formset.non_form_errors() or formset.errors)
    # Unanswered, it can be deleted.
    unanswered = questions["choice"]
    formset = inline_formset(call, [unanswered], deleted=[unanswered])
    assert formset.is_valid(), formset.errors
    formset.save()
    assert not ExtraQuestion.objects.filter(pk=unanswered.pk).exists()


def test_functional_administrators_may_edit_the_questions_in_the_admin(db):
    ensure_role_groups()
    admin = UserFactory(functional_admin=True, is_staff=True)
    for action in ("add", "change", "delete", "view"):
        assert admin.has_perm(f"applications.{action}_extraquestion"), action
    assert not UserFactory(instructor=True).has_perm("applications.change_extraquestion")
    assert Role.FUNCTIONAL_ADMIN


def test_a_choice_question_needs_two_options_and_bounds_in_order(consortium):
    call = consortium["application"].wave.call
    question = ExtraQuestion(call=call, label="Choix", kind=QuestionKind.CHOICE, options="Seul choix")
    with pytest.raises(Exception, match="au moins deux choix"):
        question.full_clean()
    question = ExtraQuestion(
        call=call, label="Nombre", kind=QuestionKind.NUMBER, min_value=Decimal(10), max_value=Decimal(1)
    )
    with pytest.raises(Exception, match="supérieur ou égal au minimum"):
        question.full_clean()


def test_a_functional_administrator_sees_the_questions_in_the_calls_admin(client, demo):  # noqa: F811
    ensure_role_groups()
    client.force_login(UserFactory(functional_admin=True, is_staff=True))
    response = client.get(reverse("admin:calls_call_change", args=[demo.call.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Questions complémentaires (posées dans chaque dossier de l&#x27;appel)" in html
    assert 'value="Nombre d&#x27;apprenants visés la première année"' in html
    assert 'value="apprenants"' in html


def test_the_complete_demo_draft_answers_the_demo_questions(demo):  # noqa: F811
    load_demo_applications(io.StringIO())
    complete = with_dossier(Application.objects.filter(title=COMPLETE_TITLE)).get()
    assert sections.completeness(complete)["questions"] is True
    assert not questions_of.missing_required(complete)
    answered = {row["label"]: row["answer"] for row in live_summary(complete)["extra_answers"]}
    assert answered["Nombre d'apprenants visés la première année"] == "120\xa0apprenants"
    assert answered["Comment avez-vous connu l'appel à projets ?"] == "Réunion de lancement ou webinaire"
