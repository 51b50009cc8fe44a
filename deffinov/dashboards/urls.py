from django.urls import path

from deffinov.dashboards import views

app_name = "dashboards"

urlpatterns = [
    path("tableau-de-bord/", views.index, name="index"),
    path("tableau-de-bord/<slug:key>.<str:extension>", views.export, name="export"),
    path("projets-soutenus/", views.supported, name="supported"),
]
