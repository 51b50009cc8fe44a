"""The Region's SIRET published in every row of the grants file must be a valid SIRET."""

from django.conf import settings
from django.core.checks import Error, register
from stdnum.fr import siret


@register()
def check_region_siret(app_configs, **kwargs):
    if siret.is_valid(settings.REGION_SIRET or ""):
        return []
    return [
        Error(
            f"REGION_SIRET ({settings.REGION_SIRET!r}) n'est pas un SIRET valide : le fichier des subventions "
            "(SCDL) le publie comme identifiant de la Région.",
            hint="Indiquez les 14 chiffres du SIRET de l'établissement de la Région qui attribue les subventions.",
            id="deffinov.opendata.E001",
        )
    ]
