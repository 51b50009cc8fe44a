from django.urls import path

from deffinov.reports import views

app_name = "reports"

# Mounted at the site's root: a project's reports live under /projets/<number>/bilans/, the Region's list of late
# reports under /suivi/.
urlpatterns = [
    path("suivi/bilans-en-retard/", views.late, name="late"),
    path("projets/<str:number>/bilans/<str:kind>/", views.detail, name="detail"),
    path("projets/<str:number>/bilans/<str:kind>/rediger/", views.edit, name="edit"),
    path("projets/<str:number>/bilans/<str:kind>/decision/", views.decide, name="decide"),
    path("projets/<str:number>/bilans/<str:kind>/versions/<int:version_number>/", views.version, name="version"),
    path("projets/<str:number>/bilans/<str:kind>/pieces/<int:pk>/", views.attachment, name="attachment"),
    path(
        "projets/<str:number>/bilans/<str:kind>/pieces/<int:pk>/retirer/",
        views.remove_attachment,
        name="remove_attachment",
    ),
]
