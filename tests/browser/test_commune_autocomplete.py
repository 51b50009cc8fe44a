"""The commune combobox in Chromium, on the public « Trouver une commune » page."""

import re

import pytest
from playwright.sync_api import expect

from tests.territories.conftest import load_territories


@pytest.fixture
def communes(transactional_db):
    load_territories()


def test_choose_a_commune_with_the_keyboard(page, check_accessibility, communes):
    page.goto("/territoires/communes/")
    combobox = page.get_by_role("combobox", name="Commune")
    expect(combobox).to_have_attribute("aria-expanded", "false")

    combobox.press_sequentially("saint lo")

    listbox = page.get_by_role("listbox", name="Communes proposées")
    expect(listbox.get_by_role("option")).to_have_count(2)
    expect(combobox).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("status").filter(has_text="2 communes proposées")).to_have_count(1)
    check_accessibility(page, "commune-autocomplete-open")

    combobox.press("ArrowDown")
    first = listbox.get_by_role("option").first
    expect(first).to_have_attribute("aria-selected", "true")
    expect(combobox).to_have_attribute("aria-activedescendant", first.get_attribute("id"))
    combobox.press("Enter")

    expect(combobox).to_have_value("Saint-Lô (50000) – 50502")
    expect(combobox).to_have_attribute("aria-expanded", "false")
    page.get_by_role("button", name="Chercher").click()

    expect(page.get_by_role("heading", level=2)).to_have_text("Saint-Lô")
    expect(page.locator("dl.facts")).to_contain_text("Manche (50)")
    check_accessibility(page, "commune-lookup-result")


def test_postcode_search_escape_and_click(page, communes):
    page.goto("/territoires/communes/")
    combobox = page.get_by_role("combobox", name="Commune")

    combobox.press_sequentially("14500")
    options = page.get_by_role("option")
    expect(options).to_have_count(2)
    combobox.press("Escape")
    expect(combobox).to_have_attribute("aria-expanded", "false")
    expect(combobox).to_have_value("14500")

    # A form with empty latitude and longitude fields gets the chosen commune's centre.
    page.evaluate(
        """() => {
        const form = document.querySelector("form");
        for (const name of ["latitude", "longitude"]) {
          const input = document.createElement("input");
          input.name = name;
          form.append(input);
        }
      }"""
    )
    combobox.press("ArrowDown")
    expect(combobox).to_have_attribute("aria-expanded", "true")
    options.filter(has_text="Campagnolles").click()
    expect(combobox).to_have_value("Campagnolles (14500) – 14127")
    expect(page.locator("input[name=latitude]")).to_have_value("48,89013")
    expect(page.locator("input[name=longitude]")).to_have_value("-0,92476")


def test_without_a_choice_the_server_explains_an_ambiguous_name(page, communes):
    page.goto("/territoires/communes/")
    combobox = page.get_by_role("combobox", name="Commune")
    combobox.fill("Saint-Martin")
    combobox.press("Escape")
    page.get_by_role("button", name="Chercher").click()

    expect(page.locator(".errorlist")).to_have_text(re.compile("Plusieurs communes portent ce nom"))
    expect(page.get_by_role("combobox", name="Commune")).to_have_value("Saint-Martin")


def test_the_postcode_typed_beside_the_commune_narrows_the_proposals(page, communes):
    page.goto("/territoires/communes/")
    combobox = page.get_by_role("combobox", name="Commune")
    # The form of a structure's address: a postcode field beside the commune.
    page.evaluate(
        """() => {
        const postcode = document.createElement("input");
        postcode.name = "postcode";
        postcode.value = "14500";
        document.querySelector("form").append(postcode);
      }"""
    )

    combobox.press_sequentially("ca")

    options = page.get_by_role("listbox", name="Communes proposées").get_by_role("option")
    expect(options).to_have_count(1)
    expect(options.first).to_have_text("Campagnolles (14500) – 14127 · Calvados")
    combobox.press("ArrowDown")
    combobox.press("Enter")
    expect(combobox).to_have_value("Campagnolles (14500) – 14127")
