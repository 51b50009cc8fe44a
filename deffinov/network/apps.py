from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "deffinov.network"
    verbose_name = "Réseau des lieux"
