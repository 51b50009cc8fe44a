"""The Region's payments, across projects: /versements/."""

from django.urls import path

from deffinov.payments import views

app_name = "payments_queue"

urlpatterns = [
    path("", views.queue, name="index"),
    path("reversements/<int:pk>/", views.recovered, name="recovered"),
]
