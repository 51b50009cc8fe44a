"""What changed between two frozen dossiers, as lines an instructor reads: « Titre : avant → après »."""

from decimal import Decimal, InvalidOperation

from deffinov.formatting import euros as format_euros
from deffinov.formatting import percent

TEXT_FIELDS = (
    ("title", "Titre du projet"),
    ("summary", "Résumé"),
    ("pedagogy", "Approche pédagogique"),
    ("innovation", "Caractère innovant"),
    ("pooling", "Mutualisation"),
    ("spaces", "Espaces et équipements"),
    ("start_on", "Début du projet"),
    ("end_on", "Fin du projet"),
)
BUDGET_TOTALS = (
    ("total_expenses", "Total des dépenses", format_euros),
    ("total_resources", "Total des ressources", format_euros),
    ("requested_grant", "Subvention demandée", format_euros),
    ("communication", "Dépenses de communication", format_euros),
    ("cofinancing_rate", "Taux de cofinancement", percent),
)


def _amount(value, formatter):
    if value in (None, ""):
        return "–"
    try:
        return formatter(Decimal(str(value)))
    except InvalidOperation:
        return str(value)


def _change(section, label, before, after, kind="changed"):
    return {"section": section, "label": label, "before": before, "after": after, "kind": kind}


def _line_sets(section, label, before_items, after_items):
    """Lines added and removed, in the order they appear."""
    changes = []
    after_set, before_set = set(after_items), set(before_items)
    changes += [_change(section, label, item, "", "removed") for item in before_items if item not in after_set]
    changes += [_change(section, label, "", item, "added") for item in after_items if item not in before_set]
    return changes


def _communes(snapshot):
    return [commune["name"] for commune in (snapshot.get("territory") or {}).get("communes", [])]


def _budget_lines(snapshot, key, label_key):
    lines = (snapshot.get("budget") or {}).get(key, [])
    return [
        f"{line.get(label_key, '')} – {line.get('label', '')} – {_amount(line.get('amount'), format_euros)}"
        for line in lines
    ]


def _members(snapshot):
    return {member["organisation_id"]: member for member in snapshot.get("members", [])}


def _member_changes(before, after):
    changes = []
    old, new = _members(before), _members(after)
    changes += _line_sets(
        "Collectif",
        "Structure",
        [f"{m['name']} ({m['role_label']})" for m in old.values()],
        [f"{m['name']} ({m['role_label']})" for m in new.values()],
    )
    for pk, member in new.items():
        if pk not in old:
            continue
        previous = old[pk]
        section = member["name"]
        old_criteria = {c["code"]: c for c in previous.get("criteria", [])}
        for criterion in member.get("criteria", []):
            before_text = old_criteria.get(criterion["code"], {}).get("justification", "")
            if before_text != criterion["justification"]:
                changes.append(_change(section, criterion["label"], before_text, criterion["justification"]))
        changes += _line_sets(
            section,
            "Pièce justificative",
            [f"{d['kind_label']} : {d['name']}" for d in previous.get("documents", [])],
            [f"{d['kind_label']} : {d['name']}" for d in member.get("documents", [])],
        )
        old_docs = {(d["kind"], d["name"]): d["sha256"] for d in previous.get("documents", [])}
        for document in member.get("documents", []):
            sha = old_docs.get((document["kind"], document["name"]))
            if sha is not None and sha != document["sha256"]:
                label = f"{document['kind_label']} : {document['name']}"
                changes.append(_change(section, "Pièce justificative remplacée", label, label))
    return changes


def snapshot_changes(before, after):
    """Every difference an instructor should see between two snapshots, section by section."""
    changes = []
    for key, label in TEXT_FIELDS:
        if (before.get(key) or "") != (after.get(key) or ""):
            changes.append(_change("Projet", label, before.get(key) or "", after.get(key) or ""))
    if before.get("publics_labels", []) != after.get("publics_labels", []):
        changes.append(
            _change(
                "Projet",
                "Publics visés",
                ", ".join(before.get("publics_labels", [])),
                ", ".join(after.get("publics_labels", [])),
            )
        )
    changes += _line_sets("Territoire", "Lieu d'activité", _communes(before), _communes(after))
    changes += _member_changes(before, after)
    old_budget, new_budget = before.get("budget") or {}, after.get("budget") or {}
    for key, label, formatter in BUDGET_TOTALS:
        # A total an older snapshot did not hold yet (communication) is not a change.
        if key in old_budget and old_budget.get(key) != new_budget.get(key):
            changes.append(
                _change(
                    "Budget", label, _amount(old_budget.get(key), formatter), _amount(new_budget.get(key), formatter)
                )
            )
    changes += _line_sets(
        "Budget",
        "Dépense",
        _budget_lines(before, "expenses", "category_label"),
        _budget_lines(after, "expenses", "category_label"),
    )
    changes += _line_sets(
        "Budget",
        "Ressource",
        _budget_lines(before, "resources", "kind_label"),
        _budget_lines(after, "resources", "kind_label"),
    )
    return changes
