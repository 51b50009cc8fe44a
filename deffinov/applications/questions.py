"""A dossier's answers to the call's extra questions: read as text, written under the dossier's lock, checked
for completeness, frozen in the snapshot."""

from django.db import transaction
from django.utils import timezone

from deffinov import formatting
from deffinov.applications.models import ExtraAnswer, ExtraQuestion, QuestionKind

NEW_FILE = "{name} (nouveau fichier)"


def active_questions(application):
    return list(ExtraQuestion.objects.active().filter(call_id=application.wave.call_id))


def has_questions(application):
    return ExtraQuestion.objects.active().filter(call_id=application.wave.call_id).exists()


def answers_of(application):
    """The dossier's answers keyed by question id."""
    return {answer.question_id: answer for answer in ExtraAnswer.objects.filter(application_id=application.pk)}


def stored_text(question, answer):
    """An answer as text, to compare what a form showed with what is stored."""
    if answer is None:
        return ""
    kind = question.kind
    if kind == QuestionKind.NUMBER:
        return "" if answer.number is None else format(answer.number.normalize(), "f")
    if kind == QuestionKind.CHOICE:
        return answer.choice
    if kind == QuestionKind.FILE:
        return answer.original_name if answer.file else ""
    return answer.text.replace("\r\n", "\n").strip()


def shown(question, answer):
    """An answer as people read it (« 120 apprenants », « 1 500,50 »), or "" when there is none."""
    if answer is None:
        return ""
    if question.kind == QuestionKind.NUMBER:
        if answer.number is None:
            return ""
        return " ".join(filter(None, [formatting.grouped(answer.number), question.unit])).replace(
            " ", formatting.NBSP, 1
        )
    return stored_text(question, answer)


def is_answered(question, answer):
    return bool(stored_text(question, answer))


def current_values(application):
    """The stored answers as text, keyed by the section form's field names."""
    answers = answers_of(application)
    return {
        f"q_{question.pk}": stored_text(question, answers.get(question.pk))
        for question in active_questions(application)
    }


def initial_values(application, answers):
    initial = {}
    for question in active_questions(application):
        answer = answers.get(question.pk)
        if answer is None or question.kind == QuestionKind.FILE:
            continue
        if question.kind == QuestionKind.NUMBER:
            initial[f"q_{question.pk}"] = answer.number
        elif question.kind == QuestionKind.CHOICE:
            initial[f"q_{question.pk}"] = answer.choice
        else:
            initial[f"q_{question.pk}"] = answer.text
    return initial


def submitted_values(form):
    """What the form would store, as text: a file kept reads as the stored one, a new one as new."""
    values = {}
    for question in form.questions:
        name = f"q_{question.pk}"
        value = form.cleaned_data.get(name)
        answer = form.answers.get(question.pk)
        if question.kind == QuestionKind.FILE:
            if form.cleaned_data.get(f"q_{question.pk}_clear"):
                values[name] = ""
            elif value and (answer is None or form.detected[question.pk][1] != answer.sha256):
                values[name] = NEW_FILE.format(name=form.detected[question.pk][2])
            else:
                values[name] = stored_text(question, answer)
        elif question.kind == QuestionKind.NUMBER:
            values[name] = "" if value is None else format(value.normalize(), "f")
        else:
            values[name] = (value or "").replace("\r\n", "\n").strip()
    return values


def write(application, form, user, new_files):
    """Store the section's answers; to be called under the dossier's lock (`editing.editable`).
    A replaced or removed file goes once the transaction is committed; each new file is added to `new_files`
    (storage, name), for the caller to delete if the transaction does not commit."""
    now = timezone.now()
    stored = answers_of(application)
    for question in form.questions:
        name = f"q_{question.pk}"
        value = form.cleaned_data.get(name)
        answer = stored.get(question.pk) or ExtraAnswer(application_id=application.pk, question=question)
        if question.kind == QuestionKind.FILE:
            old = answer.file.name
            if form.cleaned_data.get(f"q_{question.pk}_clear"):
                if not old:
                    continue
                answer.file, answer.original_name, answer.size, answer.content_type, answer.sha256 = (
                    "",
                    "",
                    None,
                    "",
                    "",
                )
            elif value and form.detected[question.pk][1] != answer.sha256:
                content_type, sha256, safe_name = form.detected[question.pk]
                answer.file.save(safe_name, value, save=False)
                new_files.append((answer.file.storage, answer.file.name))
                answer.original_name, answer.size = safe_name, value.size
                answer.content_type, answer.sha256 = content_type, sha256
            else:
                continue
            if old:
                transaction.on_commit(lambda storage=answer.file.storage, old=old: storage.delete(old))
        else:
            text = "" if value is None else value
            if question.kind == QuestionKind.NUMBER:
                if answer.number == value:
                    continue
                answer.number = value
            elif question.kind == QuestionKind.CHOICE:
                if answer.choice == text:
                    continue
                answer.choice = text
            else:
                text = text.replace("\r\n", "\n").strip()
                if answer.text == text:
                    continue
                answer.text = text
            if answer.pk is None and answer.is_empty:
                continue
        answer.updated_at, answer.updated_by = now, user
        answer.save()


def missing_required(application):
    """The active required questions without an answer."""
    answers = answers_of(application)
    return [
        question
        for question in active_questions(application)
        if question.required and not is_answered(question, answers.get(question.pk))
    ]


def snapshot_rows(application):
    """The answers as frozen in the snapshot and read by the summary, the PDF and the export."""
    answers = answers_of(application)
    rows = []
    for question in active_questions(application):
        answer = answers.get(question.pk)
        row = {
            "question_id": question.pk,
            "label": question.label,
            "kind": question.kind,
            "required": question.required,
            "answer": shown(question, answer),
        }
        if question.kind == QuestionKind.FILE and answer is not None and answer.file:
            row["file"] = {
                "answer_id": answer.pk,
                "name": answer.original_name,
                "size": answer.size,
                "content_type": answer.content_type,
                "sha256": answer.sha256,
            }
        rows.append(row)
    return rows
