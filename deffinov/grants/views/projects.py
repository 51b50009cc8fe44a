"""The funded projects' list and a project's page, with the actions its viewer may take."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from deffinov.applications.models import Participation
from deffinov.calls.models import Wave
from deffinov.grants import workflow
from deffinov.grants.access import get_project_for_user
from deffinov.grants.forms import CountersignForm, SignedConventionForm, TransitionForm
from deffinov.grants.models import FundedProject, ProjectState
from deffinov.grants.signals import SESSION_KEY
from deffinov.grants.timeline import project_timeline
from deffinov.territories.models import Department

PAGE_SIZE = 50
ACTIONS = ("start", "begin_closing", "close", "terminate")


def accepted_participations():
    return Prefetch(
        "application__participations",
        queryset=Participation.objects.filter(status="accepted").select_related("organisation__commune"),
    )


@login_required
@require_GET
def index(request):
    """Region followers see every project, with filters; anybody else the projects of their own structures."""
    follower = request.user.has_perm("grants.view_projects")
    projects = FundedProject.objects.select_related("application__wave__call").prefetch_related(
        accepted_participations()
    )
    filters = {"wave": "", "state": "", "department": ""}
    if follower:
        filters = {key: request.GET.get(key, "").strip() for key in filters}
        if filters["wave"].isdigit():
            projects = projects.filter(application__wave_id=int(filters["wave"]))
        if filters["state"] in ProjectState.values:
            projects = projects.filter(state=filters["state"])
        if filters["department"]:
            projects = projects.filter(
                application__participations__is_lead=True,
                application__participations__organisation__commune__department_id=filters["department"],
            )
    else:
        projects = projects.filter(pk__in=FundedProject.objects.visible_to(request.user).values("pk"))
    page = Paginator(projects.order_by("application__number"), PAGE_SIZE).get_page(request.GET.get("page"))
    query = "&".join(f"{key}={value}" for key, value in filters.items() if value)
    context = {
        "page": page,
        "follower": follower,
        "filters": filters,
        "query": query,
        "waves": Wave.objects.select_related("call").order_by("-opens_at") if follower else [],
        "states": ProjectState.choices,
        "departments": Department.objects.filter(region__code="28").order_by("code") if follower else [],
    }
    return render(request, "grants/index.html", context)


def project_page(request, project, status=200, **forms):
    """The project's page; `forms` are bound forms shown again with their errors (nothing typed is lost)."""
    user = request.user
    participations = list(
        Participation.objects.filter(application=project.application, status="accepted")
        .select_related("organisation__commune")
        .order_by("-is_lead", "role", "organisation__name")
    )
    actions = [t for t in workflow.available(project, user) if t.name != "countersign"]
    action_forms = [
        (
            t,
            forms.get(f"action_{t.name}") or TransitionForm(transition=t, auto_id=f"id_{t.name}_%s"),
            "terminate" if t.name.startswith("terminate") else t.name,
        )
        for t in actions
    ]
    versions = list(project.convention_documents.select_related("by"))
    amendments = list(project.amendments.select_related("by"))
    may_countersign = any(t.name == "countersign" for t in workflow.available(project, user))
    may_upload = project.state == ProjectState.CONVENTION_TO_SIGN and user.has_perm("grants.act_for_project", project)
    context = {
        "project": project,
        "participations": participations,
        "action_forms": action_forms,
        "versions": versions,
        "signed_copy": next((v for v in reversed(versions) if v.version == "signed"), None),
        "amendments": amendments,
        "timeline": project_timeline(project, versions, amendments),
        "may_upload": may_upload,
        "upload_form": forms.get("upload_form") or (SignedConventionForm() if may_upload else None),
        "may_countersign": may_countersign,
        "countersign_form": forms.get("countersign_form") or (CountersignForm() if may_countersign else None),
        "may_amend": project.is_live and user.has_perm("grants.amend", project),
        "error": forms.get("error"),
    }
    return render(request, "grants/detail.html", context, status=status)


@login_required
@require_GET
def detail(request, number):
    """The collectif's people and the Region's followers; 404 for anybody else."""
    project = get_project_for_user(request.user, number)
    request.session[SESSION_KEY] = True  # the menu now offers the projects
    return project_page(request, project)


@login_required
@require_POST
def act(request, number, name):
    """One transition of the project's workflow, confirmed (countersigning has its own form)."""
    if name not in ACTIONS:
        raise Http404("Action introuvable.")
    project = get_project_for_user(request.user, number)
    permission = "grants.terminate" if name == "terminate" else workflow.TRANSITIONS[name].permission
    if not request.user.has_perm(permission, project):
        raise PermissionDenied
    spec = workflow.TRANSITIONS.get(workflow.transition_name(project, name))
    if spec is None or spec.source != project.state:
        label = ProjectState(project.state).label
        return project_page(
            request, project, status=422, error=f"Cette action n'est pas possible : le projet est « {label} »."
        )
    form = TransitionForm(request.POST, transition=spec, auto_id=f"id_{spec.name}_%s")
    if not form.is_valid():
        return project_page(request, project, status=422, **{f"action_{spec.name}": form})
    try:
        moved = workflow.apply(project, name, request.user, motivation=form.cleaned_data["motivation"].strip())
    except workflow.ProjectError as error:
        if error.field in form.fields:
            form.add_error(error.field, error.message)
            return project_page(request, project, status=422, **{f"action_{spec.name}": form})
        return project_page(request, project, status=422, error=error.message)
    if not moved:
        messages.warning(request, "Le projet a changé d'état entre-temps : rien n'a été fait.")
    else:
        messages.success(request, f"C'est fait : le projet est « {ProjectState(spec.target).label} ».")
    return redirect(project.get_absolute_url())
