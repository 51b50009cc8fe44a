"""The commitment letter and the de minimis declaration have templates to download beside them; sizes are
written in French units."""

import html as entities
import re
import zipfile

import pytest
from django.contrib.staticfiles import finders

from deffinov.applications import fill_in_templates
from tests.applications.factories import add_document

TEMPLATES = {
    "lettre-d-engagement.odt": "Lettre d'engagement",
    "declaration-de-minimis.odt": "Déclaration des aides de minimis",
}


def test_the_dossier_links_each_template_beside_the_document_that_needs_it(consortium, client):
    client.force_login(consortium["lead_admin"])

    html = entities.unescape(client.get(consortium["application"].get_absolute_url()).content.decode())

    for label, name in [
        ("Lettre d'engagement signée", "lettre-d-engagement"),
        ("Déclaration des aides de minimis", "declaration-de-minimis"),
    ]:
        item = re.search(rf"<li>[^<]*<span[^>]*>.</span> {re.escape(label)}.*?</li>", html, re.S)
        assert item, label
        assert f"/static/applications/modeles/{name}.odt" in item.group(0)


@pytest.mark.parametrize(("name", "title"), TEMPLATES.items())
def test_each_template_is_an_opendocument_text_with_its_title(name, title):
    path = finders.find(f"applications/modeles/{name}")
    assert path, name
    with zipfile.ZipFile(path) as odt:
        first = odt.infolist()[0]
        assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
        assert odt.read("mimetype") == b"application/vnd.oasis.opendocument.text"
        assert title in odt.read("content.xml").decode()


def test_the_vendored_templates_are_those_the_wording_writes(tmp_path):
    fill_in_templates.write_all(tmp_path)

    for name in TEMPLATES:
        with zipfile.ZipFile(tmp_path / name) as fresh, zipfile.ZipFile(fill_in_templates.DIRECTORY / name) as vendored:
            assert fresh.read("content.xml") == vendored.read("content.xml"), name


def test_sizes_are_in_french_units(consortium, client):
    lead = consortium["lead"]
    add_document(lead, "autre", content=b"%PDF-1.4\n" + b"x" * 3000, name="annexe.pdf")
    client.force_login(consortium["lead_admin"])

    html = client.get(consortium["application"].get_absolute_url()).content.decode()

    assert "20\xa0Mo au plus" in html
    assert "3\xa0ko" in html
    assert not re.search(r"\b(?:Kio|Mio|KB|MB)\b", html)


def test_django_sizes_elsewhere_are_in_french_units_too():
    from django.template.defaultfilters import filesizeformat
    from django.utils import translation

    with translation.override("fr"):
        assert filesizeformat(3000) == "2,9\xa0ko"
        assert filesizeformat(20 * 1024 * 1024) == "20,0\xa0Mo"
