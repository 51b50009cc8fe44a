"""Amendments (« avenants ») to a convention: a functional administrator changes the end date, the amount or the
members' shares, within the call's rules; the history is kept, the unpaid tranches are redrawn, a PDF is made."""

import datetime as dt
import hashlib
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Sum
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from deffinov.applications.models import Participation, ResourceLine
from deffinov.audit.models import record
from deffinov.eligibility.engine import add_months
from deffinov.formatting import day, euros, months, share
from deffinov.grants.convention import render_pdf
from deffinov.grants.models import LIVE_STATES, Amendment, FundedProject
from deffinov.grants.workflow import ProjectError, today
from deffinov.payments.models import Tranche, TrancheState
from deffinov.payments.schedule import redraw
from deffinov.payments.workflow import PaymentError

ONE = Decimal(1)


def requested_amount(project):
    total = ResourceLine.objects.filter(
        application=project.application, kind=ResourceLine.Kind.REQUESTED_GRANT
    ).aggregate(total=Sum("amount"))["total"]
    return total or Decimal(0)


def paid_amount(project):
    paid = Tranche.objects.filter(project=project, state=TrancheState.PAID)
    return paid.aggregate(total=Sum("amount_paid"))["total"] or Decimal(0)


def latest_end(project):
    """The last day the project may end: the wave's end of projects and the call's maximum duration."""
    call = project.call
    by_duration = add_months(project.starts_on, call.duration_max_months) - dt.timedelta(days=1)
    return min(project.application.wave.ends_projects_on, by_duration)


def shares_rows(participations, shares=None):
    return [
        {
            "organisation": p.organisation_id,
            "participation": p.pk,
            "name": p.organisation.name,
            "share": str((shares or {}).get(p.pk, p.grant_share)),
        }
        for p in participations
    ]


def check(project, amount, ends_on, shares, motivation, signed_on, at):
    """The errors of an amendment, as {field: French message}; empty when it keeps to the call's rules."""
    errors = {}
    call = project.call
    if not (motivation or "").strip():
        errors["motivation"] = "Indiquez le motif de l'avenant."
    if not isinstance(signed_on, dt.date):
        errors["signed_on"] = "Indiquez la date de l'avenant."
    elif signed_on > today(at):
        errors["signed_on"] = "La date de l'avenant ne peut pas être dans le futur."
    elif project.convention_date and signed_on < project.convention_date:
        errors["signed_on"] = (
            f"L'avenant ne peut pas précéder la convention, contre-signée le {day(project.convention_date)}."
        )
    if amount is not None:
        requested, paid = requested_amount(project), paid_amount(project)
        if amount <= 0:
            errors["amount"] = "Le montant accordé doit être positif."
        elif amount > call.grant_max:
            errors["amount"] = f"Le montant dépasse la subvention maximale de l'appel ({euros(call.grant_max)})."
        elif requested and amount > requested:
            errors["amount"] = f"Le montant dépasse la subvention demandée par le collectif ({euros(requested)})."
        elif amount < paid:
            errors["amount"] = f"Le montant ne peut pas être inférieur à ce qui est déjà versé ({euros(paid)})."
    if ends_on is not None:
        limit = latest_end(project)
        if ends_on < project.starts_on:
            errors["ends_on"] = f"La fin ne peut pas précéder le début du projet ({day(project.starts_on)})."
        elif ends_on > limit:
            errors["ends_on"] = (
                f"La fin dépasse le {day(limit)} : la date de fin des projets de la vague "
                f"({day(project.application.wave.ends_projects_on)}) ou la durée maximale de l'appel "
                f"({months(call.duration_max_months)})."
            )
    if shares is not None:
        total = sum(shares.values(), Decimal(0))
        if any(value < 0 or value > ONE for value in shares.values()):
            errors["shares"] = "Chaque part est comprise entre 0 et 100 %."
        elif total != ONE:
            errors["shares"] = f"Les parts des membres doivent faire 100 % au total ; elles font {share(total)}."
    return errors


def record_amendment(project, by, *, motivation, signed_on, amount=None, ends_on=None, shares=None, at=None):
    """Record an amendment; returns it. `amount` and `ends_on` are None when unchanged; `shares` maps participation
    ids to fractions of the grant (None: unchanged). Raises ProjectError (message, field) when it breaks a rule."""
    at = at or timezone.now()
    if not by.has_perm("grants.amend", project):
        raise ProjectError("Seul un administrateur fonctionnel enregistre un avenant.")
    if project.state not in LIVE_STATES:
        raise ProjectError("Ce projet est clos : il ne peut plus faire l'objet d'un avenant.")
    participations = list(
        Participation.objects.filter(application=project.application, status="accepted", role="member")
        .select_related("organisation")
        .order_by("-is_lead", "organisation__name")
    )
    if amount == project.amount_granted:
        amount = None
    if ends_on == project.ends_on:
        ends_on = None
    if shares is not None:
        unknown = set(shares) - {p.pk for p in participations}
        if unknown:
            raise ProjectError("Une des structures n'est pas membre du collectif.", "shares")
        if all(shares.get(p.pk, p.grant_share) == p.grant_share for p in participations):
            shares = None
        else:
            shares = {p.pk: shares.get(p.pk, p.grant_share) for p in participations}
    errors = check(project, amount, ends_on, shares, motivation, signed_on, at)
    if errors:
        field, message = next(iter(errors.items()))
        raise ProjectError(message, field)
    if amount is None and ends_on is None and shares is None:
        raise ProjectError("Cet avenant ne change rien : modifiez le montant, la date de fin ou les parts.")
    with transaction.atomic():
        locked = FundedProject.objects.select_for_update().get(pk=project.pk)
        number = (locked.amendments.order_by("-number").values_list("number", flat=True).first() or 0) + 1
        amendment = Amendment.objects.create(
            project=locked,
            number=number,
            signed_on=signed_on,
            motivation=motivation.strip(),
            old_amount=locked.amount_granted,
            new_amount=amount if amount is not None else locked.amount_granted,
            old_ends_on=locked.ends_on,
            new_ends_on=ends_on or locked.ends_on,
            old_shares=shares_rows(participations),
            new_shares=shares_rows(participations, shares),
            by=by,
            created_at=at,
        )
        FundedProject.objects.filter(pk=locked.pk).update(
            amount_granted=amendment.new_amount, ends_on=amendment.new_ends_on, updated_at=at
        )
        for participation in participations:
            if shares is not None and shares[participation.pk] != participation.grant_share:
                Participation.objects.filter(pk=participation.pk).update(grant_share=shares[participation.pk])
        project.refresh_from_db()
        if amount is not None:
            try:
                redraw(project, by=by)
            except PaymentError as error:
                raise ProjectError(error.message, "amount") from error
        content = render_pdf(amendment_html(project, amendment))
        amendment.sha256 = hashlib.sha256(content).hexdigest()
        amendment.file.save(amendment.filename, ContentFile(content), save=False)
        amendment.save(update_fields=["file", "sha256"])
        record(
            "grants.project.amend",
            actor=by,
            target=project,
            summary=f"{project.number} : avenant n° {number} ({' ; '.join(amendment.changes)})",
            data={
                "number": project.number,
                "amendment": amendment.number,
                "amount": [amendment.old_amount, amendment.new_amount],
                "ends_on": [amendment.old_ends_on, amendment.new_ends_on],
                "shares": amendment.new_shares,
                "motivation": amendment.motivation,
            },
        )
    return amendment


def amendment_html(project, amendment):
    schedule = render_to_string("grants/pdf/tag_schedule.html", {"tranches": list(project.tranches.all())})
    return render_to_string(
        "grants/pdf/amendment.html",
        {
            "project": project,
            "call": project.call,
            "lead": project.application.lead,
            "amendment": amendment,
            "schedule": mark_safe(schedule),  # noqa: S308 (autoescaped)
        },
    )
