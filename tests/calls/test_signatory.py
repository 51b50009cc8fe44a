"""The call names who signs its decision letters; the signature image is checked by its content."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from tests.calls.factories import CallFactory
from tests.calls.test_admin import admin_client  # noqa: F401
from tests.demo.fixtures import page_text


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "white").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.django_db
def test_a_call_keeps_the_name_title_and_signature_image_of_its_signatory(media_root):
    call = CallFactory(signatory_name="Claire Martin", signatory_title="Présidente de la Région")
    call.signatory_image = SimpleUploadedFile("signature.PNG", png_bytes(), content_type="image/png")

    call.full_clean()
    call.save()

    call.refresh_from_db()
    assert call.signatory_name == "Claire Martin"
    assert call.signatory_image.name.startswith("signatures/")
    assert call.signatory_image.name.endswith(".png")


@pytest.mark.django_db
def test_a_signature_image_that_is_not_png_or_jpeg_is_refused_whatever_its_name(media_root):
    call = CallFactory()
    call.signatory_image = SimpleUploadedFile("signature.png", b"%PDF-1.4 not an image", content_type="image/png")

    with pytest.raises(ValidationError) as error:
        call.full_clean()

    assert "PNG ou JPEG" in str(error.value.message_dict["signatory_image"])


def test_the_call_admin_shows_the_signatory_of_decision_letters(admin_client, demo):  # noqa: F811
    text = page_text(admin_client.get(reverse("admin:calls_call_change", args=[demo.call.pk])))

    assert "Lettres de décision" in text
    assert "Nom du signataire des lettres de décision" in text
    assert "Qualité du signataire" in text
    assert "Image de la signature" in text
