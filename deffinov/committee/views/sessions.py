"""The committee's sessions: list and creation, the ranked agenda, members, proposed amounts."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from deffinov.applications.models import Application
from deffinov.audit.models import record
from deffinov.calls.models import Wave
from deffinov.committee import workflow
from deffinov.committee.access import get_session, permission_required, staff_required
from deffinov.committee.figures import with_figures
from deffinov.committee.forms import AgendaForm, MemberForm, ProposedAmountForm, SessionForm, ValidationForm
from deffinov.committee.models import AgendaItem, CommitteeSession, SessionState
from deffinov.committee.ranking import session_ranking
from deffinov.formatting import euros


@permission_required("committee.view_sessions")
def index(request):
    """Instructors (who also create sessions), committee members and functional administrators: the sessions,
    the exports of each wave."""
    can_manage = request.user.has_perm("committee.manage")
    if request.method == "POST" and not can_manage:
        raise Http404("Page introuvable.")
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        session = form.save(commit=False)
        session.created_by = request.user
        session.save()
        messages.success(request, f"La séance « {session.title} » est créée. Composez son ordre du jour.")
        return redirect(session)
    sessions = CommitteeSession.objects.select_related("wave").order_by("-date")
    waves = Wave.objects.select_related("call").order_by("-opens_at")
    context = {"form": form, "sessions": sessions, "waves": waves, "can_manage": can_manage}
    return render(request, "committee/index.html", context, status=422 if form.errors else 200)


def typed_amount(value):
    """The amount as one would type it: « 95000 », « 1500,50 »; "" for none."""
    if value is None:
        return ""
    return str(int(value)) if value == int(value) else f"{value:.2f}".replace(".", ",")


def session_page(request, session, status=200, **forms):
    can_manage = request.user.has_perm("committee.manage") and session.state != SessionState.VALIDATED
    ranking = session_ranking(session)
    amount_errors = forms.get("amount_errors") or {}
    for row in ranking.rows:
        typed, error = amount_errors.get(row.item.pk, (None, ""))
        row.amount_input = typed if typed is not None else typed_amount(row.item.proposed_amount)
        row.amount_error = error
    context = {
        "session": session,
        "ranking": ranking,
        "members": session.members.select_related("user"),
        "can_manage": can_manage,
        "can_see_dossiers": request.user.has_perm("committee.manage"),
        "can_compose": can_manage and session.state == SessionState.PLANNED,
        "can_record": session.state == SessionState.HELD
        and request.user.has_perm("committee.record_decision", session),
        "transitions": {t.name: t for t in workflow.available(session, request.user)},
        "session_error": forms.get("session_error"),
        "validation_form": forms.get("validation_form") or ValidationForm(),
        "history": session.transitions.select_related("by"),
        "agenda_form": forms.get("agenda_form") or AgendaForm(session=session),
        "member_form": forms.get("member_form") or MemberForm(),
    }
    return render(request, "committee/session.html", context, status=status)


@login_required
def session(request, pk):
    """Region staff, and the committee members of this session who have an account (read only)."""
    return session_page(request, get_session(request.user, pk))


@staff_required
@require_POST
def add_member(request, pk):
    session = get_session(request.user, pk, "committee.manage")
    if session.state == SessionState.VALIDATED:
        messages.error(request, "Les décisions de la séance sont validées : sa composition ne change plus.")
        return redirect(f"{session.get_absolute_url()}#membres")
    form = MemberForm(request.POST)
    if not form.is_valid():
        return session_page(request, session, status=422, member_form=form)
    member = form.save(commit=False)
    member.session = session
    member.user = form.cleaned_data["email"]
    member.save()
    messages.success(request, f"{member} est ajouté aux membres du comité.")
    return redirect(f"{session.get_absolute_url()}#membres")


@staff_required
@require_POST
def add_to_agenda(request, pk):
    session = get_session(request.user, pk, "committee.manage")
    if session.state != SessionState.PLANNED:
        messages.error(request, "La séance a eu lieu : son ordre du jour ne change plus.")
        return redirect(f"{session.get_absolute_url()}#classement")
    form = AgendaForm(request.POST, session=session)
    if not form.is_valid():
        return session_page(request, session, status=422, agenda_form=form)
    added = 0
    for application in form.cleaned_data["applications"]:
        try:
            with transaction.atomic():
                AgendaItem.objects.create(session=session, application=application)
                added += 1
        except IntegrityError:
            continue  # already added by someone else in the meantime
    messages.success(request, f"{added} dossier(s) inscrit(s) à l'ordre du jour.")
    return redirect(f"{session.get_absolute_url()}#classement")


@staff_required
@require_POST
def remove_from_agenda(request, pk, item_pk):
    session = get_session(request.user, pk, "committee.manage")
    item = get_object_or_404(session.agenda.select_related("application"), pk=item_pk)
    if session.state == SessionState.VALIDATED:
        messages.error(request, "Les décisions de la séance sont validées : son ordre du jour ne change plus.")
    elif item.application.decisions.filter(session=session).exists():
        messages.error(request, f"Le dossier {item.application.number} est décidé : il reste à l'ordre du jour.")
    else:
        item.delete()
        messages.success(request, f"Le dossier {item.application.number} est retiré de l'ordre du jour.")
    return redirect(f"{session.get_absolute_url()}#classement")


@staff_required
@require_POST
def set_proposed_amount(request, pk, item_pk):
    """Instructors, while the dossier is undecided and the session's decisions are not validated."""
    session = get_session(request.user, pk, "committee.manage")
    item = get_object_or_404(session.agenda.select_related("application"), pk=item_pk)
    if session.state == SessionState.VALIDATED or item.application.decisions.filter(session=session).exists():
        messages.error(request, f"Le dossier {item.application.number} est décidé : le montant proposé est figé.")
        return redirect(f"{session.get_absolute_url()}#classement")
    application = with_figures(Application.objects.select_related("wave__call")).get(pk=item.application_id)
    form = ProposedAmountForm(request.POST, prefix=f"item{item.pk}", application=application)
    if not form.is_valid():
        errors = {item.pk: (form["proposed_amount"].value(), form.errors["proposed_amount"][0])}
        return session_page(request, session, status=422, amount_errors=errors)
    previous = item.proposed_amount
    item.proposed_amount = form.cleaned_data["proposed_amount"]
    item.save(update_fields=["proposed_amount"])
    record(
        "committee.proposed_amount",
        actor=request.user,
        target=item.application,
        summary=f"{item.application.number} : montant proposé "
        f"{euros(item.proposed_amount) if item.proposed_amount else 'égal à la demande'}",
        data={"session": session.pk, "previous": previous, "proposed": item.proposed_amount},
    )
    messages.success(request, f"Montant proposé pour {item.application.number} enregistré.")
    if form.warning:
        messages.warning(request, form.warning)
    return redirect(f"{session.get_absolute_url()}#classement")
