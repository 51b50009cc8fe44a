"""Attachments go through the same checks as the dossier's supporting documents."""

from deffinov.applications.documents import check_upload, sanitise_filename

__all__ = ["check_upload", "sanitise_filename"]
