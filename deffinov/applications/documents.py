"""Supporting documents: which ones each member must provide, and the checks every upload goes through."""

import hashlib
import re
import unicodedata
import zipfile
from pathlib import PurePosixPath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404

from deffinov.applications import editing
from deffinov.applications.models import Document, Participation
from deffinov.audit.models import record
from deffinov.calls.models import OTHER_DOCUMENT
from deffinov.formatting import file_size

ODT = "application/vnd.oasis.opendocument.text"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ALLOWED_TYPES = {
    "application/pdf": ".pdf",
    "image/jpeg": ".jpg",
    "image/png": ".png",
    ODT: ".odt",
    DOCX: ".docx",
}
ALLOWED_LABEL = "PDF, ODT, DOCX, JPEG ou PNG"


def required_kinds(participation):
    """The call's active document requirements (`DocumentRequirement`) that apply to this member, optional ones
    included, in the call's order."""
    call = participation.application.wave.call
    return [
        requirement
        for requirement in call.all_document_requirements
        if requirement.is_active and requirement.applies_to(participation)
    ]


def missing_kinds(participation, documents):
    """Required (not optional) requirements with no document among `documents` (the participation's documents)."""
    present = {document.kind for document in documents}
    return [
        requirement
        for requirement in required_kinds(participation)
        if requirement.is_required and requirement.code not in present
    ]


def sanitise_filename(name):
    """Keep letters, digits, dots, dashes and underscores; no path, no leading dot; at most 120 characters."""
    name = PurePosixPath((name or "").replace("\\", "/")).name
    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip(".-_") or "document"
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    stem = stem[: 120 - len(suffix) - 1] or "document"
    return f"{stem}.{suffix.lower()}" if suffix else stem


def _zip_content_type(upload):
    """ODT and DOCX are zip files: tell them apart by what they hold, refuse any other zip."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.read("mimetype").strip() == ODT.encode():
                return ODT
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                return DOCX
    except (zipfile.BadZipFile, KeyError, OSError):
        return None
    finally:
        upload.seek(0)
    return None


def detect_content_type(upload):
    """The type read from the file's content, never from its name; None when not one we accept."""
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None:
        return None
    if kind.mime in {ODT, DOCX, "application/zip"}:
        return _zip_content_type(upload)
    return kind.mime if kind.mime in ALLOWED_TYPES else None


def check_upload(upload):
    """Validate an uploaded file; return (content_type, sha256, safe_name) or raise ValidationError in French."""
    if upload.size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            "Ce fichier pèse %(size)s : le maximum est %(max)s. Réduisez-le (PDF compressé, image moins lourde).",
            code="too_big",
            params={"size": file_size(upload.size), "max": file_size(settings.UPLOAD_MAX_BYTES)},
        )
    if upload.size == 0:
        raise ValidationError("Ce fichier est vide.", code="empty")
    content_type = detect_content_type(upload)
    if content_type is None:
        raise ValidationError(
            "Ce fichier n'est pas d'un format accepté (%(formats)s), quel que soit son nom.",
            code="bad_type",
            params={"formats": ALLOWED_LABEL},
        )
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    name = sanitise_filename(upload.name)
    extension = ALLOWED_TYPES[content_type]
    if not name.lower().endswith(extension) and not (extension == ".jpg" and name.lower().endswith(".jpeg")):
        name = f"{name.rsplit('.', 1)[0] if '.' in name else name}{extension}"
    return content_type, digest.hexdigest(), name


def record_document_access(user, document, inline=False):
    """Every opening of a dossier's document by the Region goes to the audit trail."""
    number = document.application.number
    record(
        "application.document_viewed" if inline else "application.document_downloaded",
        actor=user,
        target=document,
        summary=f"{number} : {document.get_kind_display()} « {document.original_name} » "
        f"{'consulté' if inline else 'téléchargé'}",
        data={"number": number, "document": document.pk, "name": document.original_name, "sha256": document.sha256},
    )


def store(application, participation, kind, upload, detected, user):
    """Keep a checked upload (`detected`: what `check_upload` returned) as the member's document of `kind`.

    Under the dossier's lock: once it is submitted, NotEditableError and nothing is stored, not even the file.
    A document of the same kind (but « other ») is replaced; its file goes once the replacement is committed."""
    content_type, sha256, name = detected
    document = Document(
        application_id=application.pk,
        participation=participation,
        kind=kind,
        original_name=name,
        size=upload.size,
        content_type=content_type,
        sha256=sha256,
        uploaded_by=user,
    )
    try:
        with editing.editable(application):
            if not Participation.objects.filter(
                pk=participation.pk, application_id=application.pk, status=Participation.Status.ACCEPTED
            ).exists():
                raise Http404("Structure introuvable dans ce dossier.")
            if kind != OTHER_DOCUMENT:
                for previous in Document.objects.filter(participation=participation, kind=kind):
                    previous.delete()
                    transaction.on_commit(lambda file=previous.file: file.delete(save=False))
            document.file.save(name, upload, save=False)
            document.save()
            editing.bump_version(application, user)
    except BaseException:
        # Nothing of a refused or failed upload stays behind, not even its file.
        if document.file.name:
            document.file.delete(save=False)
        raise
    return document


def remove(application, pk, user, may_handle):
    """Delete a document of the dossier, if `may_handle(participation)`; 404 otherwise. Under the dossier's lock."""
    with editing.editable(application):
        document = Document.objects.select_related("participation").filter(application_id=application.pk, pk=pk).first()
        if document is None or not may_handle(document.participation):
            raise Http404("Document introuvable.")
        document.delete()
        transaction.on_commit(lambda: document.file.delete(save=False))
        editing.bump_version(application, user)
    return document
