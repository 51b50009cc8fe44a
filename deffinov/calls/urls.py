from django.urls import path

from deffinov.calls import views

app_name = "calls"
urlpatterns = [
    path("", views.call_list, name="list"),
    path("<slug:slug>/", views.call_detail, name="detail"),
    path("<slug:slug>/modeles/<slug:code>/", views.requirement_template, name="requirement_template"),
]
