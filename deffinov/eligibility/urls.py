from django.urls import path

from deffinov.eligibility import views

app_name = "eligibility"
urlpatterns = [
    # Public: anyone may try the simulator, without an account.
    path("simulateur/", views.simulator, name="simulator"),
]
