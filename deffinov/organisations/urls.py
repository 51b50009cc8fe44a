from django.urls import path

from deffinov.organisations import views

app_name = "organisations"
urlpatterns = []
urlpatterns = [
    path("<int:pk>/", views.organisation_detail, name="detail"),
]
