from django.apps import AppConfig


class MatchmakingConfig(AppConfig):
    name = "deffinov.matchmaking"
    verbose_name = "Recherche de partenaires"
