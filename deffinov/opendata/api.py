"""GET /api/v1/open-data/…: the open-data files, streamed as CSV (UTF-8, comma-separated, one header line)."""

from ninja import Router

from deffinov.opendata import dispositifs, scdl
from deffinov.opendata.csvstream import csv_response

router = Router(tags=["Données ouvertes"])


def csv_answer(description):
    return {"responses": {200: {"description": description, "content": {"text/csv": {"schema": {"type": "string"}}}}}}


@router.get(
    "/scdl-subventions.csv",
    summary="Subventions attribuées, au format SCDL « subventions » 2.1.1",
    openapi_extra=csv_answer("Une ligne par bénéficiaire de chaque subvention conventionnée (CSV)."),
)
def scdl_subventions(request):
    """Public: the data essential to each grant convention countersigned by the Region from the décret's threshold
    (23 000 €), one row per beneficiary; Licence Ouverte 2.0."""
    return csv_response("scdl-subventions.csv", scdl.COLUMNS, scdl.rows())


@router.get(
    "/dispositif-aide.csv",
    summary="Les appels à projets, au format « dispositif d'aide »",
    openapi_extra=csv_answer("Une ligne par appel à projets publié (CSV)."),
)
def dispositif_aide(request):
    """Public: each published call as a « dispositif d'aide » (schéma Etalab v0.2.0); Licence Ouverte 2.0."""
    return csv_response("dispositif-aide.csv", dispositifs.COLUMNS, dispositifs.rows())
