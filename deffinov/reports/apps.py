from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "deffinov.reports"
    verbose_name = "Bilans et indicateurs"

    def ready(self):
        from deffinov.grants.workflow import register
        from deffinov.reports.projects import after_countersign

        # The convention is signed: the interim and final reports are owed, with their due dates.
        register("countersign", after=after_countersign)
