from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "deffinov.api"
    verbose_name = "API"
