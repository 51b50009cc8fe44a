from django.urls import path

from deffinov.matchmaking.views import ads, threads

app_name = "matchmaking"
urlpatterns = [
    path("", ads.index, name="index"),
    path("annonces/nouvelle/", ads.ad_create, name="ad_create"),
    path("annonces/<int:pk>/", ads.ad_detail, name="ad"),
    path("annonces/<int:pk>/modifier/", ads.ad_edit, name="ad_edit"),
    path("annonces/<int:pk>/statut/", ads.ad_status, name="ad_status"),
    path("annonces/<int:pk>/contacter/", threads.contact, name="contact"),
    path("annonces/<int:pk>/inviter/", ads.invite, name="invite"),
    path("conversations/", threads.thread_list, name="threads"),
    path("conversations/<int:pk>/", threads.thread_detail, name="thread"),
]
