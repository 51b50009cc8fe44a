import re

from tests.browser.conftest import SCREENSHOTS
from tests.demo.fixtures import demo, empty_cache, normandy  # noqa: F401

CALL_PATH = "/appels/normandie-connectee-deffinov/"


def test_a_visitor_goes_from_the_home_page_to_the_call_and_its_replays(page, check_accessibility, demo):  # noqa: F811
    page.goto("/")
    assert page.get_by_role("heading", level=1).count() == 1
    assert page.get_by_role("link", name="Suis-je éligible ?").first.get_attribute("href") == "/eligibilite/simulateur/"
    check_accessibility(page, "home")

    page.get_by_role("link", name="Lire l'appel à projets").first.click()
    page.wait_for_url(f"**{CALL_PATH}")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Normandie Connectée")

    waves = page.locator(".timeline > li")
    assert waves.count() == 3
    assert re.search(r"Vague 1 – 2023\s+Clôturée", waves.nth(0).inner_text())
    assert "9 projets retenus" in waves.nth(0).inner_text()
    assert re.search(r"Vague 2 – 2024\s+Clôturée", waves.nth(1).inner_text())
    demo_wave = waves.nth(2).inner_text()
    assert re.search(r"Vague de démonstration\s+Ouverte\s+Démonstration", demo_wave)
    assert "clôture le" in demo_wave

    presentation = page.get_by_role(
        "link", name="Voir le replay du webinaire de présentation (YouTube, nouvelle fenêtre)"
    )
    assert presentation.get_attribute("href") == "https://youtu.be/mfm1cEgLDUA"
    assert presentation.get_attribute("target") == "_blank"
    consortium = page.get_by_role(
        "link", name="Voir le replay du webinaire « formation d'un consortium » (YouTube, nouvelle fenêtre)"
    )
    assert consortium.get_attribute("href") == "https://youtu.be/amqy6sfzQME"
    assert page.get_by_role("link", name="Cahier des charges de l'appel à projets (PDF)").is_visible()
    check_accessibility(page, "call")


def test_the_call_page_fits_a_phone_screen(page, demo):  # noqa: F811
    page.set_viewport_size({"width": 390, "height": 844})
    for path, name in [("/", "home-390"), (CALL_PATH, "call-390")]:
        page.goto(path)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
        # Nothing wider than the screen: no sideways scrolling.
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
