from django.apps import AppConfig


class EmailsConfig(AppConfig):
    name = "deffinov.emails"
    verbose_name = "Courriels"
