"""The demo's funded projects, brought to their states through the real workflow.

`load_demo(projects, functional_admin)` takes the projects opened by the demo's committee, keyed by what the demo
shows (« convention_to_sign », « tranche_1_paid », « interim_report », « tranche_2_paid », « balance », « closed »,
« terminated »…): every project but the one left « convention_to_sign » gets the lead's signed copy and the Region's
countersignature; the one of « tranche_1_paid » also gets an amendment postponing its end. Run it before the payments
and reports demos; `terminate(project, functional_admin)` ends a project early, once its advance is paid.
Safe to run again: what is done is left as it is."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from deffinov.grants import amendments, convention, workflow
from deffinov.grants.models import ProjectState
from deffinov.organisations.models import Membership

LEFT_TO_SIGN = "convention_to_sign"
AMENDED = "tranche_1_paid"


def lead_admin(project):
    lead = project.application.lead
    membership = (
        Membership.objects.filter(organisation=lead.organisation, role=Membership.Role.ADMIN)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return membership.user if membership else None


def sign(project, functional_admin, on=None):
    """The lead signs the convention it downloaded and uploads it; the Region countersigns it."""
    if project.state != ProjectState.CONVENTION_TO_SIGN:
        return project
    signer = lead_admin(project)
    if convention.latest(project, "signed") is None and signer is not None:
        with convention.generated(project).file.open("rb") as generated:
            pdf = generated.read()
        upload = SimpleUploadedFile(f"convention-{project.number}-signee.pdf", pdf, content_type="application/pdf")
        convention.upload_signed(project, upload, signer)
    workflow.apply(project, "countersign", functional_admin, convention_date=on or timezone.localdate())
    project.refresh_from_db()
    return project


def amend(project, functional_admin):
    """Postpone the end by three months (within the call's rules), once."""
    if project.amendments.exists() or not project.is_live:
        return None
    ends_on = min(project.ends_on + dt.timedelta(days=91), amendments.latest_end(project))
    if ends_on == project.ends_on:
        return None
    return amendments.record_amendment(
        project,
        functional_admin,
        motivation="Livraison des équipements retardée : la fin du projet est reportée.",
        signed_on=timezone.localdate(),
        ends_on=ends_on,
    )


def terminate(project, functional_admin):
    project.refresh_from_db()
    if project.is_live:
        workflow.apply(
            project, "terminate", functional_admin, motivation="Le chef de file a cessé son activité de formation."
        )
        project.refresh_from_db()
    return project


def load_demo(projects, functional_admin, stdout=None):
    """Sign every project but the one left to sign; returns the projects, refreshed."""
    for key, project in projects.items():
        convention.template_for(project.call)
        if key != LEFT_TO_SIGN:
            sign(project, functional_admin)
        if key == AMENDED:
            amend(project, functional_admin)
        project.refresh_from_db()
        if stdout is not None:
            stdout.write(f"Projet financé {project.number} ({key}) : {project.get_state_display().lower()}.")
    return projects
