from django.apps import AppConfig


class OpenDataConfig(AppConfig):
    name = "deffinov.opendata"
    verbose_name = "Données ouvertes"

    def ready(self):
        from deffinov.opendata import checks  # noqa: F401 - registers the check of REGION_SIRET
