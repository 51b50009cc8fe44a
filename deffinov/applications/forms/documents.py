from django import forms
from django.conf import settings

from deffinov.applications.documents import ALLOWED_LABEL, check_upload, required_kinds
from deffinov.calls.models import OTHER_DOCUMENT, OTHER_DOCUMENT_LABEL
from deffinov.formatting import file_size


class DocumentForm(forms.Form):
    """One document at a time, for one member: an error never loses another file."""

    kind = forms.ChoiceField(
        label="Type de document",
        error_messages={
            "required": "Choisissez le type du document.",
            "invalid_choice": "Choisissez un des types de document proposés pour cette structure.",
        },
    )
    file = forms.FileField(label="Fichier")

    def __init__(self, *args, participation, **kwargs):
        super().__init__(*args, prefix=f"doc{participation.pk}", **kwargs)
        self.participation = participation
        # What the call asks this member for, then any other document.
        self.fields["kind"].choices = [
            *((requirement.code, requirement.label) for requirement in required_kinds(participation)),
            (OTHER_DOCUMENT, OTHER_DOCUMENT_LABEL),
        ]
        self.fields["file"].help_text = f"{ALLOWED_LABEL}, {file_size(settings.UPLOAD_MAX_BYTES)} au plus."

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.detected = check_upload(upload)
        return upload
