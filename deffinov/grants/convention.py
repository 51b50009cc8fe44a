"""A funded project's convention: the call's template with its merge tags filled, made into a PDF, then signed by
the lead and countersigned by the Region; every version is kept.

The template is typed by a functional administrator: it is rendered by the Django template engine only after a
check that it holds nothing but the merge tags of `TAGS` (no filter, no block tag), with every value escaped.
"""

import hashlib
import html
import re
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.template import Context, Engine
from django.template.base import tag_re
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from deffinov.applications.documents import check_upload
from deffinov.audit.models import record
from deffinov.committee.letters import signature_data_uri
from deffinov.formatting import day, euros, months
from deffinov.grants.models import ConventionDocument, ConventionTemplate, ConventionVersion, FundedProject
from deffinov.grants.workflow import ProjectError

# Every merge tag a convention may hold, with what it becomes.
TAGS = {
    "dossier.numero": "le numéro du dossier",
    "dossier.titre": "le titre du projet",
    "dossier.resume": "le résumé du projet",
    "appel.titre": "le titre de l'appel à projets",
    "vague.titre": "la vague",
    "montant_accorde": "le montant accordé, en euros",
    "chef_de_file.nom": "le nom de la structure chef de file",
    "chef_de_file.siret": "le SIRET du chef de file",
    "chef_de_file.commune": "la commune du chef de file",
    "membres": "le tableau des membres du collectif et de leur part de la subvention",
    "budget": "le budget prévisionnel (annexe financière), ligne à ligne",
    "cout_total": "le coût total du projet",
    "duree_mois": "la durée du projet, en mois",
    "date_debut": "la date de début du projet",
    "date_fin": "la date de fin du projet",
    "echeancier": "le tableau des versements (tranches, parts, montants, conditions)",
    "date_deliberation": "la date de la délibération de la Commission permanente",
    "reference_deliberation": "le numéro de la délibération",
    "date_bilan_intermediaire": "la date limite du bilan intermédiaire (mi-parcours)",
    "date_bilan_final": "la date limite du bilan final (deux mois après la fin)",
    "plafond_de_minimis": "le plafond des aides de minimis sur trois ans",
    "signataire.nom": "le signataire pour la Région",
    "signataire.qualite": "la qualité du signataire",
    "annotations": "les annotations privées des instructeurs sur le dossier (elles deviennent visibles du collectif)",
}
# Tags that become a table: alone on their paragraph, they are not wrapped in one.
BLOCK_TAGS = {"membres", "budget", "echeancier", "annotations"}

# The text every call starts from, adapted by a functional administrator in the admin.
DEFAULT_BODY = (Path(__file__).parent / "default_convention.txt").read_text(encoding="utf-8")


class TemplateError(ValidationError):
    """A template holding something else than the merge tags it may hold; the message says what, in French."""


def check_body(body):
    """Raise TemplateError (French) unless `body` holds only known merge tags, each written `{{ tag }}`."""
    problems = []
    for match in tag_re.finditer(body or ""):
        token = match.group(0)
        if not token.startswith("{{"):
            problems.append(f"« {token} » : seules les balises entre doubles accolades sont permises.")
            continue
        name = token[2:-2].strip()
        if "|" in name:
            problems.append(f"« {token} » : les filtres ne sont pas permis ; écrivez la balise seule.")
        elif name not in TAGS:
            problems.append(f"« {token} » : cette balise n'existe pas. Voyez la liste des balises disponibles.")
    if problems:
        raise TemplateError(problems)


SANDBOX = Engine(autoescape=True, debug=False, libraries={}, string_if_invalid="")


def _html_body(body):
    """The body as a template string: literal text escaped, paragraphs and titles marked up, merge tags kept."""
    blocks = [block.strip() for block in re.split(r"\n\s*\n", body.replace("\r\n", "\n")) if block.strip()]
    parts = []
    for block in blocks:
        lines = block.split("\n")
        for index, line in enumerate(lines):
            if line.startswith("#"):
                parts.append(f"<h2>{_escape_text(line.lstrip('#').strip())}</h2>")
                continue
            stripped = line.strip()
            if stripped.startswith("{{") and stripped[2:-2].strip() in BLOCK_TAGS and stripped.endswith("}}"):
                parts.append(f"{{{{ {stripped[2:-2].strip()} }}}}")
                continue
            text = _escape_text(stripped)
            rest = [_escape_text(more.strip()) for more in lines[index + 1 :]]
            parts.append("<p>" + "<br>".join([text, *rest]) + "</p>")
            break
    return "\n".join(parts)


def _escape_text(text):
    """Escape what is not a merge tag (the body was checked: every tag is a known `{{ tag }}`)."""
    pieces, last = [], 0
    for match in tag_re.finditer(text):
        pieces.append(html.escape(text[last : match.start()]))
        pieces.append("{{ " + match.group(0)[2:-2].strip() + " }}")
        last = match.end()
    pieces.append(html.escape(text[last:]))
    return "".join(pieces)


def render_body(body, values):
    """The checked body rendered with `values` (see `tag_values`), as safe HTML."""
    check_body(body)
    template = SANDBOX.from_string(_html_body(body))
    return mark_safe(template.render(Context(values, autoescape=True)))  # noqa: S308 (values escaped by the engine)


def members_rows(project):
    return [
        {
            "name": p.organisation.name,
            "siret": p.organisation.siret,
            "role": p.role_label,
            "share": p.grant_share,
            "organisation": p.organisation_id,
        }
        for p in project.application.accepted_participations()
    ]


def tag_values(project):
    """What each merge tag becomes for `project`: plain strings (escaped when rendered) and our own tables."""
    application = project.application
    call = project.call
    session = project.decision.session
    lead = application.lead
    snapshot = application.snapshot or {}
    budget = snapshot.get("budget", {})
    tranches = list(project.tranches.all())
    annotations = list(application.annotations.order_by("created_at", "pk"))
    table = {
        "members": members_rows(project),
        "expenses": budget.get("expenses", []),
        "total_expenses": budget.get("total_expenses"),
        "tranches": tranches,
        "annotations": annotations,
    }

    def part(name):
        return mark_safe(render_to_string(f"grants/pdf/tag_{name}.html", table))  # noqa: S308 (autoescaped)

    return {
        "dossier": {"numero": application.number, "titre": application.title, "resume": application.summary},
        "appel": {"titre": call.title},
        "vague": {"titre": application.wave.title},
        "montant_accorde": euros(project.amount_granted),
        "chef_de_file": {
            "nom": lead.organisation.name if lead else "",
            "siret": lead.organisation.siret if lead else "",
            "commune": str(lead.organisation.commune) if lead else "",
        },
        "membres": part("members"),
        "budget": part("budget"),
        "cout_total": euros(budget.get("total_expenses") or 0),
        "duree_mois": months(project.duration_months),
        "date_debut": day(project.starts_on),
        "date_fin": day(project.ends_on),
        "echeancier": part("schedule"),
        "date_deliberation": day(session.deliberation_date),
        "reference_deliberation": session.deliberation_reference,
        "date_bilan_intermediaire": day(project.interim_report_due),
        "date_bilan_final": day(project.final_report_due),
        "plafond_de_minimis": euros(call.de_minimis_ceiling),
        "signataire": {"nom": call.signatory_name, "qualite": call.signatory_title},
        "annotations": part("annotations"),
    }


def sample_values(call):
    """Example values, for the preview of a call that has no funded project yet."""
    members = [
        {"name": "Tiers-lieu exemple", "siret": "12345678900012", "role": "Chef de file", "share": Decimal("0.6")},
        {
            "name": "Organisme de formation exemple",
            "siret": "98765432100018",
            "role": "Membre",
            "share": Decimal("0.4"),
        },
    ]
    expenses = [
        {"category_label": "Personnel", "member": "Tiers-lieu exemple", "label": "Animation", "amount": "60000"}
    ]
    table = {"members": members, "expenses": expenses, "total_expenses": "150000", "tranches": [], "annotations": []}

    def part(name):
        return mark_safe(render_to_string(f"grants/pdf/tag_{name}.html", table))  # noqa: S308 (autoescaped)

    return {
        "dossier": {"numero": "2026-0001", "titre": "Projet exemple", "resume": "Résumé du projet."},
        "appel": {"titre": call.title},
        "vague": {"titre": "Vague 1"},
        "montant_accorde": euros(Decimal(90_000)),
        "chef_de_file": {"nom": "Tiers-lieu exemple", "siret": "12345678900012", "commune": "Vire Normandie"},
        "membres": part("members"),
        "budget": part("budget"),
        "cout_total": euros(Decimal(150_000)),
        "duree_mois": months(24),
        "date_debut": "1er janvier 2027",
        "date_fin": "31 décembre 2028",
        "echeancier": part("schedule"),
        "date_deliberation": "15 décembre 2026",
        "reference_deliberation": "CP-2026-12-001",
        "date_bilan_intermediaire": "1er janvier 2028",
        "date_bilan_final": "28 février 2029",
        "plafond_de_minimis": euros(call.de_minimis_ceiling),
        "signataire": {"nom": call.signatory_name, "qualite": call.signatory_title},
        "annotations": part("annotations"),
    }


def preview(template):
    """The body filled with the call's latest funded project, or with example values."""
    project = (
        FundedProject.objects.filter(application__wave__call=template.call)
        .select_related("application__wave__call", "decision__session")
        .order_by("-created_at")
        .first()
    )
    values = tag_values(project) if project else sample_values(template.call)
    return render_body(template.body, values)


def template_for(call):
    """The call's convention template; the default text when it has none yet (created then)."""
    template, _created = ConventionTemplate.objects.get_or_create(call=call, defaults={"body": DEFAULT_BODY})
    return template


def convention_html(project, countersigned=None, signed=None):
    values = tag_values(project)
    call = project.call
    return render_to_string(
        "grants/pdf/convention.html",
        {
            "project": project,
            "call": call,
            "lead": project.application.lead,
            "body": render_body(template_for(call).body, values),
            "values": values,
            "signature": signature_data_uri(call) if countersigned else "",
            "countersigned": countersigned,
            "signed": signed,
            "amendments": list(project.amendments.all()),
        },
    )


def render_pdf(html_text):
    from weasyprint import HTML

    return HTML(string=html_text).write_pdf()


def store(project, version, content, by=None, at=None, original_name=""):
    document = ConventionDocument(
        project=project,
        version=version,
        sha256=hashlib.sha256(content).hexdigest(),
        original_name=original_name,
        by=by,
        at=at or timezone.now(),
    )
    document.file.save("convention.pdf", ContentFile(content), save=False)
    document.save()
    return document


def latest(project, version):
    return project.convention_documents.filter(version=version).order_by("-at", "-pk").first()


def generated(project, by=None):
    """The convention to sign: the stored one, made again while unsigned when the template or an amendment changed
    it since."""
    document = latest(project, ConventionVersion.GENERATED)
    if document is not None and project.state != "convention_to_sign":
        return document
    template = template_for(project.call)
    last_amendment = project.amendments.order_by("-created_at").values_list("created_at", flat=True).first()
    if document is None or template.updated_at > document.at or (last_amendment and last_amendment > document.at):
        document = store(project, ConventionVersion.GENERATED, render_pdf(convention_html(project)), by=by)
    return document


def upload_signed(project, upload, by, at=None):
    """The lead's signed copy: a PDF checked like any upload, kept as a new version. Raises ProjectError."""
    if not by.has_perm("grants.act_for_project", project):
        raise ProjectError("Seuls les administrateurs du chef de file déposent la convention signée.")
    if project.state != "convention_to_sign":
        raise ProjectError("La convention est déjà contre-signée : elle ne peut plus être remplacée.", "file")
    try:
        content_type, _digest, name = check_upload(upload)
    except ValidationError as error:
        raise ProjectError(error.messages[0], "file") from error
    if content_type != "application/pdf":
        raise ProjectError("Déposez la convention signée au format PDF.", "file")
    content = b"".join(upload.chunks())
    with transaction.atomic():
        generated(project)  # what the lead was given to sign is kept beside what they signed
        document = store(project, ConventionVersion.SIGNED, content, by=by, at=at, original_name=name)
        record(
            "grants.convention.signed_copy",
            actor=by,
            target=project,
            summary=f"{project.number} : convention signée déposée par le chef de file (« {name} »)",
            data={"number": project.number, "document": document.pk, "sha256": document.sha256},
        )
    return document


def require_signed_copy(project, by, at, **given):
    """Guard of « countersign »: the Region countersigns only what the lead signed."""
    if latest(project, ConventionVersion.SIGNED) is None:
        raise ProjectError(
            "Le chef de file n'a pas encore déposé la convention signée : elle ne peut pas être contre-signée."
        )


def keep_countersigned(project, by, at, **given):
    """After « countersign »: the countersigned convention, dated and signed for the Region, is kept."""
    signed = latest(project, ConventionVersion.SIGNED)
    content = render_pdf(
        convention_html(project, countersigned={"on": project.convention_date, "by": by}, signed=signed)
    )
    store(project, ConventionVersion.COUNTERSIGNED, content, by=by, at=at)
