from django.apps import AppConfig


class EligibilityConfig(AppConfig):
    name = "deffinov.eligibility"
