from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "deffinov.audit"
    verbose_name = "Journal d'audit"
