from django.apps import AppConfig


class UtilsConfig(AppConfig):
    name = "deffinov.utils"
