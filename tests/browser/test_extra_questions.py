"""The « Questions complémentaires » of a call, answered in the browser: saved as typed, a file included."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from deffinov.applications.models import ExtraAnswer, ExtraQuestion, QuestionKind
from tests.applications.factories import eligible_application, pdf_bytes
from tests.browser.test_application_journey import log_in

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def dossier(transactional_db):
    data = eligible_application()
    call = data["application"].wave.call
    data["learners"] = ExtraQuestion.objects.create(
        call=call,
        position=1,
        label="Nombre d'apprenants visés la première année",
        kind=QuestionKind.NUMBER,
        unit="apprenants",
        min_value=Decimal(1),
        max_value=Decimal(10_000),
        required=True,
    )
    data["plan"] = ExtraQuestion.objects.create(call=call, position=2, label="Plan des locaux", kind=QuestionKind.FILE)
    return data


def test_the_questions_save_themselves_a_file_included(page, live_server, dossier, check_accessibility, tmp_path):
    application = dossier["application"]
    log_in(page, dossier["lead_admin"], live_server.url)
    page.goto(application.get_absolute_url())
    expect(page.locator("#outline-progress")).to_have_text("9 parties complètes sur 10")
    check_accessibility(page)

    page.get_by_label("Nombre d'apprenants visés la première année").fill("1 500")
    page.get_by_label("Nombre d'apprenants visés la première année").dispatch_event("change")
    expect(page.locator("#status-questions")).to_contain_text("Enregistré à")
    expect(page.locator("#outline-progress")).to_have_text("10 parties complètes sur 10")

    plan = tmp_path / "plan.pdf"
    plan.write_bytes(pdf_bytes("Plan des locaux"))
    with page.expect_response(lambda response: "/sections/questions/" in response.url) as saved:
        page.get_by_label("Plan des locaux").set_input_files(str(plan))
    assert saved.value.status == 200
    answers = {answer.question_id: answer for answer in ExtraAnswer.objects.filter(application=application)}
    assert answers[dossier["learners"].pk].number == 1500
    assert answers[dossier["plan"].pk].original_name == "plan.pdf"
    page.reload()
    expect(page.get_by_role("link", name="plan.pdf")).to_be_visible()

    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
