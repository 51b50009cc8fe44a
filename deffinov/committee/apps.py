from django.apps import AppConfig


class CommitteeConfig(AppConfig):
    name = "deffinov.committee"
    verbose_name = "Comité de sélection et décisions"
