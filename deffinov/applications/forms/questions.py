"""The « Questions complémentaires » section: one field per active question of the call, of the question's kind."""

import re

from django import forms
from django.conf import settings

from deffinov.applications.documents import ALLOWED_LABEL, check_upload
from deffinov.applications.forms.fields import FrenchDecimalField
from deffinov.applications.forms.sections import SectionForm
from deffinov.applications.models import QuestionKind
from deffinov.formatting import file_size, grouped

TEXT_MAX = 500
LONG_TEXT_MAX = 10_000


class NumberAnswerField(FrenchDecimalField):
    """A number typed the French way (« 1 500,5 »), within the question's bounds, its unit allowed after it."""

    example = "1 500"

    def __init__(self, *, unit="", **kwargs):
        self.unit_label = unit
        self.unit = re.compile(rf"\s*{re.escape(unit)}$", re.IGNORECASE) if unit else None
        super().__init__(**kwargs)

    def shown(self, value):
        return f"{grouped(value)}\u00a0{self.unit_label}" if self.unit_label else grouped(value)


def field_name(question):
    return f"q_{question.pk}"


def clear_name(question):
    return f"q_{question.pk}_clear"


def question_field(question):
    help_text = question.help_text
    common = {"label": question.label, "required": False}
    if question.kind == QuestionKind.LONG_TEXT:
        return forms.CharField(
            **common, help_text=help_text, max_length=LONG_TEXT_MAX, widget=forms.Textarea(attrs={"rows": 4})
        )
    if question.kind == QuestionKind.NUMBER:
        bounds = f"Entre {grouped(question.lowest)} et {grouped(question.highest)}"
        if question.unit:
            bounds += f" ({question.unit})"
        return NumberAnswerField(
            **common,
            unit=question.unit,
            min_value=question.lowest,
            max_value=question.highest,
            help_text=" ".join(filter(None, [help_text, f"{bounds}."])),
        )
    if question.kind == QuestionKind.CHOICE:
        return forms.ChoiceField(
            **common,
            help_text=help_text,
            choices=[("", "Choisissez…"), *((choice, choice) for choice in question.choices)],
            error_messages={"invalid_choice": "Choisissez l'une des réponses proposées."},
        )
    if question.kind == QuestionKind.FILE:
        limits = f"{ALLOWED_LABEL}, {file_size(settings.UPLOAD_MAX_BYTES)} au plus."
        return forms.FileField(
            **common,
            help_text=" ".join(filter(None, [help_text, limits])),
            widget=forms.FileInput,
            error_messages={"invalid": "Le fichier n'a pas été reçu : choisissez-le à nouveau."},
        )
    return forms.CharField(**common, help_text=help_text, max_length=TEXT_MAX)


class QuestionsForm(SectionForm):
    """The call's active questions, in order. A file question keeps its file unless another is chosen or it is
    removed; every upload goes through `check_upload`."""

    def __init__(self, *args, application, answers=None, **kwargs):
        super().__init__(*args, application=application, **kwargs)
        self.questions = list(application.wave.call.extra_questions.active())
        self.answers = answers if answers is not None else {}
        self.detected = {}
        for question in self.questions:
            field = question_field(question)
            if question.required:
                field.help_text = " ".join(
                    filter(None, ["Réponse obligatoire pour déposer le dossier.", field.help_text])
                )
            self.fields[field_name(question)] = field
            answer = self.answers.get(question.pk)
            if question.kind == QuestionKind.FILE and answer is not None and answer.file:
                self.fields[clear_name(question)] = forms.BooleanField(
                    label=f"Retirer le fichier « {answer.original_name} »", required=False
                )

    def clean(self):
        cleaned = super().clean()
        for question in self.questions:
            if question.kind != QuestionKind.FILE:
                continue
            name = field_name(question)
            upload = cleaned.get(name)
            if upload:
                try:
                    self.detected[question.pk] = check_upload(upload)
                except forms.ValidationError as error:
                    self.add_error(name, error)
        return cleaned

    def rows(self):
        """(question, its field, the remove box or None, the stored answer or None), for the template."""
        return [
            (
                question,
                self[field_name(question)],
                self[clear_name(question)] if clear_name(question) in self.fields else None,
                self.answers.get(question.pk),
            )
            for question in self.questions
        ]

    def content_fields(self):
        return [self[name] for name in self.fields if name not in {"version", "fingerprint"}]
