from django.apps import AppConfig


class BookingsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "deffinov.bookings"
    verbose_name = "Réservations de places"
