"""Every existing call gets, as data, exactly the budget categories and required documents that were code."""

from django.db import migrations

CATEGORIES = (
    ("personnel", "Personnel", False),
    ("equipement_pedagogique", "Équipement pédagogique", False),
    ("amenagement_leger", "Aménagement léger", False),
    ("prestations", "Prestations", False),
    ("communication", "Communication", True),
    ("deplacements", "Déplacements", False),
    ("frais_structure", "Frais de structure", False),
    ("autre", "Autre", False),
)
# Every counted member the four common ones (the commitment letter from associated partners too),
# the lead its bank details, a Qualiopi-certified counted member its certificate.
REQUIREMENTS = (
    ("statuts", "Statuts", "counted"),
    ("sirene_kbis", "Avis de situation SIRENE ou extrait Kbis", "counted"),
    ("engagement", "Lettre d'engagement signée", "all"),
    ("de_minimis", "Déclaration des aides de minimis", "counted"),
    ("rib", "RIB", "lead"),
    ("qualiopi", "Certificat Qualiopi", "qualiopi"),
)


def add_default_form(apps, schema_editor):
    Call = apps.get_model("calls", "Call")
    BudgetCategory = apps.get_model("calls", "BudgetCategory")
    DocumentRequirement = apps.get_model("calls", "DocumentRequirement")
    for call in Call.objects.all():
        for position, (code, label, communication) in enumerate(CATEGORIES, start=1):
            BudgetCategory.objects.get_or_create(
                call=call,
                code=code,
                defaults={"label": label, "is_communication": communication, "position": position},
            )
        for position, (code, label, provider) in enumerate(REQUIREMENTS, start=1):
            DocumentRequirement.objects.get_or_create(
                call=call, code=code, defaults={"label": label, "provider": provider, "position": position}
            )


class Migration(migrations.Migration):
    dependencies = [("calls", "0004_budgetcategory_documentrequirement")]

    operations = [migrations.RunPython(add_default_form, migrations.RunPython.noop)]
