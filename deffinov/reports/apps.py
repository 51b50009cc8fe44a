from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "deffinov.reports"
    verbose_name = "Bilans et indicateurs"
