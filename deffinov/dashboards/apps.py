from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "deffinov.dashboards"
    verbose_name = "Tableaux de bord"
