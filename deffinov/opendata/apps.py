from django.apps import AppConfig


class OpenDataConfig(AppConfig):
    name = "deffinov.opendata"
    verbose_name = "Données ouvertes"
