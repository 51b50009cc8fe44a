from django.apps import AppConfig


class GrantsConfig(AppConfig):
    name = "deffinov.grants"
    verbose_name = "Projets financés"
