from django.apps import AppConfig


class WwwConfig(AppConfig):
    name = "deffinov.www"
    verbose_name = "Pages publiques"
