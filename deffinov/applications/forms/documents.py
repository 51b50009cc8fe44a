from django import forms
from django.conf import settings

from deffinov.applications.documents import ALLOWED_LABEL, check_upload, required_kinds
from deffinov.applications.models import DocumentKind
from deffinov.formatting import file_size


class DocumentForm(forms.Form):
    """One document at a time, for one member: an error never loses another file."""

    kind = forms.ChoiceField(label="Type de document")
    file = forms.FileField(label="Fichier")

    def __init__(self, *args, participation, **kwargs):
        super().__init__(*args, prefix=f"doc{participation.pk}", **kwargs)
        self.participation = participation
        required = required_kinds(participation)
        others = [kind for kind in DocumentKind if kind not in required]
        self.fields["kind"].choices = [(kind.value, kind.label) for kind in [*required, *others]]
        self.fields["file"].help_text = f"{ALLOWED_LABEL}, {file_size(settings.UPLOAD_MAX_BYTES)} au plus."

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.detected = check_upload(upload)
        return upload
