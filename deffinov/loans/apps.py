from django.apps import AppConfig


class LoansConfig(AppConfig):
    name = "deffinov.loans"
    verbose_name = "Prêts de matériel et de ressources"
