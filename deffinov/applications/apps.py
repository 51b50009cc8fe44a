from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "deffinov.applications"
    verbose_name = "Dossiers de candidature"
