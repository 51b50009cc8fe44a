"""« Données ouvertes »: what the platform publishes, in which national format, under which licence."""

from dataclasses import dataclass

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from deffinov.formatting import euros
from deffinov.opendata import dispositifs, scdl


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: str
    description: str
    schema_title: str
    schema_url: str
    url: str
    columns: tuple


def datasets():
    threshold = euros(settings.OPEN_DATA_GRANT_THRESHOLD)
    return [
        Dataset(
            "subventions",
            "Subventions attribuées",
            f"Les données essentielles des conventions de subvention signées par la Région à partir de {threshold} "
            "(décret n° 2017-779 du 5 mai 2017) : une ligne par bénéficiaire, avec le montant total de la subvention "
            "et la part versée à chaque structure du collectif, la date de la convention et la période des "
            "versements échelonnés. Une subvention paraît dès que la Région a contre-signé sa convention.",
            "SCDL « subventions » 2.1.1 (OpenDataFrance)",
            "https://schema.data.gouv.fr/scdl/subventions/",
            reverse("api:scdl_subventions"),
            scdl.COLUMNS,
        ),
        Dataset(
            "dispositifs",
            "Appels à projets (dispositifs d'aide)",
            "Chaque appel à projets publié, décrit comme un dispositif d'aide : objet, conditions d'éligibilité, "
            "bénéficiaires visés, départements couverts, dates d'ouverture et de clôture. Son identifiant est repris "
            "dans la colonne « dispositifAide » des subventions.",
            "« Dispositif d'aide » v0.2.0 (Etalab)",
            "https://schema.data.gouv.fr/etalab/schema-dispositif-aide/",
            reverse("api:dispositif_aide"),
            dispositifs.COLUMNS,
        ),
    ]


@require_safe
def index(request):
    """Public: each dataset with its schema, licence, update frequency and download link; the API beside them."""
    return render(request, "opendata/index.html", {"datasets": datasets()})
