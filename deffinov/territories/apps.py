from django.apps import AppConfig


class TerritoriesConfig(AppConfig):
    name = "deffinov.territories"
    verbose_name = "Territoires"
