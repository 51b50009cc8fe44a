"""The dossier frozen at submission, as JSON: what the Region instructs, whatever is edited later."""

from deffinov.applications import questions
from deffinov.applications.documents import required_kinds
from deffinov.applications.facts import budget_totals


def money(value):
    return str(value) if value is not None else None


def build_snapshot(application, at):
    call = application.wave.call
    criteria = {criterion.pk: criterion for criterion in call.tiers_lieu_criteria.all()}
    members = []
    for participation in application.accepted_participations():
        organisation = participation.organisation
        members.append(
            {
                "organisation_id": organisation.pk,
                "name": organisation.name,
                "siret": organisation.siret,
                "siren": organisation.siren,
                "kinds": list(organisation.kinds),
                "commune": str(organisation.commune),
                "role": participation.role,
                "role_label": participation.role_label,
                "is_lead": participation.is_lead,
                "grant_share": money(participation.grant_share),
                "de_minimis_received": money(participation.de_minimis_received),
                "criteria": [
                    {
                        "code": criteria[d.criterion_id].code,
                        "label": criteria[d.criterion_id].label,
                        "justification": d.justification,
                    }
                    for d in participation.declarations.all()
                    if d.criterion_id in criteria
                ],
                "required_documents": [str(kind.label) for kind in required_kinds(participation)],
                "documents": [
                    {
                        "id": document.pk,
                        "kind": document.kind,
                        "kind_label": document.get_kind_display(),
                        "name": document.original_name,
                        "size": document.size,
                        "content_type": document.content_type,
                        "sha256": document.sha256,
                    }
                    for document in participation.documents.all()
                ],
            }
        )
    totals = budget_totals(application)
    return {
        "number": application.number,
        "submitted_at": at.isoformat(),
        "wave": {"slug": application.wave.slug, "title": application.wave.title, "call": call.short_title},
        "title": application.title,
        "summary": application.summary,
        "territory": {
            "communes": [
                {"code": c.code, "name": c.name, "department": c.department_id} for c in application.communes.all()
            ],
            "epci": str(application.epci) if application.epci else None,
        },
        "publics": list(application.publics),
        "publics_labels": application.get_publics_display(),
        "pedagogy": application.pedagogy,
        "innovation": application.innovation,
        "pooling": application.pooling,
        "spaces": application.spaces,
        "start_on": application.start_on.isoformat() if application.start_on else None,
        "end_on": application.end_on.isoformat() if application.end_on else None,
        "members": members,
        "extra_answers": questions.snapshot_rows(application),
        "budget": {
            "expenses": [
                {
                    "category": line.category,
                    "category_label": line.get_category_display(),
                    "member": next(
                        (m["name"] for m in members if m["organisation_id"] == _org_id(application, line)), ""
                    ),
                    "label": line.label,
                    "amount": money(line.amount),
                    "in_kind": line.in_kind,
                }
                for line in application.expenses.all()
            ],
            "resources": [
                {
                    "kind": line.kind,
                    "kind_label": line.get_kind_display(),
                    "label": line.label,
                    "amount": money(line.amount),
                }
                for line in application.resources.all()
            ],
            "total_expenses": money(totals["expenses"]),
            "total_resources": money(totals["resources"]),
            "requested_grant": money(totals["grant"]),
            "communication": money(totals["communication"]),
            "cofinancing_rate": money(totals["cofinancing_rate"]),
        },
    }


def _org_id(application, line):
    participation = next((p for p in application.participations.all() if p.pk == line.participation_id), None)
    return participation.organisation_id if participation else None
