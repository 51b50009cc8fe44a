from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "deffinov.reviews"
    verbose_name = "Avis d'experts et notation"
