from django.urls import path

from deffinov.bookings import host, views

app_name = "bookings"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("lieux/<int:pk>/", views.place_slots, name="place"),
    path("lieux/<int:pk>/embed/", views.embed, name="embed"),
    path("lieux/<int:pk>/reserver/", views.book, name="book"),
    path("creneaux/<int:slot_id>/groupe/", views.group, name="group"),
    path("confirmer/<str:token>/", views.confirm_email, name="confirm_email"),
    path("annuler/<str:token>/", views.cancel_link, name="cancel_link"),
    path("<int:pk>/annuler/", views.cancel, name="cancel"),
    path("<int:pk>/action/", host.host_action, name="host_action"),
    path("accueil/<int:pk>/", host.host_bookings, name="host"),
    path("accueil/<int:pk>/ressources/", host.resources, name="resources"),
    path("accueil/<int:pk>/ressources/nouvelle/", host.resource_edit, name="resource_create"),
    path("accueil/<int:pk>/ressources/<int:resource_pk>/", host.resource_edit, name="resource_edit"),
]
