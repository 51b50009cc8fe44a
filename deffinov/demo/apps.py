from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "deffinov.demo"
    verbose_name = "Démonstration"
