"""A payment request: the lead's statement of expenses per budget line, its supporting documents, the amount.

The amount is the tranche's, or less; for the balance, the grant pro rata of the justified expenses minus what was
already paid (`deffinov.payments.balance`). Anything above what is unlocked is refused in French."""

from decimal import Decimal

from deffinov.applications.bounds import AMOUNT_LIMIT, CENT
from deffinov.applications.documents import check_upload
from deffinov.audit.models import record
from deffinov.formatting import euros
from deffinov.payments.balance import already_paid, pro_rata
from deffinov.payments.models import PaymentRequest, StatementLine, SupportingDocument
from deffinov.payments.workflow import LIVE_PROJECT_STATES, PaymentError, apply

ROUNDED = "arrondi au centime inférieur"


def budget_lines(project):
    """The dossier's expense lines, in the dossier's order, with their member."""
    return list(project.application.expenses.select_related("participation__organisation").order_by("pk"))


def sane_amount(value, field, what):
    if not isinstance(value, Decimal) or not value.is_finite():
        raise PaymentError(f"{what} : écrivez un montant en chiffres.", field)
    if value < 0:
        raise PaymentError(f"{what} : un montant ne peut pas être négatif.", field)
    if value >= AMOUNT_LIMIT:
        raise PaymentError(f"{what} : ce montant dépasse la limite de {euros(AMOUNT_LIMIT - CENT)}.", field)
    if value != value.quantize(CENT):
        raise PaymentError(f"{what} : indiquez au plus deux décimales.", field)
    return value


def balance_explanation(balance):
    """« 90 000 € × 120 000 € justifiés / 150 000 € prévus = 72 000 €, moins 72 000 € déjà versés »."""
    text = (
        f"{euros(balance.grant)} × {euros(balance.justified)} justifiés / {euros(balance.planned)} prévus "
        f"= {euros(balance.due)}"
    )
    if balance.rounded_down:
        text += f" ({ROUNDED})"
    if balance.due == balance.grant and balance.justified > balance.planned:
        text += ", dans la limite de la subvention"
    return f"{text}, moins {euros(balance.paid)} déjà versés"


def check_request(tranche, at, amount=None, spent=None, comment="", documents=(), **given):
    """The request's figures, checked; raises PaymentError naming the field at fault."""
    project = tranche.project
    if project.state not in LIVE_PROJECT_STATES:
        raise PaymentError(f"Ce projet est « {project.get_state_display()} » : aucun versement ne peut être demandé.")
    spent = spent or {}
    lines = []
    for expense in budget_lines(project):
        value = spent.get(expense.pk)
        if value is None:
            raise PaymentError(f"« {expense.label} » : indiquez le montant dépensé (0 si rien).", f"spent_{expense.pk}")
        lines.append((expense, sane_amount(value, f"spent_{expense.pk}", f"« {expense.label} »")))
    planned = sum((expense.amount for expense, _ in lines), Decimal(0))
    justified = sum((value for _, value in lines), Decimal(0))
    balance = None
    if tranche.is_balance:
        balance = pro_rata(project.amount_granted, planned, justified, already_paid(project))
        unlocked = balance.amount
    else:
        unlocked = tranche.amount
    if amount is None:
        amount = unlocked
    sane_amount(amount, "amount", "Montant demandé")
    if amount > unlocked:
        message = (
            f"Le montant demandé ({euros(amount)}) dépasse ce qui est débloqué pour cette tranche : {euros(unlocked)}"
        )
        if balance is not None:
            message += f" (solde : {balance_explanation(balance)})"
        raise PaymentError(f"{message}.", "amount")
    if amount == 0 and balance is None:
        raise PaymentError("Indiquez un montant supérieur à 0 €.", "amount")
    return {
        "amount": amount,
        "planned": planned,
        "justified": justified,
        "overpaid": balance.overpaid if balance is not None else Decimal(0),
        "rounded_down": bool(balance and balance.rounded_down and amount == unlocked),
        "lines": lines,
        "comment": (comment or "").strip(),
        "documents": list(documents),
    }


def save_request(tranche, by, at, amount, planned, justified, overpaid, rounded_down, lines, comment, documents):
    request = PaymentRequest.objects.create(
        tranche=tranche,
        amount=amount,
        planned=planned,
        justified=justified,
        overpaid=overpaid,
        rounded_down=rounded_down,
        comment=comment,
        submitted_by=by,
        submitted_at=at,
    )
    StatementLine.objects.bulk_create(
        StatementLine(
            request=request,
            expense=expense,
            label=expense.label,
            member=expense.participation.organisation.name,
            planned=expense.amount,
            spent=value,
        )
        for expense, value in lines
    )
    SupportingDocument.objects.filter(
        pk__in=[document.pk for document in documents], project=tranche.project, request__isnull=True
    ).update(request=request)
    return request


def submit(tranche, by, amount=None, spent=None, comment="", documents=(), at=None):
    """The lead asks for `tranche`; True when the request was recorded, False when a double click had already."""
    return apply(tranche, "request", by, at, amount=amount, spent=spent, comment=comment, documents=documents)


def stage_document(project, by, upload):
    """Check and keep an uploaded supporting document, not yet attached: a form error does not lose it.
    Raises ValidationError in French."""
    content_type, sha256, name = check_upload(upload)
    document = SupportingDocument.objects.create(
        project=project,
        uploaded_by=by,
        file=upload,
        original_name=name[:150],
        content_type=content_type,
        size=upload.size,
        sha256=sha256,
    )
    record(
        "payments.document.upload",
        actor=by,
        target=document,
        summary=f"{project.number} : justificatif « {document.original_name} » déposé",
        data={"number": project.number, "document": document.pk, "sha256": sha256},
    )
    return document


def staged_documents(project, by, ids):
    """The documents `by` uploaded for `project` and not yet attached, among `ids`."""
    clean = [int(pk) for pk in ids if str(pk).isdigit()]
    return list(SupportingDocument.objects.filter(pk__in=clean, project=project, uploaded_by=by, request__isnull=True))
