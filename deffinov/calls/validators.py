"""Checks on what the Region uploads with a call: the signature image is read by its content, never its name."""

import secrets

import filetype
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

SIGNATURE_TYPES = {"image/png": ".png", "image/jpeg": ".jpg"}
SIGNATURE_MAX_BYTES = 2 * 1024 * 1024


def signature_content_type(upload):
    """PNG or JPEG read from the first bytes of the file; None for anything else."""
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    return kind.mime if kind is not None and kind.mime in SIGNATURE_TYPES else None


def validate_signature_image(upload):
    if upload.size > SIGNATURE_MAX_BYTES:
        raise ValidationError(
            "Cette image pèse %(size)s : le maximum est %(max)s.",
            code="too_big",
            params={"size": filesizeformat(upload.size), "max": filesizeformat(SIGNATURE_MAX_BYTES)},
        )
    if signature_content_type(upload) is None:
        raise ValidationError(
            "L'image de la signature doit être un fichier PNG ou JPEG, quel que soit son nom.", code="bad_type"
        )


def signature_path(instance, filename):
    """A path nobody can guess, with the extension of the content (checked beforehand)."""
    content_type = signature_content_type(instance.signatory_image) or "image/png"
    return f"signatures/{secrets.token_hex(16)}{SIGNATURE_TYPES[content_type]}"
