from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "deffinov.applications"
