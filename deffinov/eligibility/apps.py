from django.apps import AppConfig


class EligibilityConfig(AppConfig):
    name = "deffinov.eligibility"
    verbose_name = "Éligibilité"

    def ready(self):
        from deffinov.eligibility.snapshots import connect_signals

        connect_signals()
