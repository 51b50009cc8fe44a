from django.apps import AppConfig


class CallsConfig(AppConfig):
    name = "deffinov.calls"
    verbose_name = "Appels à projets"

    def ready(self):
        from deffinov.calls import signals  # noqa: F401 - connects the receivers
