from django.apps import AppConfig


class TerritoriesConfig(AppConfig):
    name = "deffinov.territories"
